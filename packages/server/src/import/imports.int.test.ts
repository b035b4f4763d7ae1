import { createHash, randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResidentId } from '@lianfang/core'
import type { ImportPreview, ImportResult } from '@lianfang/contracts'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, TEST_PASSWORD, type TestApp, type TestRegions } from '../testing/test-app.js'
import type { SessionUser } from '../auth/session-user.js'
import { scopeOf } from '../auth/scope.js'
import { personRosterImport } from '../modules/persons/index.js'
import { createImportsService, importsRoutes, ImportsService, type DefinedImport } from './index.js'

const PREVIEW_URL = '/api/imports/:kind/preview'
let sequence = 500

/** A resident ID number no other test row uses. */
const residentId = (birth = '1990-05-0') =>
  makeResidentId('420106', `${birth}${String(1 + (sequence % 9))}`, sequence++)

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64')

describe.each(TEST_DATABASES)('imports on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let admin: string
  let otherAdmin: string

  beforeAll(async () => {
    t = await createTestApp(kind, {}, async (app, s) => {
      // Until app.ts composes importsModule, this test registers the same routes itself.
      if (app.hasRoute({ method: 'POST', url: PREVIEW_URL })) return
      await app.register(importsRoutes, { imports: createImportsService(s) })
    })
    r = await t.makeRegions()
    other = await t.makeRegions()
    admin = await t.login('admin', r.district)
    otherAdmin = await t.login('admin', other.district)
  })
  afterAll(async () => t.close())

  const preview = (cookie: string, body: Record<string, unknown>, kind = 'persons') =>
    t.app.inject({ method: 'POST', url: `/api/imports/${kind}/preview`, headers: { cookie }, payload: body })
  const confirm = (cookie: string, previewId: string) =>
    t.app.inject({ method: 'POST', url: `/api/imports/${previewId}/confirm`, headers: { cookie } })
  const personsIn = (region: string) =>
    t.services.database.db
      .selectFrom('persons')
      .select(['id', 'name', 'sex', 'birth_date', 'region_code', 'id_number_enc', 'id_number_masked'])
      .where('region_code', 'like', `${region}%`)
      .execute()

  it('previews a roster with per-row problems, then imports its valid rows once, encrypted, with one audit record', async () => {
    const existing = await t.createPerson(r.communities[0])
    const [a, b, c, d, e] = [residentId(), residentId(), residentId(), residentId(), residentId()]
    const wrongCheckDigit = e.slice(0, 17) + (e.endsWith('0') ? '1' : '0')
    const csv = [
      '姓名,身份证号码,手机号码,性别,所属地区,现住址,备注',
      `张三,${a},13912345678,${Number(a[16]) % 2 === 1 ? '男' : '女'},${r.communities[0]},一号楼,x`,
      `李四,${b},,,社区${r.communities[1]},,`,
      `王五,${a},,,${r.communities[0]},,`, // the same document twice in the file
      `赵六,${existing.idNumber},,,${r.communities[0]},,`, // already registered
      `钱七,${wrongCheckDigit},,,${r.communities[0]},,`, // fails the check digit
      `孙八,${c},12-34,,${r.communities[0]},,`, // phone
      `周九,${d},,,${other.communities[0]},,`, // outside the uploader's region
      `,${residentId()},,,${r.communities[0]},,`, // no name
    ].join('\r\n')
    const res = await preview(admin, { filename: '花名册.csv', contentBase64: b64(`\uFEFF${csv}\r\n`) })
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json<ImportPreview>()
    expect(p).toMatchObject({ kind: 'persons', format: 'csv', rowCount: 8, validCount: 2, issueCount: 6 })
    expect(p.ignoredColumns).toEqual(['备注'])
    expect(p.digest).toBe(createHash('sha256').update(`\uFEFF${csv}\r\n`).digest('hex'))
    expect(p.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [4, '身份证号码', 'duplicateInFile'],
      [5, '身份证号码', 'personExists'],
      [6, '身份证号码', 'idNumberInvalid'],
      [7, '手机号码', 'invalidFormat'],
      [8, '所属地区', 'outOfScope'],
      [9, '姓名', 'required'],
    ])
    expect(p.sample.map((s) => [s.row, s.values['name']])).toEqual([
      [2, '张三'],
      [3, '李四'],
    ])

    // Nothing is written by a preview.
    expect(await personsIn(r.district)).toHaveLength(1)
    // Another region's admin cannot confirm it, nor learn that it exists.
    const foreign = await confirm(otherAdmin, p.previewId)
    expect(foreign.statusCode).toBe(404)

    const done = await confirm(admin, p.previewId)
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json<ImportResult>()).toMatchObject({ inserted: 2, skipped: 0, issues: [] })
    const rows = await personsIn(r.district)
    expect(rows).toHaveLength(3)
    expect(rows.map((x) => x.name)).toEqual(expect.arrayContaining(['张三', '李四']))
    const zhang = rows.find((x) => x.name === '张三')
    expect(zhang).toMatchObject({
      sex: Number(a[16]) % 2 === 1 ? 'male' : 'female',
      birth_date: a.slice(6, 10) + '-' + a.slice(10, 12) + '-' + a.slice(12, 14),
    })
    expect(t.services.cipher.decrypt(zhang?.id_number_enc ?? new Uint8Array())).toBe(a)
    expect(Buffer.from(zhang?.id_number_enc ?? []).toString('latin1')).not.toContain(a)
    expect(rows.find((x) => x.name === '李四')?.region_code).toBe(r.communities[1])

    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('target_id', '=', p.previewId)
      .execute()
    // The preview (it tells which documents are registered) and the import: one record each.
    expect(audit.map((a) => a.action).sort()).toEqual(['import.persons', 'import.persons.preview'])
    const imported = audit.filter((a) => a.action === 'import.persons')
    expect(imported[0]?.details).toMatchObject({
      kind: 'persons',
      sha256: p.digest,
      inserted: 2,
      rows: 8,
      filename: '花名册.csv',
    })

    // Once: a second confirmation finds nothing to confirm.
    expect((await confirm(admin, p.previewId)).statusCode).toBe(404)
  })

  it('reads an .xlsx roster (first sheet, region by name, dates and formulas as values)', async () => {
    const id = residentId('1975-11-0')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名单')
    ws.addRow(['Name', 'ID Number', 'Date of birth', 'Region name'])
    ws.addRow([
      { formula: 'CONCAT("吴","十")', result: '吴十' },
      id,
      new Date(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}T00:00:00Z`),
      `街道${r.streets[1]}`,
    ])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const res = await preview(admin, { filename: 'roster.xlsx', contentBase64: b64(bytes) })
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json<ImportPreview>()
    expect(p).toMatchObject({ format: 'xlsx', rowCount: 1, validCount: 1, issues: [] })
    expect((await confirm(admin, p.previewId)).json<ImportResult>().inserted).toBe(1)
    expect((await personsIn(r.streets[1])).map((x) => x.name)).toEqual(['吴十'])
  })

  it('refuses what is not a roster with a clear 4xx, and users without the permission', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ filename: 'a.csv', contentBase64: 'not base64!' }, 400, 'VALIDATION_FAILED'],
      [
        { filename: 'a.csv', contentBase64: b64(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x0a])) },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [{ filename: 'a.csv', contentBase64: b64('电话,住址\n1,2\n') }, 400, 'VALIDATION_FAILED'],
      [
        { filename: 'a.csv', contentBase64: b64('姓名\n张\n'), regionCode: other.district },
        403,
        'OUT_OF_SCOPE',
      ],
      [{ filename: 'a.csv', contentBase64: b64('姓名\n张\n'), extra: 1 }, 400, 'VALIDATION_FAILED'],
    ]
    for (const [body, status, code] of cases) {
      const res = await preview(admin, body)
      expect(
        [res.statusCode, res.json<{ error: { code: string } }>().error.code],
        JSON.stringify(body),
      ).toEqual([status, code])
    }
    expect(
      (await preview(admin, { filename: 'a.csv', contentBase64: b64('a\n') }, 'nothing')).statusCode,
    ).toBe(404)
    // Bodies beyond the node's usual limit reach this route; the row cap then answers 413.
    const many = `姓名\n${`${'名'.repeat(30)}\n`.repeat(20_001)}`
    expect(Buffer.byteLength(b64(many))).toBeGreaterThan(2 * 1024 * 1024)
    const tooMany = await preview(admin, { filename: 'big.csv', contentBase64: b64(many) })
    expect([tooMany.statusCode, tooMany.json<{ error: { details: unknown } }>().error.details]).toEqual([
      413,
      { maxRows: 20_000 },
    ])
    const checkpoint = await t.login('checkpoint', r.district)
    const refused = await preview(checkpoint, { filename: 'a.csv', contentBase64: b64('姓名\n张\n') })
    expect(refused.statusCode).toBe(403)
    expect((await confirm(admin, 'not-a-uuid')).statusCode).toBe(400)
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/imports/persons/preview',
      headers: { cookie: admin, origin: 'https://evil.example' },
      payload: { filename: 'a.csv', contentBase64: b64('姓名\n张\n') },
    })
    expect(cross.statusCode).toBe(403)
  })

  it('leaves nothing of an import whose batch fails, and the preview can still be confirmed', async () => {
    const created = await t.services.auth.createUser(null, {
      username: `importer_${randomBytes(3).toString('hex')}`,
      displayName: 'importer',
      password: TEST_PASSWORD,
      role: 'admin',
      regionCode: r.streets[0],
    })
    const user: SessionUser = {
      id: created.id,
      username: created.username,
      displayName: 'importer',
      role: 'admin',
      regionCode: r.streets[0],
      personId: null,
      sessionId: 'test',
    }
    const scope = scopeOf(user)
    const roster = personRosterImport(t.services.cipher, t.services.regionsRepo)
    let batches = 0
    const failing: DefinedImport = {
      ...roster,
      insertBatch: async (tx, rows, ctx) => {
        if (++batches === 3) throw new Error('the disk is full')
        return roster.insertBatch(tx, rows, ctx)
      },
    }
    const s = t.services
    const broken = new ImportsService(s.database, s.cipher, s.audit, [failing], { batchSize: 2 })
    const csv = [
      '姓名,身份证号,地区',
      ...Array.from({ length: 7 }, (_, i) => `批${String(i)},${residentId('1988-02-0')},${r.communities[1]}`),
    ].join('\n')
    const before = (await personsIn(r.streets[0])).length
    const p = await broken.preview(user, scope, 'persons', { filename: 'big.csv', bytes: Buffer.from(csv) })
    expect(p.validCount).toBe(7)
    await expect(broken.confirm(user, scope, p.previewId)).rejects.toThrow('the disk is full')
    expect(batches).toBe(3)
    expect(await personsIn(r.streets[0])).toHaveLength(before)
    const audit = await s.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', p.previewId)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['import.persons.preview'])

    const healthy = new ImportsService(s.database, s.cipher, s.audit, [roster], { batchSize: 2 })
    expect(await healthy.confirm(user, scope, p.previewId)).toMatchObject({ inserted: 7, skipped: 0 })
    expect(await personsIn(r.streets[0])).toHaveLength(before + 7)
  })
})
