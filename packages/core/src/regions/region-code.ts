/**
 * Region codes. Provinces, cities and districts use the 6-digit codes of GB/T 2260
 * (`420000` Hubei, `420100` Wuhan, `420106` Wuchang); streets extend a district code with
 * 3 digits and communities extend a street with 3 more, as the statistical division codes
 * of the National Bureau of Statistics do (`420106001`, `420106001002`).
 *
 * Because every code starts with its ancestors' significant digits, a region's subtree is
 * the set of codes that start with its *prefix*; scoping is one indexed `LIKE 'prefix%'`.
 */

export const REGION_LEVELS = ['province', 'city', 'district', 'street', 'community'] as const
export type RegionLevel = (typeof REGION_LEVELS)[number]

/** The level a code is at, or undefined when it is not a well-formed region code. */
export function regionLevel(code: string): RegionLevel | undefined {
  if (/^\d{12}$/.test(code)) return 'community'
  if (/^\d{9}$/.test(code)) return 'street'
  if (!/^\d{6}$/.test(code) || code.startsWith('00')) return undefined
  if (code.endsWith('0000')) return 'province'
  if (code.endsWith('00')) return 'city'
  return 'district'
}

/** The significant prefix of a code: every code in its subtree starts with it. */
export function regionPrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'province':
      return code.slice(0, 2)
    case 'city':
      return code.slice(0, 4)
    case 'district':
    case 'street':
    case 'community':
      return code
    case undefined:
      throw new RangeError(`not a region code: ${code}`)
  }
}

/** True when `code` is `ancestor` or lies in its subtree. */
export function isInRegion(code: string, ancestor: string): boolean {
  if (regionLevel(code) === undefined || regionLevel(ancestor) === undefined) return false
  return code.startsWith(regionPrefix(ancestor))
}

/** The code of the parent region by code structure (undefined for a province). */
export function parentRegionCode(code: string): string | undefined {
  switch (regionLevel(code)) {
    case 'community':
      return code.slice(0, 9)
    case 'street':
      return code.slice(0, 6)
    case 'district':
      return `${code.slice(0, 4)}00`
    case 'city':
      return `${code.slice(0, 2)}0000`
    case 'province':
    case undefined:
      return undefined
  }
}
