import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import decodeQR from 'qr/decode.js'
import { VENUE_KINDS } from '@lianfang/contracts'
import {
  attachmentDisposition,
  posterFileNames,
  posterModel,
  qrModules,
  VENUE_KIND_LABELS,
} from './poster-layout.js'

/** Draws a module matrix as an RGB image (with the 4-module quiet zone) for the decoder. */
function raster(modules: readonly (readonly boolean[])[], scale = 4) {
  const size = (modules.length + 8) * scale
  const data = new Uint8Array(size * size * 3).fill(255)
  modules.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (!dark) return
      for (let y = (r + 4) * scale; y < (r + 5) * scale; y++)
        data.fill(0, (y * size + (c + 4) * scale) * 3, (y * size + (c + 5) * scale) * 3)
    })
  })
  return { width: size, height: size, data }
}

/**
 * The error-correction level in a symbol's format information (ISO/IEC 18004:2015 §7.9): the
 * 15 bits beside the top-left finder, unmasked with 101010000010010 and BCH(15,5)-checked.
 */
function eccLevel(m: readonly (readonly boolean[])[]): 'L' | 'M' | 'Q' | 'H' {
  const at = (x: number, y: number) => (m[y]?.[x] ? 1 : 0)
  let bits = 0
  const positions: [number, number][] = [
    ...[0, 1, 2, 3, 4, 5].map((i): [number, number] => [8, i]),
    [8, 7],
    [8, 8],
    [7, 8],
    ...[9, 10, 11, 12, 13, 14].map((i): [number, number] => [14 - i, 8]),
  ]
  positions.forEach(([x, y], i) => (bits |= at(x, y) << i))
  bits ^= 0x5412
  const data = bits >> 10
  let rem = data
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >> 9) * 0x537)
  expect((data << 10) | (rem & 0x3ff), 'format information BCH code').toBe(bits)
  return (['M', 'L', 'H', 'Q'] as const)[data >> 3] ?? 'L'
}

const venue = {
  id: '42',
  name: '幸福里小区南门',
  kind: 'residential_gate' as const,
  regionName: '社区420106001001',
  regionCode: '420106001001',
}
const base45 = fc.string({
  unit: fc.constantFrom(...Array.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:')),
  minLength: 1,
  maxLength: 400,
})

describe('poster model', () => {
  it('carries the exact venue code as a QR at level M that decodes back to it (property)', () => {
    fc.assert(
      fc.property(base45, (tail) => {
        const code = `LFV1:${tail}`
        const model = posterModel({ venue, code, issuer: 'node-1', kid: 'ab12', now: new Date() })
        expect(model.qr.text).toBe(code)
        expect(model.qr.modules).toEqual(qrModules(code))
        expect(eccLevel(model.qr.modules)).toBe('M')
        expect(decodeQR(raster(model.qr.modules))).toBe(code)
      }),
      { numRuns: 25 },
    )
  })

  it('has no quiet zone in the matrix (the drawing adds it): finder patterns sit in the corners', () => {
    const m = qrModules('LFV1:6BFOXN*TS0BI$ZD8UHGTCA+5Q7:M5:E8L0')
    expect((m.length - 17) % 4).toBe(0) // 4·version + 17 modules
    for (const [r, c] of [
      [0, 0],
      [0, m.length - 7],
      [m.length - 7, 0],
    ] as const) {
      expect(m[r]?.slice(c, c + 7)).toEqual(Array(7).fill(true))
      expect(m[r + 1]?.slice(c, c + 7)).toEqual([true, false, false, false, false, false, true])
    }
  })

  it('says the title, the name, region and kind in both languages, issuer, key and the day in China', () => {
    const model = posterModel({
      venue,
      code: 'LFV1:X',
      issuer: 'node-wuhan',
      kid: '0a1b2c',
      now: new Date('2026-11-28T17:30:00Z'),
    })
    expect(model.title).toEqual({ zh: '场所码', en: 'Venue code' })
    expect(model.venueName).toBe('幸福里小区南门')
    expect(model.details).toBe('社区420106001001 · 小区门岗 Residential gate')
    expect(model.instructions.zh.length).toBe(model.instructions.en.length)
    expect(model.instructions.zh.join()).toMatch(/健康码/)
    expect(model.instructions.en.join()).toMatch(/health code/)
    expect(model.smallPrint[0]).toContain('node-wuhan')
    expect(model.smallPrint[0]).toContain('0a1b2c')
    expect(model.smallPrint[0]).toContain('2026-11-29') // 01:30 next day in Beijing
    const berlin = posterModel({
      venue,
      code: 'LFV1:X',
      issuer: 'node-wuhan',
      kid: '0a1b2c',
      now: new Date('2026-11-28T17:30:00Z'),
      timeZone: 'Europe/Berlin',
    })
    expect(berlin.smallPrint[0]).toContain('2026-11-28') // 18:30 in Berlin
  })

  it('names every venue kind in both languages', () => {
    for (const kind of VENUE_KINDS) {
      expect(VENUE_KIND_LABELS[kind].zh, kind).toMatch(/\p{Script=Han}/u)
      expect(VENUE_KIND_LABELS[kind].en, kind).toMatch(/^[A-Z]/)
    }
  })
})

describe('download file names', () => {
  it('has an ASCII filename and the Chinese one in filename* (RFC 6266, RFC 8187)', () => {
    const names = posterFileNames({ id: '42', name: '幸福里 "南门"/东侧*' })
    expect(names).toEqual({ ascii: 'venue-42-poster.pdf', utf8: '场所码-幸福里 南门 东侧-42.pdf' })
    const header = attachmentDisposition(names.ascii, names.utf8)
    expect(header).toBe(
      `attachment; filename="venue-42-poster.pdf"; filename*=UTF-8''${encodeURIComponent('场所码-幸福里 南门 东侧-42.pdf')}`,
    )
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (name) => {
        const n = posterFileNames({ id: '7', name })
        const h = attachmentDisposition(n.ascii, n.utf8)
        expect(h).toMatch(
          /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/,
        )
        expect(decodeURIComponent(h.split("UTF-8''")[1] ?? '')).toBe(n.utf8)
        expect(n.utf8).not.toMatch(/[\\/:*?"<>|\p{Cc}]/u)
      }),
    )
  })
})
