import { parseArgs } from 'node:util'
import { parseEpochDay, regionLevel } from '@lianfang/core'
import { loadConfig, loadSyntheticCity, openConfiguredDatabase, PiiCipher } from '@lianfang/server'

const log = (msg: string) => process.stderr.write(`${msg}\n`)

export interface SimulateArgs {
  readonly people: number
  readonly days: number
  readonly seed: number
  readonly region: string
  readonly start: string | undefined
  /** Share of visits recorded as check-ins, in (0, 1]. */
  readonly checkinShare: number
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw.replaceAll('_', ''))
  if (raw.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`)
  }
  return n
}

/** Parses and checks `simulate` options; throws an Error that says which option is wrong and why. */
export function parseSimulateArgs(args: string[]): SimulateArgs {
  const { values } = parseArgs({
    args,
    options: {
      people: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      region: { type: 'string' },
      start: { type: 'string' },
      'checkin-share': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  })
  const region = values.region ?? '420100'
  if (regionLevel(region) !== 'city') {
    throw new Error(
      `--region must be a 6-digit city-level code such as 420100 (Wuhan) or 110100 (Beijing), got "${region}"`,
    )
  }
  if (values.start !== undefined) {
    try {
      parseEpochDay(values.start)
    } catch (e) {
      throw new Error(`--start: ${(e as Error).message}`, { cause: e })
    }
  }
  const rawShare = values['checkin-share']
  const checkinShare = rawShare === undefined ? 1 : Number(rawShare)
  if (rawShare !== undefined && (rawShare.trim() === '' || !(checkinShare > 0 && checkinShare <= 1))) {
    throw new Error(`--checkin-share must be a number greater than 0 and at most 1, got "${rawShare}"`)
  }
  return {
    people: integer('people', values.people, 10_000, 1, 50_000_000),
    days: integer('days', values.days, 7, 1, 366),
    seed: integer('seed', values.seed, 1, 0, Number.MAX_SAFE_INTEGER),
    region,
    start: values.start,
    checkinShare,
  }
}

/**
 * `lianfang simulate --people N --days D --seed S [--region CODE] [--start YYYY-MM-DD]
 * [--checkin-share F]`: loads a synthetic city into the configured database (DATABASE_URL, else
 * the embedded PGlite in LIANFANG_DATA_DIR) and prints the load rates. Each run adds another
 * population. `--checkin-share` records only that share of the visits as check-ins (default 1;
 * about 2 check-ins per person-day at 1, so 0.36 gives ≈ 10 M from 1 M people over 14 days).
 */
export async function simulateCommand(args: string[]): Promise<void> {
  const options = parseSimulateArgs(args)
  const config = loadConfig()
  const database = await openConfiguredDatabase(config, log)
  try {
    let lastReport = 0
    const result = await loadSyntheticCity(database, new PiiCipher(config.masterSecret), {
      seed: options.seed,
      people: options.people,
      days: options.days,
      cityCode: options.region,
      ...(options.start ? { startDate: options.start } : {}),
      ...(options.checkinShare < 1 ? { checkinShare: options.checkinShare } : {}),
      onProgress: (p) => {
        const now = Date.now()
        if (now - lastReport < 1000 && p.rows < p.total) return
        lastReport = now
        log(`  ${p.table}: ${p.rows.toLocaleString('en')} / ${p.total.toLocaleString('en')}`)
      },
    })
    const rate = (n: number, s: number) => `${Math.round(n / Math.max(s, 1e-9)).toLocaleString('en')}/s`
    const t = result.timings
    process.stdout.write(
      [
        `Loaded synthetic population #${result.population} of ${options.region} (seed ${options.seed}, ${options.days} days from ${result.startDate}) into ${database.kind}:`,
        `  regions     ${result.regions.toLocaleString('en')}`,
        `  households  ${result.households.toLocaleString('en')}  (${rate(result.households, t.households)})`,
        `  venues      ${result.venues.toLocaleString('en')}  (${rate(result.venues, t.venues)})`,
        `  units       ${result.units.toLocaleString('en')}  (teams and classes, ${rate(result.units, t.units)})`,
        `  persons     ${result.persons.toLocaleString('en')}  (${rate(result.persons, t.persons)})`,
        `  check-ins   ${result.checkins.toLocaleString('en')}  (${rate(result.checkins, t.checkins)})`,
        `  total       ${result.seconds.toFixed(1)} s (generate, regions and id reservation ${t.plan.toFixed(1)} s)`,
        '',
      ].join('\n'),
    )
  } finally {
    await database.close()
  }
}
