import { sql } from 'kysely'
import {
  DomainError,
  EDITIONS,
  RULE_SET_PRESETS,
  regionPrefix,
  type Edition,
  type RuleSet,
} from '@lianfang/core'
import type { CreateRuleSetBody, DryRunResult, RuleSetRecord, UpdateRuleSetBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { assertInScope } from '../../auth/scope.js'
import { likePrefix, requireRegion } from '../../db/kit.js'
import type { ColourService } from './colour.service.js'
import {
  ancestry,
  resolveRuleSets,
  RuleSetsRepository,
  toRuleSet,
  type RuleSetRow,
} from './rule-sets.repository.js'

function record(row: RuleSetRow): RuleSetRecord {
  return {
    id: row.id,
    regionCode: row.region_code,
    name: row.name,
    edition: row.edition as Edition,
    version: row.version,
    status: row.status as RuleSetRecord['status'],
    params: row.params as RuleSetRecord['params'],
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  }
}

const DRY_RUN_BATCH = 2000

/**
 * Rule sets as versioned data per region: an admin drafts one (from an edition preset),
 * edits its parameters, runs it dry against the region's population (who would change
 * colour), and publishes it; publishing recomputes every colour in the region's subtree.
 */
export class RuleSetsService {
  private readonly repo = new RuleSetsRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
  ) {}

  presets(): RuleSetRecord[] {
    return EDITIONS.map((e) => {
      const p = RULE_SET_PRESETS[e]
      return {
        id: p.id,
        regionCode: null,
        name: `${e} preset`,
        edition: e,
        version: p.version,
        status: 'preset',
        params: p.params as RuleSetRecord['params'],
        createdAt: null,
        publishedAt: null,
      }
    })
  }

  /** Rule sets of the user's region, its ancestors (in force from above) and its subtree. */
  async list(user: SessionUser, regionCode: string | undefined): Promise<RuleSetRecord[]> {
    const region = regionCode ?? user.regionCode
    assertInScope(user, region, `region ${region}`)
    const rows = await this.database.db
      .selectFrom('rule_sets')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('region_code', 'in', ancestry(region)),
          eb('region_code', 'like', likePrefix(regionPrefix(region))),
        ]),
      )
      .orderBy('region_code')
      .orderBy('version', 'desc')
      .execute()
    return rows.map(record)
  }

  /** The rule set in force for a region (published, nearest up the tree; else the FK8 preset). */
  async inForce(user: SessionUser, regionCode: string | undefined): Promise<RuleSetRecord> {
    const region = regionCode ?? user.regionCode
    assertInScope(user, region, `region ${region}`)
    const rs = (await resolveRuleSets(this.database.db, [region])).get(region)
    const id = rs?.id.split('#')[1]
    if (!rs || !id) return this.presets().find((p) => p.id === rs?.id) ?? (this.presets()[2] as RuleSetRecord)
    const row = await this.repo.find(this.database.db, id)
    if (!row) throw new DomainError('NOT_FOUND', `rule set ${id} vanished`)
    return record(row)
  }

  async create(user: SessionUser, body: CreateRuleSetBody): Promise<RuleSetRecord> {
    assertInScope(user, body.regionCode, `region ${body.regionCode}`)
    const params = body.params ?? RULE_SET_PRESETS[body.edition].params
    return this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      const version = await this.repo.nextVersion(tx, body.regionCode)
      const row = await tx
        .insertInto('rule_sets')
        .values({
          region_code: body.regionCode,
          name: body.name,
          edition: body.edition,
          version,
          params: JSON.stringify(params),
          created_by: user.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await this.audit.append(tx, user, {
        action: 'ruleset.create',
        targetType: 'rule_set',
        targetId: row.id,
        details: { version },
      })
      return record(row)
    })
  }

  async update(user: SessionUser, id: string, body: UpdateRuleSetBody): Promise<RuleSetRecord> {
    return this.database.db.transaction().execute(async (tx) => {
      const row = await this.repo.find(tx, id)
      if (!row) throw new DomainError('NOT_FOUND', `rule set ${id} does not exist`)
      assertInScope(user, row.region_code, `rule set ${id}`)
      if (row.status !== 'draft')
        throw new DomainError(
          'CONFLICT',
          `rule set ${id} is ${row.status}; only drafts can be edited — create a new version`,
        )
      const updated = await tx
        .updateTable('rule_sets')
        .set({ params: JSON.stringify(body.params), ...(body.name ? { name: body.name } : {}) })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      await this.audit.append(tx, user, { action: 'ruleset.update', targetType: 'rule_set', targetId: id })
      return record(updated)
    })
  }

  /**
   * Who would change colour if this rule set were in force now: every person of its region's
   * subtree that has any fact or a non-green colour (others are green under any rule set).
   */
  async dryRun(user: SessionUser, id: string): Promise<DryRunResult> {
    const row = await this.repo.find(this.database.db, id)
    if (!row) throw new DomainError('NOT_FOUND', `rule set ${id} does not exist`)
    assertInScope(user, row.region_code, `rule set ${id}`)
    const candidate: RuleSet = toRuleSet(row)
    const prefix = likePrefix(regionPrefix(row.region_code))
    const db = this.database.db
    const subjects = await sql<{ id: string; region_code: string; name: string; colour: string | null }>`
      select p.id, p.region_code, p.name, hc.colour
        from persons p left join health_codes hc on hc.person_id = p.id
       where p.region_code like ${prefix}
         and (hc.colour in ('yellow', 'red') or ${sql.join(this.colours.sources.hasFacts(), sql` or `)})
       order by p.id`.execute(db)
    const transitions = new Map<string, number>()
    const persons: DryRunResult['persons'] = []
    let changed = 0
    for (let i = 0; i < subjects.rows.length; i += DRY_RUN_BATCH) {
      const batch = subjects.rows.slice(i, i + DRY_RUN_BATCH)
      const decisions = await this.colours.evaluate(
        db,
        batch.map((p) => ({ id: p.id, regionCode: p.region_code })),
        () => candidate,
      )
      for (const p of batch) {
        const to = decisions.get(p.id)?.colour ?? 'green'
        const from = (p.colour ?? 'green') as typeof to
        if (from === to) continue
        changed++
        transitions.set(`${from}>${to}`, (transitions.get(`${from}>${to}`) ?? 0) + 1)
        if (persons.length < 500)
          persons.push({ personId: p.id, name: p.name, regionCode: p.region_code, from, to })
      }
    }
    await this.audit.record(user, {
      action: 'ruleset.dry_run',
      targetType: 'rule_set',
      targetId: id,
      details: { evaluated: subjects.rows.length, changed },
    })
    return {
      ruleSet: `${candidate.id}@${candidate.version}`,
      evaluated: subjects.rows.length,
      changed,
      transitions: [...transitions].map(([k, count]) => {
        const [from, to] = k.split('>') as [
          DryRunResult['transitions'][number]['from'],
          DryRunResult['transitions'][number]['to'],
        ]
        return { from, to, count }
      }),
      persons,
    }
  }

  /** Publishes a draft (superseding the region's previous one) and recomputes the subtree. */
  async publish(user: SessionUser, id: string): Promise<RuleSetRecord> {
    const published = await this.database.db.transaction().execute(async (tx) => {
      const row = await this.repo.find(tx, id)
      if (!row) throw new DomainError('NOT_FOUND', `rule set ${id} does not exist`)
      assertInScope(user, row.region_code, `rule set ${id}`)
      if (row.status !== 'draft') throw new DomainError('CONFLICT', `rule set ${id} is already ${row.status}`)
      await tx
        .updateTable('rule_sets')
        .set({ status: 'superseded' })
        .where('region_code', '=', row.region_code)
        .where('status', '=', 'published')
        .execute()
      const updated = await tx
        .updateTable('rule_sets')
        .set({ status: 'published', published_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      await this.audit.append(tx, user, {
        action: 'ruleset.publish',
        targetType: 'rule_set',
        targetId: id,
        details: { version: row.version },
      })
      await this.colours.enqueueWhere(
        tx,
        sql<{
          person_id: string
        }>`select person_id from health_codes where region_code like ${likePrefix(regionPrefix(row.region_code))}`,
      )
      return record(updated)
    })
    return published
  }
}
