import { afterEach, describe, expect, it } from 'vitest'
import { FLOOR_KINDS, startFloor, type Floor } from './http-floor.js'

const scan = (code: string) => ({
  clientScanId: '3f0c7f1e-8a3b-4c1d-9e2f-0a1b2c3d4e5f',
  venueId: '12',
  method: 'gate_scan',
  direction: 'in',
  scannedAt: '2026-11-29T06:00:00Z',
  code,
})

async function post(floor: Floor, body: string) {
  const res = await fetch(`${floor.url}/api/gate/scan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: 'lf_session=floor' },
    body,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe.each(FLOOR_KINDS)('the %s floor', (kind) => {
  let floor: Floor | undefined
  afterEach(async () => {
    await floor?.close()
    floor = undefined
  })

  it('answers a verified code with an accepted outcome and a forged one with a rejection', async () => {
    const seen: string[] = []
    floor = await startFloor(kind, (code) => {
      seen.push(code)
      return Promise.resolve(code === 'LF1:good')
    })
    const ok = await post(floor, JSON.stringify(scan('LF1:good')))
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({
      clientScanId: '3f0c7f1e-8a3b-4c1d-9e2f-0a1b2c3d4e5f',
      status: 'accepted',
      decision: 'allow',
      error: null,
    })
    const bad = await post(floor, JSON.stringify(scan('LF1:forged')))
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'not a genuine health code',
        details: { code: 'BAD_CODE' },
      },
    })
    expect(seen).toEqual(['LF1:good', 'LF1:forged'])
  })

  it('refuses a body that is not JSON without calling the verifier', async () => {
    let calls = 0
    floor = await startFloor(kind, () => {
      calls++
      return Promise.resolve(true)
    })
    const r = await post(floor, '{"clientScanId":')
    expect(r.status).toBe(400)
    expect(calls).toBe(0)
  })
})
