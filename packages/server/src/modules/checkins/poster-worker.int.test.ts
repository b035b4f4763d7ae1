import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { readPdfText } from '@lianfang/pdf'

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Infinity
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Issue #14: a batch of posters took the event loop for seconds. PDFs are drawn in a worker
 * thread (one here), with one job allowed to wait, and finished PDFs cached.
 */
describe.each(TEST_DATABASES)('poster PDFs off the event loop on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let worker: string
  let ids: string[]
  beforeAll(async () => {
    t = await createTestApp(kind, { POSTER_WORKERS: '1', POSTER_QUEUE: '1', POSTER_CACHE_MB: '16' })
    r = await t.makeRegions()
    worker = await t.login('community_worker', r.communities[0])
    const rows = await t.services.database.db
      .insertInto('venues')
      .values(
        Array.from({ length: 80 }, (_, i) => ({
          region_code: r.communities[0],
          kind: 'restaurant' as const,
          name: `联防测试餐馆 ${String(i + 1)} 号店（江汉路步行街）`,
        })),
      )
      .returning('id')
      .execute()
    ids = rows.map((x) => x.id)
  })
  afterAll(async () => t.close())

  const pdf = (set: readonly string[], cookie = worker) =>
    t.app.inject({ url: `/api/venues/posters.pdf?ids=${set.join(',')}`, headers: { cookie } })
  const whileDrawing = async () => {
    for (let i = 0; i < 2000 && t.services.posters.load.running === 0; i++) await sleep(5)
    expect(t.services.posters.load.running).toBe(1)
  }

  it('answers /healthz promptly while a large batch is drawn', async () => {
    const big = pdf(ids.slice(0, 40))
    let done = false
    void big.then(() => {
      done = true
    })
    await whileDrawing()
    const times: number[] = []
    while (!done && times.length < 50) {
      const t0 = performance.now()
      const res = await t.app.inject({ url: '/healthz' })
      times.push(performance.now() - t0)
      expect(res.statusCode).toBe(200)
      await sleep(10)
    }
    const res = await big
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(readPdfText(res.rawPayload).pages).toHaveLength(40)
    // Drawn on the event loop, no probe could be answered before the PDF was done.
    expect(times.length).toBeGreaterThanOrEqual(5)
    expect(median(times)).toBeLessThan(50)
  })

  it('refuses a job beyond the queue at once with 503 SERVER_BUSY and Retry-After', async () => {
    const running = pdf(ids.slice(0, 30))
    await whileDrawing()
    const waiting = pdf(ids.slice(50, 52))
    for (let i = 0; i < 2000 && t.services.posters.load.waiting === 0; i++) await sleep(5)
    expect(t.services.posters.load.waiting).toBe(1)
    const refused = await pdf(ids.slice(52, 54))
    expect(refused.statusCode, refused.body).toBe(503)
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('SERVER_BUSY')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect((await running).statusCode).toBe(200)
    expect((await waiting).statusCode).toBe(200)
    // Free again.
    expect((await pdf(ids.slice(52, 54))).statusCode).toBe(200)
  })

  it('answers the same venues, unchanged, with the same bytes without drawing again; checks scope each time', async () => {
    const set = ids.slice(60, 63)
    const before = { ...t.services.posters.stats }
    const first = await pdf(set)
    expect(first.statusCode).toBe(200)
    const second = await pdf(set)
    expect(second.statusCode).toBe(200)
    expect(Buffer.compare(second.rawPayload, first.rawPayload)).toBe(0)
    expect(t.services.posters.stats.rendered).toBe(before.rendered + 1)
    expect(t.services.posters.stats.cached).toBe(before.cached + 1)
    // The same single venue through the other route is the same document set as [it]: cached too.
    const single = await t.app.inject({
      url: `/api/venues/${set[0] ?? ''}/poster.pdf`,
      headers: { cookie: worker },
    })
    const singleAgain = await t.app.inject({
      url: `/api/venues/${set[0] ?? ''}/poster.pdf`,
      headers: { cookie: worker },
    })
    expect(Buffer.compare(single.rawPayload, singleAgain.rawPayload)).toBe(0)
    expect(t.services.posters.stats.rendered).toBe(before.rendered + 2)

    // A renamed venue is drawn again, with its new name.
    await t.services.database.db
      .updateTable('venues')
      .set({ name: '改名后的餐馆' })
      .where('id', '=', set[1] ?? '')
      .execute()
    const renamed = await pdf(set)
    expect(renamed.statusCode).toBe(200)
    expect(t.services.posters.stats.rendered).toBe(before.rendered + 3)
    expect(readPdfText(renamed.rawPayload).pages[1]?.replace(/\s+/g, '')).toContain('改名后的餐馆')

    // A cached PDF is no way around scope or deactivation.
    const other = await t.makeRegions()
    const outsider = await t.login('community_worker', other.communities[0])
    expect((await pdf(set, outsider)).statusCode).toBe(403)
    await t.services.database.db
      .updateTable('venues')
      .set({ active: false })
      .where('id', '=', set[2] ?? '')
      .execute()
    expect((await pdf(set)).statusCode).toBe(409)
  })
})
