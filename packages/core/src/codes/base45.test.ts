import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base45Decode, base45Encode } from './base45.js'

describe('Base45 (RFC 9285)', () => {
  it('encodes the RFC examples', () => {
    const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
    expect(base45Encode(ascii('AB'))).toBe('BB8')
    expect(base45Encode(ascii('Hello!!'))).toBe('%69 VD92EX0')
    expect(base45Encode(ascii('base-45'))).toBe('UJCLQE7W581')
    expect(base45Decode('QED8WEX0')).toEqual(ascii('ietf!'))
  })

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => {
        expect(base45Decode(base45Encode(b))).toEqual(b)
      }),
    )
  })

  it('rejects bad alphabet, bad length and overflowing triples without throwing', () => {
    expect(base45Decode('GGW')).toBeUndefined() // 65536 > 0xffff
    expect(base45Decode('ABCD')).toBeUndefined() // length ≡ 1 mod 3
    expect(base45Decode('ab')).toBeUndefined()
    expect(base45Decode(':;')).toBeUndefined()
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const out = base45Decode(s)
        if (out) expect(base45Encode(out)).toBe(s)
      }),
    )
  })
})
