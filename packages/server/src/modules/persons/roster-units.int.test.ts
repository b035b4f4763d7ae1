import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResidentId } from '@lianfang/core'
import type { ImportPreview, ImportResult } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addVenue, addWorkUnit } from '../../testing/cases-kit.js'
import { createImportsService, importsRoutes } from '../../import/index.js'

const PREVIEW_URL = '/api/imports/:kind/preview'
let sequence = 700
const residentId = () => makeResidentId('420106', `1991-07-1${String(sequence % 9)}`, sequence++)
const b64 = (text: string) => Buffer.from(text).toString('base64')

/**
 * The roster's employer, school and unit columns (RULES.md CC.SETTINGS 4): a unit is named within
 * its employer (school); an unknown venue or unit is a row problem, not a 500 and not a guess.
 */
describe.each(TEST_DATABASES)('roster units on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let admin: string
  beforeAll(async () => {
    t = await createTestApp(kind, {}, async (app, s) => {
      if (app.hasRoute({ method: 'POST', url: PREVIEW_URL })) return
      await app.register(importsRoutes, { imports: createImportsService(s) })
    })
    r = await t.makeRegions()
    other = await t.makeRegions()
    admin = await t.login('admin', r.district)
  })
  afterAll(async () => t.close())

  it('imports employer and unit by name, school and class; reports unknown units and venues per row', async () => {
    const db = t.services.database.db
    const factory = await addVenue(db, r.communities[0], 'factory', '武汉锅炉厂')
    const welding = await addWorkUnit(db, factory, '焊接班')
    const school = await addVenue(db, r.communities[0], 'school', '中南路小学')
    const cls = await addWorkUnit(db, school, '二年级(3)班', 'classroom')
    const elsewhere = await addVenue(db, other.communities[0], 'office', '外区公司')
    const [a, b, c, d, e, f] = Array.from({ length: 6 }, residentId)
    const csv = [
      '姓名,身份证号码,所属地区,工作单位编号,班组,学校编号,班级',
      `甲,${a},${r.communities[0]},${factory},焊接班,,`,
      `乙,${b},${r.communities[0]},,,${school},二年级(3)班`,
      `丙,${c},${r.communities[0]},${factory},不存在的班组,,`,
      `丁,${d},${r.communities[0]},,焊接班,,`,
      `戊,${e},${r.communities[0]},999999999,,,`,
      `己,${f},${r.communities[0]},${elsewhere},,,`,
    ].join('\n')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/persons/preview',
      headers: { cookie: admin },
      payload: { filename: 'roster.csv', contentBase64: b64(csv) },
    })
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json<ImportPreview>()
    expect(p.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [4, '班组', 'unitNotFound'],
      [5, '班组', 'unitWithoutVenue'],
      [6, '工作单位编号', 'venueNotFound'],
      [7, '工作单位编号', 'outOfScope'],
    ])
    expect(p.validCount).toBe(2)
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${p.previewId}/confirm`,
      headers: { cookie: admin },
    })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json<ImportResult>().inserted).toBe(2)
    const rows = await db
      .selectFrom('persons')
      .select(['name', 'workplace_id', 'work_unit_id', 'school_id', 'class_unit_id'])
      .where('name', 'in', ['甲', '乙'])
      .where('region_code', '=', r.communities[0])
      .execute()
    expect(rows.sort((x, y) => (x.name < y.name ? -1 : 1))).toEqual([
      { name: '乙', workplace_id: null, work_unit_id: null, school_id: school, class_unit_id: cls },
      { name: '甲', workplace_id: factory, work_unit_id: welding, school_id: null, class_unit_id: null },
    ])
  })
})
