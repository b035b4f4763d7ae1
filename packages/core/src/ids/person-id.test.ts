import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DomainError } from '../errors/domain-error.js'
import {
  ID_TYPES,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeIdNumber,
  normalizePhone,
  phoneSpellings,
} from './person-id.js'

describe('identity numbers', () => {
  it('normalises resident and passport numbers', () => {
    expect(normalizeIdNumber('resident', '11010519491231002x')).toBe('11010519491231002X')
    expect(normalizeIdNumber('passport', ' e12345678 ')).toBe('E12345678')
  })

  it('rejects bad numbers with a DomainError naming the problem, never anything else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ID_TYPES), fc.string({ maxLength: 30 }), (type, s) => {
        try {
          const n = normalizeIdNumber(type, s)
          expect(n.length).toBeGreaterThan(0)
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError)
          expect((e as DomainError).code).toBe('ID_NUMBER_INVALID')
        }
      }),
    )
  })

  it('masks', () => {
    expect(maskIdNumber('resident', '11010519491231002X')).toBe('110105********002X')
    expect(maskIdNumber('passport', 'E12345678')).toBe('E1*****78')
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('John Smith')).toBe('J*** S****')
  })

  it('a masked number never contains the hidden middle', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17}[0-9X]$/), (n) => {
        const m = maskIdNumber('resident', n)
        expect(m).toHaveLength(18)
        expect(m.slice(6, 14)).toBe('********')
      }),
    )
  })
})

describe('phone numbers', () => {
  it('compare without the mainland country code or separators', () => {
    for (const p of ['13912345678', '+8613912345678', '8613912345678', '008613912345678', '139 1234-5678'])
      expect(normalizePhone(p)).toBe('13912345678')
    expect(normalizePhone('+85291234567')).toBe('85291234567')
    expect(normalizePhone('861391234567')).toBe('861391234567') // 12 digits: not a mainland mobile
    expect(phoneSpellings('13912345678')).toEqual([
      '13912345678',
      '+8613912345678',
      '8613912345678',
      '008613912345678',
    ])
  })
})
