/**
 * One data-access rule (#15): all SQL lives in repositories — files named `*.repository.ts`,
 * one query per method, taking the executor — and services, routes and helpers hold none. The
 * test reads every source file of the modules and of the kernel parts that own tables (auth,
 * audit, import, jobs) and reports any Kysely query builder call or `sql` template outside a
 * repository. The database plumbing itself (`db/`), migrations, seeds and the simulator are not
 * domain code and are not read.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = fileURLToPath(new URL('../', import.meta.url))

/** Folders of domain code: every module, and the kernel parts that own tables. */
const ROOTS = ['modules', 'auth', 'audit', 'import', 'jobs']

/** Query-building calls and the `sql` template: what a repository does and nothing else does. */
const SQL_PATTERNS: readonly RegExp[] = [
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(/,
  /(^|[^\w.])sql(<[^>]*>)?`/,
  /\bsql\.(raw|ref|table|id|lit|join|val)\(/,
  /\.executeQuery\(/,
  /\.query\(\s*['"`]/,
]

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** SQL kits that repositories call (the scope condition), not queries of their own. */
const KITS = new Set(['auth/scope.ts'])

const isDomainCode = (file: string): boolean =>
  !/\.test\.ts$/.test(file) && !file.endsWith('.repository.ts') && !KITS.has(relative(src, file))

/** `file:line  text` for every line of domain code outside a repository that builds SQL. */
export function sqlOutsideRepositories(): string[] {
  const found: string[] = []
  for (const root of ROOTS) {
    for (const file of files(join(src, root)).filter(isDomainCode)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '')
          if (SQL_PATTERNS.some((p) => p.test(code)))
            found.push(`${relative(src, file)}:${String(i + 1)}  ${line.trim()}`)
        })
    }
  }
  return found
}

describe('SQL lives in repositories (#15)', () => {
  it('no service, route or helper of a module builds a query', () => {
    expect(sqlOutsideRepositories()).toEqual([])
  })

  it('the check sees a query builder call and a sql template', () => {
    const hit = (line: string) => SQL_PATTERNS.some((p) => p.test(line))
    expect(hit("await tx.selectFrom('cases').selectAll().execute()")).toBe(true)
    expect(hit('const n = sql<number>`count(*)`')).toBe(true)
    expect(hit("sql.ref('c.region_code')")).toBe(true)
    expect(hit('const mysql = 1')).toBe(false)
    expect(hit('this.repo.selectCases(tx, scope)')).toBe(false)
  })
})
