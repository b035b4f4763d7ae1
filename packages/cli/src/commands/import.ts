import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import {
  createImportsService,
  createServices,
  loadConfig,
  openConfiguredDatabase,
  type RowIssue,
} from '@lianfang/server'

const log = (msg: string) => process.stderr.write(`${msg}\n`)
const REGION = /^[0-9]{6}([0-9]{3}){0,2}$/

export interface ImportArgs {
  readonly kind: string
  readonly file: string
  /** The region subtree the rows must stay in (and the region of rows that name none). */
  readonly region: string | undefined
  readonly dryRun: boolean
}

/** Parses `import <kind> <file> [--region CODE] [--dry-run]`; throws an Error saying what is wrong. */
export function parseImportArgs(args: string[]): ImportArgs {
  const { values, positionals } = parseArgs({
    args,
    options: { region: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  })
  const [kind, file, ...rest] = positionals
  if (!kind || !file || rest.length > 0)
    throw new Error('usage: lianfang import <kind> <file> [--region CODE] [--dry-run]')
  if (values.region !== undefined && !REGION.test(values.region)) {
    throw new Error(`--region must be a region code of 6, 9 or 12 digits, got "${values.region}"`)
  }
  return { kind, file, region: values.region, dryRun: values['dry-run'] ?? false }
}

/** One row problem as a line: `row 7, 手机号码: invalidFormat (pattern)`. */
export function formatIssue(i: RowIssue): string {
  return `row ${String(i.row)}${i.column === null ? '' : `, ${i.column}`}: ${i.code}${i.detail === null ? '' : ` (${i.detail})`}`
}

/**
 * Imports a CSV or .xlsx file as the operator (the audit record names `cli:<os user>`), within
 * `--region` (default: the node's region). Every row problem is printed; a progress bar with
 * an ETA is shown on a terminal while a long import is written. Exit code 3 when rows were left out.
 */
export async function importCommand(args: string[]): Promise<void> {
  const a = parseImportArgs(args)
  const bytes = await readFile(a.file)
  const config = loadConfig()
  const database = await openConfiguredDatabase(config, log)
  try {
    const services = createServices(config, database)
    const imports = createImportsService(services)
    const region = a.region ?? config.nodeRegion
    if (!(await services.regionsRepo.findByCode(region))) throw new Error(`region ${region} does not exist`)
    const bar = new cliProgress.SingleBar(
      {
        format: 'importing {bar} {percentage}% | {value}/{total} rows | ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    )
    let started = false
    const result = await imports.run(
      { name: `cli:${userInfo().username}`, role: 'operator' },
      a.kind,
      { filename: basename(a.file), bytes },
      {
        scopeRegion: region,
        dryRun: a.dryRun,
        onProgress: (done, total) => {
          // One batch is quick: the bar is for imports that take a while.
          if (!started && total > 1000) {
            bar.start(total, 0)
            started = true
          }
          if (started) bar.update(done)
        },
      },
    )
    if (started) bar.stop()
    const issues = [...result.analysis.issues, ...result.issues]
    for (const i of issues) log(formatIssue(i))
    process.stdout.write(
      `${JSON.stringify({
        kind: a.kind,
        file: basename(a.file),
        sha256: result.analysis.digest,
        rows: result.analysis.rowCount,
        valid: result.analysis.rows.length,
        inserted: result.inserted,
        issues: issues.length,
        dryRun: a.dryRun,
      })}\n`,
    )
    if (issues.length > 0) process.exitCode = 3
  } finally {
    await database.close()
  }
}
