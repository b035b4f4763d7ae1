import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isInRegion, parentRegionCode, regionLevel, regionPrefix } from './region-code.js'

describe('region codes', () => {
  it.each([
    ['420000', 'province', '42'],
    ['420100', 'city', '4201'],
    ['420106', 'district', '420106'],
    ['420106001', 'street', '420106001'],
    ['420106001002', 'community', '420106001002'],
  ] as const)('%s is a %s with prefix %s', (code, level, prefix) => {
    expect(regionLevel(code)).toBe(level)
    expect(regionPrefix(code)).toBe(prefix)
  })

  it('rejects malformed codes', () => {
    for (const c of ['', '4201', '42010', '4201060011', 'abcdef', '000000'])
      expect(regionLevel(c)).toBeUndefined()
    expect(() => regionPrefix('x')).toThrow(RangeError)
  })

  it('subtree membership follows the parent chain', () => {
    expect(isInRegion('420106001002', '420100')).toBe(true)
    expect(isInRegion('420106001002', '420106001')).toBe(true)
    expect(isInRegion('420106002001', '420106001')).toBe(false)
    expect(isInRegion('420107001001', '420106')).toBe(false)
    expect(isInRegion('430100', '420000')).toBe(false)
    fc.assert(
      fc.property(fc.stringMatching(/^42(0[1-9]|1[0-9])(0[1-9]|[1-9][0-9])[0-9]{6}$/), (community) => {
        let code: string | undefined = community
        while (code) {
          expect(isInRegion(community, code)).toBe(true)
          code = parentRegionCode(code)
        }
      }),
    )
  })
})
