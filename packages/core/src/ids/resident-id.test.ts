import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { makeResidentId, parseResidentId, residentIdCheckChar } from './resident-id.js'

describe('GB 11643 resident ID numbers', () => {
  it('accepts published specimens', () => {
    // The worked example of GB 11643-1999 appendix: 11010519491231002X.
    expect(parseResidentId('11010519491231002X')).toMatchObject({
      ok: true,
      value: { addressCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    })
    expect(parseResidentId('440524188001010014')).toMatchObject({ ok: true, value: { sex: 'male' } })
    expect(parseResidentId(' 11010519491231002x ')).toMatchObject({ ok: true })
  })

  it('names the problem', () => {
    expect(parseResidentId('1101051949123100')).toEqual({ ok: false, problem: 'format' })
    expect(parseResidentId('110105194902300021')).toEqual({ ok: false, problem: 'birth_date' })
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, problem: 'checksum' })
  })

  it('every number it makes is valid and round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 110000, max: 659999 }),
        fc.date({ min: new Date('1900-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (addr, birth, seq) => {
          const date = birth.toISOString().slice(0, 10)
          const n = makeResidentId(String(addr), date, seq)
          const parsed = parseResidentId(n)
          expect(parsed.ok).toBe(true)
          if (parsed.ok) {
            expect(parsed.value.birthDate).toBe(date)
            expect(parsed.value.sex).toBe(seq % 2 === 1 ? 'male' : 'female')
          }
        },
      ),
    )
  })

  it('detects every single-digit substitution (ISO 7064 MOD 11-2 property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const n = makeResidentId('420106', '1980-06-15', 321)
        const digit = (Number(n[pos]) + delta) % 10
        const changed = n.slice(0, pos) + String(digit) + n.slice(pos + 1)
        const parsed = parseResidentId(changed)
        expect(parsed.ok).toBe(false)
      }),
    )
  })

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = parseResidentId(s)
        expect(typeof r.ok).toBe('boolean')
      }),
    )
    expect(() => residentIdCheckChar('12')).toThrow(RangeError)
  })
})
