import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { makeResidentId } from '@lianfang/core'
import { loadConfig, openConfiguredDatabase, RegionsRepository } from '@lianfang/server'
import { importCommand } from './import.js'

const quiet = () => undefined

/** `lianfang import` on a node's own (PGlite) data directory, as an operator runs it. */
describe('lianfang import', () => {
  const saved = { ...process.env }
  let dir: string
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lianfang-import-'))
    process.env['LIANFANG_DATA_DIR'] = dir
    process.env['LIANFANG_SECRET'] = 'b'.repeat(64)
    process.env['LIANFANG_NODE_REGION'] = '420100'
    delete process.env['DATABASE_URL']
    const database = await openConfiguredDatabase(loadConfig(), quiet)
    await new RegionsRepository(database).insertMissing([
      { code: '420000', parentCode: null, level: 'province', name: '湖北省' },
      { code: '420100', parentCode: '420000', level: 'city', name: '武汉市' },
      { code: '420106', parentCode: '420100', level: 'district', name: '武昌区' },
      { code: '420106001', parentCode: '420106', level: 'street', name: '积玉桥街道' },
    ])
    await database.close()
  })
  afterEach(() => {
    process.env = { ...saved }
    process.exitCode = undefined
    vi.restoreAllMocks()
  })

  async function run(args: string[]): Promise<{ out: string; err: string }> {
    let out = ''
    let err = ''
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true))
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true))
    try {
      await importCommand(args)
    } finally {
      vi.restoreAllMocks()
    }
    return { out, err }
  }

  async function personsIn(prefix: string): Promise<number> {
    const database = await openConfiguredDatabase(loadConfig(), quiet)
    try {
      const rows = await database.db
        .selectFrom('persons')
        .select('id')
        .where('region_code', 'like', `${prefix}%`)
        .execute()
      return rows.length
    } finally {
      await database.close()
    }
  }

  it('checks with --dry-run, then imports, printing each row problem; exit code 3 when rows were left out', async () => {
    const file = join(dir, '花名册.csv')
    const ids = [1, 2, 3].map((n) => makeResidentId('420106', '1991-03-0' + String(n), 700 + n))
    writeFileSync(
      file,
      [
        '姓名,身份证号码,所属地区',
        `甲,${ids[0] ?? ''},积玉桥街道`,
        `乙,${ids[1] ?? ''},`,
        `丙,${ids[0] ?? ''},`,
        `丁,x,`,
      ].join('\n'),
    )
    const dry = await run(['persons', file, '--region', '420106', '--dry-run'])
    expect(JSON.parse(dry.out)).toMatchObject({ rows: 4, valid: 2, inserted: 0, issues: 2, dryRun: true })
    expect(dry.err).toContain('row 4, 身份证号码: duplicateInFile (2)')
    expect(dry.err).toContain('row 5, 身份证号码: idNumberInvalid')
    expect(process.exitCode).toBe(3)
    expect(await personsIn('420106')).toBe(0)

    const real = await run(['persons', file, '--region', '420106'])
    expect(JSON.parse(real.out)).toMatchObject({ rows: 4, valid: 2, inserted: 2, dryRun: false })
    expect(await personsIn('420106001')).toBe(1)
    expect(await personsIn('420106')).toBe(2)

    // Again: the two are registered now, reported per row, not inserted twice.
    const again = await run(['persons', file, '--region', '420106'])
    expect(JSON.parse(again.out)).toMatchObject({ valid: 0, inserted: 0 })
    expect(again.err).toContain('row 2, 身份证号码: personExists')
    expect(await personsIn('420106')).toBe(2)
  }, 60_000)
})
