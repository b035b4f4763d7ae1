import { Rng } from './prng.js'
import { drawCommunityName, drawStreetName } from './names.js'
import { STREETS_PER_POPULATION, type SimDistrict, type SimRegion } from './types.js'

/** Target residents of a community (社区): real urban communities have roughly 1,000–3,000. */
export const COMMUNITY_MIN = 1000
export const COMMUNITY_MAX = 3000
const COMMUNITY_TARGET = 2000
/** Communities per street (街道) before another street is opened. */
const COMMUNITIES_PER_STREET = 12

export interface Layout {
  readonly streets: readonly SimRegion[]
  /** District index of each street. */
  readonly streetDistrict: Int32Array
  readonly communities: readonly SimRegion[]
  readonly communityStreet: Int32Array
  /** Residents of each community. */
  readonly communitySize: Int32Array
}

/**
 * Splits `people` into communities of 1,000–3,000 residents (one community when there are
 * fewer than 1,000 people), spreads them over the districts with uneven weights, groups them
 * into streets and names and codes them. Street numbers come from the population's block.
 */
export function planLayout(
  key: number,
  people: number,
  districts: readonly SimDistrict[],
  population: number,
): Layout {
  if (districts.length === 0) throw new RangeError('the city has no districts')
  const rng = new Rng(key, 0, 101)
  const sizes = communitySizes(rng, people)
  const perDistrict = spreadOverDistricts(rng, sizes.length, districts.length)

  const streets: SimRegion[] = []
  const streetDistrict: number[] = []
  const communities: SimRegion[] = []
  const communityStreet: number[] = []
  perDistrict.forEach((count, d) => {
    if (count === 0) return
    const district = districts[d]
    if (!district) return
    const streetCount = Math.min(STREETS_PER_POPULATION, Math.ceil(count / COMMUNITIES_PER_STREET))
    const streetNames = new Set<string>()
    for (let s = 0; s < streetCount; s++) {
      const number = population * STREETS_PER_POPULATION + s + 1
      const street: SimRegion = {
        code: district.code + String(number).padStart(3, '0'),
        parentCode: district.code,
        level: 'street',
        name: drawStreetName(rng, streetNames),
      }
      const streetIndex = streets.length
      streets.push(street)
      streetDistrict.push(d)
      const from = Math.floor((s * count) / streetCount)
      const to = Math.floor(((s + 1) * count) / streetCount)
      const communityNames = new Set<string>()
      for (let c = from; c < to; c++) {
        communities.push({
          code: street.code + String(c - from + 1).padStart(3, '0'),
          parentCode: street.code,
          level: 'community',
          name: drawCommunityName(rng, communityNames),
        })
        communityStreet.push(streetIndex)
      }
    }
  })
  return {
    streets,
    streetDistrict: Int32Array.from(streetDistrict),
    communities,
    communityStreet: Int32Array.from(communityStreet),
    communitySize: sizes,
  }
}

/** Community sizes that sum to `people`, each within [COMMUNITY_MIN, COMMUNITY_MAX] when people ≥ 2000; two halves below. */
function communitySizes(rng: Rng, people: number): Int32Array {
  const count = Math.max(1, Math.round(people / COMMUNITY_TARGET))
  if (count === 1) {
    // A small town still has two communities (the demo needs two to show scoping); a single
    // person makes one.
    if (people < 2) return Int32Array.of(people)
    return Int32Array.of(Math.ceil(people / 2), Math.floor(people / 2))
  }
  const sizes = new Int32Array(count)
  const raw = Array.from({ length: count }, () => 0.7 + 0.6 * rng.float())
  const total = raw.reduce((a, b) => a + b, 0)
  let sum = 0
  for (let i = 0; i < count; i++) {
    const s = Math.min(COMMUNITY_MAX, Math.max(COMMUNITY_MIN, Math.floor(((raw[i] ?? 1) * people) / total)))
    sizes[i] = s
    sum += s
  }
  // Settle the rounding and clamping difference one resident at a time within the bounds
  // (the mean people/count lies in [1333, 3000), so there is always room).
  let i = 0
  while (sum !== people) {
    const s = sizes[i] ?? 0
    if (sum < people && s < COMMUNITY_MAX) {
      sizes[i] = s + 1
      sum++
    } else if (sum > people && s > COMMUNITY_MIN) {
      sizes[i] = s - 1
      sum--
    }
    i = (i + 1) % count
  }
  return sizes
}

/** How many communities each district gets: every district at least one while they last. */
function spreadOverDistricts(rng: Rng, communities: number, districts: number): number[] {
  const out = new Array<number>(districts).fill(0)
  const order = Array.from({ length: districts }, (_, i) => i)
  for (let i = districts - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = order[i] ?? 0
    order[i] = order[j] ?? 0
    order[j] = t
  }
  if (communities <= districts) {
    for (let i = 0; i < communities; i++) out[order[i] ?? 0] = 1
    return out
  }
  // Uneven districts: central ones are denser. Largest-remainder apportionment of the rest.
  const weights = order.map(() => rng.pareto(1, 2.5))
  const wsum = weights.reduce((a, b) => a + b, 0)
  const rest = communities - districts
  const shares = weights.map((w) => (w * rest) / wsum)
  let given = 0
  shares.forEach((s, k) => {
    const d = order[k] ?? 0
    out[d] = 1 + Math.floor(s)
    given += Math.floor(s)
  })
  const byRemainder = shares.map((s, k) => [s - Math.floor(s), k] as const).sort((a, b) => b[0] - a[0])
  for (let r = 0; given < rest; r++, given++) {
    const k = byRemainder[r % districts]?.[1] ?? 0
    const d = order[k] ?? 0
    out[d] = (out[d] ?? 0) + 1
  }
  return out
}
