import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseLink, CaseRecord, ChainGraphResponse, ContactOutcome } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addHousehold, ago, DAY, reportCase, useEdition } from '../../testing/cases-kit.js'

interface ErrorBody {
  error: { code: string; message: string; details?: { path?: string[] } }
}

describe.each(TEST_DATABASES)('case links and transmission chains on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let epi: string
  let theirEpi: string
  let a: CaseRecord
  let b: CaseRecord
  let c: CaseRecord
  let d: CaseRecord
  let contactX: { id: string }
  let names: { d: string; y: string }

  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    other = await t.makeRegions()
    const db = t.services.database.db
    // FK6: a household of 2 cases is a cluster.
    await useEdition(db, r.district, 'FK6')
    epi = await t.login('epidemiologist', r.district)
    theirEpi = await t.login('epidemiologist', other.district)
    const hh = await addHousehold(db, r.communities[0])
    const pa = await t.createPerson(r.communities[0], { householdId: hh })
    const pb = await t.createPerson(r.communities[0], { householdId: hh })
    const pc = await t.createPerson(r.communities[2])
    names = { d: '外区病例甲', y: '外区密接乙' }
    const pd = await t.createPerson(other.communities[0], { name: names.d })
    a = await reportCase(t, epi, { personId: pa.id, onsetAt: ago(6 * DAY) })
    b = await reportCase(t, epi, { personId: pb.id, onsetAt: ago(4 * DAY) })
    c = await reportCase(t, epi, { personId: pc.id, onsetAt: ago(DAY) })
    d = await reportCase(t, theirEpi, { personId: pd.id, onsetAt: ago(8 * DAY) })
    contactX = await t.createPerson(r.communities[3])
    const y = await t.createPerson(other.communities[1], { name: names.y })
    const confirmed = await post(`/api/cases/${a.id}/contacts`, {
      contacts: [
        { personId: contactX.id, degree: 'close', lastExposureAt: ago(5 * DAY) },
        { personId: y.id, degree: 'close', lastExposureAt: ago(5 * DAY) },
      ],
    })
    expect(confirmed.json<ContactOutcome[]>().map((o) => o.status)).toEqual(['confirmed', 'routed'])
  })
  afterAll(async () => t.close())

  const post = (url: string, payload: object, cookie = epi) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })
  const del = (url: string, cookie = epi) => t.app.inject({ method: 'DELETE', url, headers: { cookie } })
  const graph = async (query: string, cookie = epi) => {
    const res = await t.app.inject({ url: `/api/chains?${query}`, headers: { cookie } })
    return { status: res.statusCode, body: res.json<ChainGraphResponse>(), raw: res.body }
  }
  const linkCount = async () =>
    Number(
      (
        await t.services.database.db
          .selectFrom('case_links')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('records links, updates a repeated one, refuses self-links and cycles (naming the path) without writing', async () => {
    const ab = await post('/api/case-links', { fromCaseId: a.id, toCaseId: b.id, confidence: 'confirmed' })
    expect(ab.statusCode, ab.body).toBe(201)
    const again = await post('/api/case-links', {
      fromCaseId: a.id,
      toCaseId: b.id,
      confidence: 'probable',
      note: '同住',
    })
    expect(again.statusCode).toBe(200)
    expect(again.json<CaseLink>()).toMatchObject({
      id: ab.json<CaseLink>().id,
      confidence: 'probable',
      note: '同住',
    })
    expect(
      (await post('/api/case-links', { fromCaseId: b.id, toCaseId: c.id, confidence: 'possible' }))
        .statusCode,
    ).toBe(201)
    // D (another district) infected A: allowed, A is ours.
    expect(
      (await post('/api/case-links', { fromCaseId: d.id, toCaseId: a.id, confidence: 'possible' }))
        .statusCode,
    ).toBe(201)
    const before = await linkCount()

    const cycle = await post('/api/case-links', { fromCaseId: c.id, toCaseId: a.id, confidence: 'possible' })
    expect(cycle.statusCode).toBe(409)
    expect(cycle.json<ErrorBody>().error.code).toBe('CHAIN_CYCLE')
    expect(cycle.json<ErrorBody>().error.details?.path).toEqual([a.id, b.id, c.id])
    expect(cycle.json<ErrorBody>().error.message).toContain(`${a.id} → ${b.id} → ${c.id}`)
    const back = await post('/api/case-links', { fromCaseId: b.id, toCaseId: a.id, confidence: 'possible' })
    expect(back.json<ErrorBody>().error.code).toBe('CHAIN_CYCLE')
    const self = await post('/api/case-links', { fromCaseId: a.id, toCaseId: a.id, confidence: 'possible' })
    expect(self.statusCode).toBe(400)
    expect(self.json<ErrorBody>().error.code).toBe('CHAIN_SELF_LINK')
    expect(await linkCount()).toBe(before)

    for (const bad of [
      { fromCaseId: a.id, toCaseId: c.id, confidence: 'sure' },
      { fromCaseId: a.id, toCaseId: c.id },
      { fromCaseId: 'x', toCaseId: c.id, confidence: 'possible' },
      { fromCaseId: a.id, toCaseId: c.id, confidence: 'possible', extra: 1 },
      { fromCaseId: a.id, toCaseId: c.id, confidence: 'possible', note: 'x'.repeat(501) },
    ])
      expect((await post('/api/case-links', bad)).statusCode, JSON.stringify(bad)).toBe(400)
    expect(
      (await post('/api/case-links', { fromCaseId: a.id, toCaseId: '999999999', confidence: 'possible' }))
        .statusCode,
    ).toBe(404)
    expect(await linkCount()).toBe(before)
  })

  it('serves the component of a case: cases, contacts and clusters; other regions anonymised', async () => {
    const g = await graph(`caseId=${a.id}`)
    expect(g.status, g.raw).toBe(200)
    expect(g.body.rootId).toBe(`case:${a.id}`)
    const ids = g.body.nodes.map((n) => n.id)
    for (const id of [a.id, b.id, c.id]) expect(ids).toContain(`case:${id}`)
    expect(ids).toContain(`person:${contactX.id}`)
    expect(g.body.nodes.find((n) => n.id === `case:${a.id}`)).toMatchObject({
      kind: 'case',
      status: 'confirmed',
    })
    const cluster = g.body.nodes.find((n) => n.kind === 'cluster')
    expect(cluster).toMatchObject({ clusterKind: 'household' })
    expect(g.body.edges.filter((e) => e.kind === 'member').map((e) => e.to)).toEqual([
      cluster?.id,
      cluster?.id,
    ])
    // D (case) and Y (contact) belong to another district: id, region and kind only.
    const anon = g.body.nodes.filter((n) => n.otherRegion)
    expect(anon.map((n) => n.kind).sort()).toEqual(['case', 'contact'])
    for (const n of anon) {
      expect(n.id).toMatch(/^anon:/)
      expect(n).toMatchObject({ label: null, caseId: null, personId: null, status: null, at: null })
      expect(n.regionCode.startsWith(other.district)).toBe(true)
    }
    expect(g.raw).not.toContain(names.d)
    expect(g.raw).not.toContain(names.y)
    expect(g.raw).not.toContain(`case:${d.id}`)
    const infected = g.body.edges.filter((e) => e.kind === 'infected')
    expect(infected).toHaveLength(3)
    expect(infected.find((e) => e.from === `case:${a.id}` && e.to === `case:${b.id}`)).toMatchObject({
      confidence: 'probable',
    })
    for (const e of g.body.edges) {
      expect(ids).toContain(e.from)
      expect(ids).toContain(e.to)
    }
  })

  it('filters by date and region, and serves the region graph bounded', async () => {
    const upTo = await graph(`caseId=${a.id}&to=${encodeURIComponent(ago(3 * DAY))}`)
    expect(upTo.body.nodes.map((n) => n.id)).toContain(`case:${b.id}`)
    expect(upTo.body.nodes.map((n) => n.id)).not.toContain(`case:${c.id}`)
    const since = await graph(`caseId=${a.id}&from=${encodeURIComponent(ago(2 * DAY))}`)
    // The root always stays; B (4 days ago) and C (only reachable through B) drop out.
    expect(since.body.nodes.map((n) => n.id)).toContain(`case:${a.id}`)
    expect(since.body.nodes.map((n) => n.id)).not.toContain(`case:${b.id}`)
    expect(since.body.nodes.map((n) => n.id)).not.toContain(`case:${c.id}`)
    // Only one street: C (the other street) is left out, D (another district) too.
    const street = await graph(`caseId=${a.id}&region=${r.streets[0]}`)
    expect(street.body.nodes.map((n) => n.id)).not.toContain(`case:${c.id}`)
    expect(street.body.nodes.some((n) => n.otherRegion && n.kind === 'case')).toBe(false)

    const all = await graph('')
    expect(all.status).toBe(200)
    expect(all.body.rootId).toBeNull()
    for (const id of [a.id, b.id, c.id]) expect(all.body.nodes.map((n) => n.id)).toContain(`case:${id}`)
    expect(all.body.truncated).toBe(false)
    expect(all.raw).not.toContain(names.d)
    const small = await graph('maxNodes=2')
    expect(small.body.truncated).toBe(true)
    expect(small.body.nodes.length).toBeLessThanOrEqual(2)
    const recent = await graph(`from=${encodeURIComponent(ago(2 * DAY))}`)
    expect(recent.body.nodes.filter((n) => n.kind === 'case' && !n.otherRegion).map((n) => n.id)).toEqual([
      `case:${c.id}`,
    ])
  })

  it('is region-scoped, refuses bad queries with 4xx, and deletes links', async () => {
    expect((await graph(`caseId=${a.id}`, theirEpi)).status).toBe(403)
    expect((await graph(`region=${r.district}`, theirEpi)).status).toBe(403)
    // Their own graph shows our cases linked to D anonymised.
    const theirs = await graph(`caseId=${d.id}`, theirEpi)
    expect(theirs.status).toBe(200)
    expect(theirs.body.nodes.find((n) => n.otherRegion && n.kind === 'case')).toBeDefined()
    expect(theirs.raw).not.toContain(`case:${a.id}`)
    expect(theirs.raw).not.toContain(`person:${contactX.id}`)
    const cw = await t.login('community_worker', r.district)
    expect((await graph('', cw)).status).toBe(403)

    for (const q of [
      'caseId=abc',
      'from=yesterday',
      `from=${encodeURIComponent(ago(DAY))}&to=${encodeURIComponent(ago(2 * DAY))}`,
      'maxNodes=0',
      'maxNodes=5000',
      'region=12',
      'color=red',
    ])
      expect((await graph(q)).status, q).toBe(400)
    expect((await graph('caseId=999999999')).status).toBe(404)

    const g = await graph(`caseId=${a.id}`)
    const edge = g.body.edges.find((e) => e.kind === 'infected' && e.from === `case:${a.id}`)
    const linkId = edge?.linkId ?? ''
    expect((await del(`/api/case-links/${linkId}`, theirEpi)).statusCode).toBe(403)
    const removed = await del(`/api/case-links/${linkId}`)
    expect(removed.statusCode, removed.body).toBe(200)
    expect(removed.json<CaseLink>()).toMatchObject({ fromCaseId: a.id, toCaseId: b.id })
    expect((await del(`/api/case-links/${linkId}`)).statusCode).toBe(404)
    expect((await del('/api/case-links/x')).statusCode).toBe(400)
    const after = await graph(`caseId=${a.id}`)
    expect(after.body.edges.some((e) => e.linkId === linkId)).toBe(false)
    // With A → B gone, C → A is no longer a cycle.
    expect(
      (await post('/api/case-links', { fromCaseId: c.id, toCaseId: a.id, confidence: 'possible' }))
        .statusCode,
    ).toBe(201)
  })
})
