import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, localDate } from '@lianfang/core'
import type {
  Campaign,
  CampaignPage,
  CampaignProgress,
  CampaignReport,
  MissingPage,
  SamplingSite,
} from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

type ErrorBody = { error: { code: string; details?: Record<string, unknown> } }
let barcodes = 0

/**
 * Screening campaigns (全员检测, #17): planning with pool sizes by risk level (POOL.WHO), progress
 * per community from the tubes of the campaign, who is missing (masked, audited), unreachable
 * marks, the report, and scope — on both databases.
 */
describe.each(TEST_DATABASES)('screening campaigns on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let commander: string
  let otherCommander: string
  let worker0: string
  let worker1: string
  let site: SamplingSite
  let campaign: Campaign
  const persons: { c0: string[]; c1: string[] } = { c0: [], c1: [] }
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    other = await t.makeRegions()
    commander = await t.login('commander', r.district)
    otherCommander = await t.login('commander', other.district)
    worker0 = await t.login('community_worker', r.communities[0])
    worker1 = await t.login('community_worker', r.communities[1])
    const tester = await t.login('tester', r.district)
    const res = await send('POST', '/api/sampling-sites', tester, {
      regionCode: r.streets[0],
      name: '街道采样点',
      openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], from: '07:00', to: '19:00' }],
      capacityPerHour: 300,
    })
    site = res.json<SamplingSite>()
    for (let i = 0; i < 3; i++)
      persons.c0.push((await t.createPerson(r.communities[0], { name: '王小明' })).id)
    for (let i = 0; i < 2; i++) persons.c1.push((await t.createPerson(r.communities[1], { name: '赵大' })).id)
  })
  afterAll(async () => t.close())

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
  const today = () => localDate(new Date(), t.config.timeZone)
  const plan = (body: object = {}) =>
    send('POST', '/api/campaigns', commander, {
      regionCode: r.streets[0],
      name: '第一轮全员检测',
      startsOn: today(),
      endsOn: addDays(today(), 2),
      siteIds: [site.id],
      ...body,
    })
  /** A tube of the campaign with these members (the tubes module's tables, written as it would). */
  const tube = async (members: string[], result: 'positive' | 'negative' | null = null) => {
    const db = t.services.database.db
    const { id } = await db
      .insertInto('tubes')
      .values({
        barcode: `SMP${process.pid}${++barcodes}`,
        region_code: r.streets[0],
        site_id: site.id,
        campaign_id: campaign.id,
        pool_size: 10,
        result,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const personId of members) {
      const p = await db
        .selectFrom('persons')
        .select('region_code')
        .where('id', '=', personId)
        .executeTakeFirstOrThrow()
      await db
        .insertInto('tube_members')
        .values({ tube_id: id, person_id: personId, region_code: p.region_code, campaign_id: campaign.id })
        .execute()
    }
  }

  it('a commander plans a campaign: population of the region, its sites, pool size per community from the risk level (POOL.WHO low 10)', async () => {
    const res = await plan({ poolSizes: { [r.communities[1]]: 5 } })
    expect(res.statusCode, res.body).toBe(201)
    campaign = res.json<Campaign>()
    expect(campaign).toMatchObject({ status: 'planned', population: 5, regionCode: r.streets[0] })
    expect(campaign.sites.map((s) => s.id)).toEqual([site.id])
    expect(campaign.areas).toEqual([
      expect.objectContaining({
        regionCode: r.communities[0],
        risk: 'low',
        poolSize: 10,
        defaultSize: 10,
        allowedSizes: [1, 5, 10],
      }),
      expect.objectContaining({ regionCode: r.communities[1], risk: 'low', poolSize: 5, defaultSize: 10 }),
    ])
    const started = await send('POST', `/api/campaigns/${campaign.id}/start`, commander)
    expect(started.json<Campaign>().status).toBe('running')
    expect((await send('POST', `/api/campaigns/${campaign.id}/start`, commander)).statusCode).toBe(409)
  })

  it.each([
    [
      'POOL.WHO: 20 is not an allowed size (FK8 sizes 5, 10)',
      { poolSizes: { '%c0': 20 } },
      400,
      'POOL_SIZE_NOT_ALLOWED',
    ],
    ['an area outside the campaign', { poolSizes: { '%c3': 5 } }, 400, 'VALIDATION_FAILED'],
    ['a site outside the region', { siteIds: ['999999999'] }, 400, 'VALIDATION_FAILED'],
    ['an end before the start', { endsOn: '2020-01-01' }, 400, 'VALIDATION_FAILED'],
    ['a start in the past', { startsOn: '2020-01-01' }, 400, 'VALIDATION_FAILED'],
    ['a NUL in the name', { name: 'a\u0000b' }, 400, undefined],
    ['a 100 KB name', { name: 'x'.repeat(100_000) }, 400, 'VALIDATION_FAILED'],
  ] as const)('refuses %s and writes nothing', async (_name, patch, status, code) => {
    const body = JSON.parse(
      JSON.stringify(patch).replace('%c0', r.communities[0]).replace('%c3', r.communities[3]),
    ) as object
    const before = await t.services.database.db
      .selectFrom('screening_campaigns')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const res = await plan(body)
    expect(res.statusCode, res.body).toBe(status)
    if (code) expect(res.json<ErrorBody>().error.code).toBe(code)
    const after = await t.services.database.db
      .selectFrom('screening_campaigns')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('a high-risk community defaults to single tubes (POOL.WHO high 1)', async () => {
    const set = await send('POST', '/api/risk-areas', commander, {
      regionCode: r.communities[3],
      level: 'high',
    })
    expect(set.statusCode, set.body).toBe(201)
    const res = await send('POST', '/api/campaigns', commander, {
      regionCode: r.streets[1],
      name: '第二街道',
      startsOn: today(),
      endsOn: today(),
      siteIds: [],
    })
    expect(res.statusCode, res.body).toBe(201)
    const areas = res.json<Campaign>().areas
    expect(areas.find((a) => a.regionCode === r.communities[3])).toMatchObject({
      risk: 'high',
      poolSize: 1,
      allowedSizes: [1],
    })
    expect(areas.find((a) => a.regionCode === r.communities[2])).toMatchObject({ risk: 'low', poolSize: 10 })
  })

  it('progress per community counts tested (in a tube of the campaign), unreachable, not yet', async () => {
    await tube([persons.c0[0] ?? '', persons.c0[1] ?? ''], 'negative')
    const mark = await send('PUT', `/api/campaigns/${campaign.id}/unreachable`, worker0, {
      personId: persons.c0[2],
      unreachable: true,
      note: '外出务工',
    })
    expect(mark.statusCode, mark.body).toBe(200)
    const res = await send('GET', `/api/campaigns/${campaign.id}/progress`, commander)
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json<CampaignProgress>()
    expect(p.totals).toEqual({ population: 5, tested: 2, unreachable: 1, notYet: 2 })
    expect(p.communities).toEqual([
      {
        regionCode: r.communities[0],
        regionName: `社区${r.communities[0]}`,
        population: 3,
        tested: 2,
        unreachable: 1,
        notYet: 0,
      },
      {
        regionCode: r.communities[1],
        regionName: `社区${r.communities[1]}`,
        population: 2,
        tested: 0,
        unreachable: 0,
        notYet: 2,
      },
    ])
    // A tested person marked unreachable counts as tested only.
    await send('PUT', `/api/campaigns/${campaign.id}/unreachable`, worker0, {
      personId: persons.c0[0],
      unreachable: true,
    })
    const again = (
      await send('GET', `/api/campaigns/${campaign.id}/progress`, commander)
    ).json<CampaignProgress>()
    expect(again.totals).toEqual({ population: 5, tested: 2, unreachable: 1, notYet: 2 })
    // A community worker follows the street's campaign and sees their community only.
    const mine = (
      await send('GET', `/api/campaigns/${campaign.id}/progress`, worker1)
    ).json<CampaignProgress>()
    expect(mine.communities.map((c) => c.regionCode)).toEqual([r.communities[1]])
    expect(
      (await send('GET', '/api/campaigns', worker1)).json<CampaignPage>().items.map((c) => c.id),
    ).toContain(campaign.id)
  })

  it('who is missing: masked, scoped to the worker, unreachable left out unless asked, audited', async () => {
    const res = await send('GET', `/api/campaigns/${campaign.id}/missing`, worker1)
    expect(res.statusCode, res.body).toBe(200)
    const page = res.json<MissingPage>()
    expect(page.total).toBe(2)
    expect(page.items.map((m) => m.personId).sort()).toEqual([...persons.c1].sort())
    expect(page.items[0]).toMatchObject({ nameMasked: '赵*', unreachable: false })
    expect(page.items[0]?.phoneMasked).toMatch(/\*/)
    expect(JSON.stringify(page)).not.toContain('赵大')
    const c0 = (
      await send('GET', `/api/campaigns/${campaign.id}/missing?includeUnreachable=true`, worker0)
    ).json<MissingPage>()
    expect(c0.items).toEqual([
      expect.objectContaining({ personId: persons.c0[2], unreachable: true, unreachableNote: '外出务工' }),
    ])
    expect(
      (await send('GET', `/api/campaigns/${campaign.id}/missing`, worker0)).json<MissingPage>().total,
    ).toBe(0)
    expect(
      (await send('GET', `/api/campaigns/${campaign.id}/missing?regionCode=${r.communities[0]}`, worker1))
        .statusCode,
    ).toBe(403)
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'campaign.missing.read')
      .where('target_id', '=', campaign.id)
      .execute()
    expect(audit.length).toBeGreaterThanOrEqual(3)
    // A worker cannot mark someone of another community.
    const other1 = await send('PUT', `/api/campaigns/${campaign.id}/unreachable`, worker1, {
      personId: persons.c0[1],
      unreachable: true,
    })
    expect(other1.statusCode).toBe(403)
    // A commander reads counts, not the list of names.
    expect((await send('GET', `/api/campaigns/${campaign.id}/missing`, commander)).statusCode).toBe(403)
  })

  it('another region’s commander gets 403 and sees nothing of it', async () => {
    for (const path of ['', '/progress', '/report']) {
      const res = await send('GET', `/api/campaigns/${campaign.id}${path}`, otherCommander)
      expect(res.statusCode, path).toBe(403)
    }
    expect((await send('POST', `/api/campaigns/${campaign.id}/close`, otherCommander)).statusCode).toBe(403)
    expect(
      (await send('GET', '/api/campaigns', otherCommander)).json<CampaignPage>().items.map((c) => c.id),
    ).not.toContain(campaign.id)
    expect((await send('GET', '/api/campaigns/999999999', commander)).statusCode).toBe(404)
    // A worker follows but does not close.
    expect((await send('POST', `/api/campaigns/${campaign.id}/close`, worker0)).statusCode).toBe(403)
  })

  it('the report at close: counts per community, tubes and positive tubes (POOL.POSITIVE), as a page and CSV', async () => {
    await tube([persons.c1[0] ?? ''], 'positive')
    const closed = await send('POST', `/api/campaigns/${campaign.id}/close`, commander)
    expect(closed.json<Campaign>().status).toBe('closed')
    expect((await send('POST', `/api/campaigns/${campaign.id}/close`, commander)).statusCode).toBe(409)
    expect(
      (
        await send('PUT', `/api/campaigns/${campaign.id}/unreachable`, worker1, {
          personId: persons.c1[1],
          unreachable: true,
        })
      ).statusCode,
    ).toBe(409)
    const report = (
      await send('GET', `/api/campaigns/${campaign.id}/report`, commander)
    ).json<CampaignReport>()
    expect(report.closedAt).not.toBeNull()
    expect(report.totals).toEqual({
      population: 5,
      tested: 3,
      unreachable: 1,
      notYet: 1,
      tubes: 2,
      positiveTubes: 1,
      personsInPositiveTubes: 1,
    })
    expect(report.communities.find((c) => c.regionCode === r.communities[1])).toMatchObject({
      tested: 1,
      tubes: 1,
      positiveTubes: 1,
    })
    const csv = await send('GET', `/api/campaigns/${campaign.id}/report/export`, commander)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.body).toContain('合计 total')
    expect(csv.body).toContain(`社区${r.communities[0]}`)
  })
})
