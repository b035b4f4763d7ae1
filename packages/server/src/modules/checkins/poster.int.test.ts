import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import decodeQR from 'qr/decode.js'
import type { MyHealthCode, SelfCheckinResult, Venue } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { readPdfText } from '@lianfang/pdf'
import { venueCodeSigner } from './poster.service.js'

const LONG_NAME = '武汉市江汉区幸福里小区南门东侧临时核酸检测点及便民服务中心（第二期）'

/**
 * The QR symbol as drawn on the page: the content stream's module rectangles (all one module
 * high) put back on the module grid, then rasterised for the decoder.
 */
function qrOnPage(content: string): string {
  const rects = [...content.matchAll(/(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re/g)].map((m) =>
    m.slice(1, 5).map(Number),
  ) as [number, number, number, number][]
  const heights = new Map<number, number>()
  for (const [, , , h] of rects) heights.set(h, (heights.get(h) ?? 0) + 1)
  const unit = [...heights].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0
  const modules = rects.filter(([, , , h]) => Math.abs(h - unit) < 1e-3)
  const x0 = Math.min(...modules.map((r) => r[0]))
  const y0 = Math.min(...modules.map((r) => r[1]))
  const n = Math.round((Math.max(...modules.map((r) => r[0] + r[2])) - x0) / unit)
  const scale = 4
  const size = (n + 8) * scale
  const data = new Uint8Array(size * size * 3).fill(255)
  for (const [x, y, w] of modules) {
    const row = Math.round((y - y0) / unit)
    const from = Math.round((x - x0) / unit)
    const to = from + Math.round(w / unit)
    for (let py = (row + 4) * scale; py < (row + 5) * scale; py++)
      data.fill(0, (py * size + (from + 4) * scale) * 3, (py * size + (to + 4) * scale) * 3)
  }
  return decodeQR({ width: size, height: size, data })
}

const squash = (s: string) => s.replace(/\s+/g, '')

describe.each(TEST_DATABASES)('venue posters (PDF) on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let worker: string
  let venue: Venue
  const createVenue = async (name: string, region?: string, cookie?: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/venues',
      headers: { cookie: cookie ?? worker },
      payload: { regionCode: region ?? r.communities[0], kind: 'supermarket', name },
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<Venue>()
  }
  const get = (url: string, cookie = worker) => t.app.inject({ url, headers: { cookie } })
  const errorOf = (res: { body: string }) =>
    (JSON.parse(res.body) as { error: { code: string; message: string } }).error

  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    worker = await t.login('community_worker', r.communities[0])
    venue = await createVenue(LONG_NAME)
  })
  afterAll(async () => t.close())

  it('is an A4 PDF download with the venue, both languages, issuer and key, and a QR that checks a citizen in', async () => {
    const res = await get(`/api/venues/${venue.id}/poster.pdf`)
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="venue-${venue.id}-poster.pdf"; filename*=UTF-8''${encodeURIComponent(`场所码-${LONG_NAME}-${venue.id}.pdf`).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    )
    const pdf = res.rawPayload
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF\s*$/)
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/)

    const layer = readPdfText(pdf)
    expect(layer.pages).toHaveLength(1)
    const text = squash(layer.pages[0] ?? '')
    for (const expected of [
      '场所码',
      'Venuecode',
      squash(LONG_NAME),
      squash(venue.regionName),
      '超市Supermarket',
      '健康码',
      'healthcode',
      `Venueid:${venue.id}`,
    ])
      expect(text).toContain(expected)
    expect(text).not.toContain('\ufffd')
    for (const f of layer.fonts.filter((f) => f !== 'Helvetica'))
      expect(f).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/)

    const printed = qrOnPage(layer.contents[0] ?? '')
    expect(printed).toMatch(/^LFV1:/)
    const signer = venueCodeSigner(printed)
    expect(text).toContain(`Issuingnode:${signer.issuer}`)
    expect(text).toContain(`Keyid:${signer.kid}`)
    const person = await t.createPerson(r.communities[1])
    const citizen = await t.login('citizen', r.communities[1], { personId: person.id })
    expect((await get('/api/codes/me', citizen)).json<MyHealthCode>().colour).toBe('green')
    const checkin = await t.app.inject({
      method: 'POST',
      url: '/api/checkins/self',
      headers: { cookie: citizen },
      payload: { venueCode: printed, clientScanId: randomUUID() },
    })
    expect(checkin.statusCode, checkin.body).toBe(200)
    expect(checkin.json<SelfCheckinResult>()).toMatchObject({
      status: 'accepted',
      venue: { id: venue.id, name: LONG_NAME },
    })
  })

  it('prints any name: emoji and characters no font has become □ instead of failing', async () => {
    const v = await createVenue('超市🦠 Café 𠀀')
    const res = await get(`/api/venues/${v.id}/poster.pdf`)
    expect(res.statusCode).toBe(200)
    expect(squash(readPdfText(res.rawPayload).pages[0] ?? '')).toContain('超市□Café□')
  })

  it('is refused as the venue code is: unknown 404, another region 403, deactivated 409, no permission 403, signed out 401', async () => {
    const other = await t.makeRegions()
    const elsewhere = await createVenue(
      '别处的超市',
      other.communities[0],
      await t.login('community_worker', other.communities[0]),
    )
    const closed = await createVenue('已停用的超市')
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/venues/${closed.id}/active`,
      headers: { cookie: worker },
      payload: { active: false },
    })
    expect(off.statusCode).toBe(200)
    const citizen = await t.login('citizen', r.communities[0])
    const cases: [string, string, number, string][] = [
      ['999999999', worker, 404, 'NOT_FOUND'],
      [elsewhere.id, worker, 403, 'OUT_OF_SCOPE'],
      [closed.id, worker, 409, 'CONFLICT'],
      [venue.id, citizen, 403, 'FORBIDDEN'],
    ]
    for (const [id, cookie, status, code] of cases) {
      const poster = await get(`/api/venues/${id}/poster.pdf`, cookie)
      const signed = await get(`/api/venues/${id}/code`, cookie)
      expect([poster.statusCode, signed.statusCode], id).toEqual([status, status])
      expect(poster.headers['content-type']).toMatch(/^application\/json/)
      expect(errorOf(poster).code).toBe(code)
    }
    expect(errorOf(await get(`/api/venues/${closed.id}/poster.pdf`)).message).toMatch(/deactivated/)
    expect((await t.app.inject({ url: `/api/venues/${venue.id}/poster.pdf` })).statusCode).toBe(401)
    expect((await get('/api/venues/abc/poster.pdf')).statusCode).toBe(400)
  })

  it('prints several venues in one PDF, a page each in the order asked, all or nothing', async () => {
    const second = await createVenue('第二家超市')
    const res = await get(`/api/venues/posters.pdf?ids=${second.id},${venue.id},${second.id}`)
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="venue-posters-2\.pdf"; filename\*=UTF-8''/,
    )
    const pages = readPdfText(res.rawPayload).pages.map(squash)
    expect(pages).toHaveLength(2)
    expect(pages[0]).toContain('第二家超市')
    expect(pages[1]).toContain(squash(LONG_NAME))

    const other = await t.makeRegions()
    const elsewhere = await createVenue(
      '别处',
      other.communities[0],
      await t.login('community_worker', other.communities[0]),
    )
    expect((await get(`/api/venues/posters.pdf?ids=${venue.id},${elsewhere.id}`)).statusCode).toBe(403)
    expect((await get(`/api/venues/posters.pdf?ids=${venue.id},999999999`)).statusCode).toBe(404)
    const tooMany = Array.from({ length: 201 }, (_, i) => String(i + 1)).join(',')
    const refused = await get(`/api/venues/posters.pdf?ids=${tooMany}`)
    expect(refused.statusCode).toBe(400)
    expect(errorOf(refused).message).toMatch(/at most 200/)
    for (const bad of ['', '1,,2', '1;2', 'abc', '0'])
      expect((await get(`/api/venues/posters.pdf?ids=${bad}`)).statusCode, bad).toBe(400)
    expect((await get('/api/venues/posters.pdf')).statusCode).toBe(400)
  })
})
