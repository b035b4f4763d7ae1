/**
 * Facts owned by their domain (#15): every table has one owner, and no module's code writes a
 * table another module owns — it asks the owner's service instead. The test reads the source of
 * every module (tests excepted) for INSERT / UPDATE / DELETE in Kysely or SQL form, and knows
 * every table the migrations create, so a new table without an owner fails too.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = fileURLToPath(new URL('../', import.meta.url))
const migrations = fileURLToPath(new URL('../../migrations/', import.meta.url))

/** Owner of each table: a module folder, or a kernel part outside `modules/`. */
const OWNER: Readonly<Record<string, string>> = {
  regions: 'regions',
  persons: 'persons',
  households: 'persons',
  work_units: 'persons',
  users: 'kernel:auth',
  sessions: 'kernel:auth',
  login_failures: 'kernel:auth',
  audit_log: 'kernel:audit',
  jobs: 'kernel:jobs',
  job_leases: 'kernel:jobs',
  import_previews: 'kernel:import',
  otp_codes: 'citizens',
  sms_outbox: 'citizens',
  signing_keys: 'keys',
  node_settings: 'keys',
  code_status_bits: 'keys',
  health_codes: 'health-codes',
  colour_history: 'health-codes',
  outbox: 'health-codes',
  rule_sets: 'health-codes',
  health_declarations: 'health-codes',
  trips: 'health-codes',
  fever_clinic_visits: 'health-codes',
  venues: 'checkins',
  checkins: 'checkins',
  checkin_scan_ids: 'checkins',
  checkin_partition_drops: 'checkins',
  cases: 'cases',
  contacts: 'cases',
  case_links: 'cases',
  case_status_history: 'cases',
  cluster_alerts: 'cases',
  assist_requests: 'cases',
  case_followups: 'followups',
  appeals: 'appeals',
  quarantine_orders: 'quarantine',
  nat_results: 'testing',
  antibody_results: 'testing',
  key_group_memberships: 'key-groups',
  key_groups: 'key-groups',
  key_group_reminders: 'key-groups',
  risk_area_periods: 'risk-areas',
  dcc_signers: 'dcc',
  sampling_sites: 'sampling',
  sampling_bookings: 'sampling',
  screening_campaigns: 'sampling',
  campaign_sites: 'sampling',
  test_orders: 'sampling',
  campaign_unreachable: 'sampling',
  labs: 'tubes',
  shipments: 'tubes',
  tubes: 'tubes',
  tube_members: 'tubes',
  lab_staff: 'tubes',
  test_alerts: 'tubes',
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.includes('.test.')
        ? [join(dir, e.name)]
        : [],
  )
}

const WRITE = [
  /\b(?:insertInto|updateTable|deleteFrom|replaceInto)\(\s*'([a-z_]+)/g,
  /\b(?:insert\s+into|update|delete\s+from)\s+([a-z_]+)\b/gi,
]

function writesOf(text: string): Set<string> {
  const out = new Set<string>()
  for (const re of WRITE)
    for (const m of text.matchAll(re)) if (m[1] && m[1].toLowerCase() in OWNER) out.add(m[1].toLowerCase())
  return out
}

describe('each table is written by its owner only (#15)', () => {
  it('every table the migrations create has an owner', () => {
    const created = new Set<string>()
    for (const f of readdirSync(migrations).filter((n) => n.endsWith('.sql')))
      for (const m of readFileSync(join(migrations, f), 'utf8').matchAll(
        /create table (?:if not exists )?([a-z_]+)/gi,
      ))
        created.add(m[1]!.toLowerCase())
    expect([...created].filter((t) => !(t in OWNER))).toEqual([])
  })

  it("no module writes another module's table", () => {
    const offences: string[] = []
    const modulesDir = join(src, 'modules')
    for (const name of readdirSync(modulesDir)) {
      for (const file of files(join(modulesDir, name))) {
        for (const table of writesOf(readFileSync(file, 'utf8')))
          if (OWNER[table] !== name)
            offences.push(`${file.slice(src.length)} writes ${table} (owned by ${OWNER[table] ?? '?'})`)
      }
    }
    expect(offences).toEqual([])
  })

  it('the scan sees writes in both forms', () => {
    expect([...writesOf("tx.insertInto('nat_results').values(x)")]).toEqual(['nat_results'])
    expect([...writesOf('sql`update quarantine_orders q set ends_at = 1`')]).toEqual(['quarantine_orders'])
    expect([...writesOf("tx.selectFrom('nat_results')")]).toEqual([])
  })
})
