import { Rng } from './prng.js'
import { PLACE_MORPHEMES, drawSurname } from './names.js'
import { K, VENUE_KINDS, type SimDistrict, type VenueKind } from './types.js'
import type { Layout } from './layout.js'
import type { Persons } from './population.js'

/** The venues of a city as parallel arrays (index = venue index). */
export interface Venues {
  readonly count: number
  readonly kind: Uint8Array
  readonly name: readonly string[]
  readonly regionCode: readonly string[]
  readonly capacity: Int32Array
  readonly address: readonly string[]
  /** Street index, or -1 for district- and city-level venues. */
  readonly street: Int32Array
  /** District index, or -1 for city-level venues. */
  readonly district: Int32Array
  /** The residential gate of each community. */
  readonly gateOfCommunity: Int32Array
  /** 0 for venues that are not schools, else 1 + index in SCHOOL_LEVELS. */
  readonly schoolLevel: Uint8Array
}

class VenueBuilder {
  readonly kind: number[] = []
  readonly name: string[] = []
  readonly regionCode: string[] = []
  readonly capacity: number[] = []
  readonly address: string[] = []
  readonly street: number[] = []
  readonly district: number[] = []
  readonly schoolLevel: number[] = []

  add(
    kind: VenueKind,
    name: string,
    regionCode: string,
    capacity: number,
    address: string,
    street: number,
    district: number,
    schoolLevel = 0,
  ) {
    this.schoolLevel.push(schoolLevel)
    this.kind.push(K[kind])
    this.name.push(name)
    this.regionCode.push(regionCode)
    this.capacity.push(Math.max(1, Math.round(capacity)))
    this.address.push(address)
    this.street.push(street)
    this.district.push(district)
    return this.kind.length - 1
  }
}

const SUPERMARKETS = [
  '永辉超市',
  '华润万家',
  '物美超市',
  '中百仓储',
  '沃尔玛',
  '家乐福',
  '盒马鲜生',
  '大润发',
  '联华超市',
  '便利蜂',
]
const RESTAURANT_TYPES = [
  '饭店',
  '面馆',
  '火锅',
  '烧烤',
  '酒家',
  '小吃',
  '餐厅',
  '热干面',
  '饺子馆',
  '茶餐厅',
  '快餐',
  '粥铺',
]
const OFFICE_TYPES = [
  '科技有限公司',
  '贸易有限公司',
  '信息技术有限公司',
  '咨询有限公司',
  '物流有限公司',
  '建设集团',
  '传媒有限公司',
  '银行支行',
  '保险公司',
]
const FACTORY_TYPES = ['机械厂', '电子厂', '食品厂', '纺织厂', '汽车零部件厂', '制药厂', '印刷厂', '钢构厂']
const SCHOOL_NAMES = ['幼儿园', '小学', '中学', '高级中学', '大学']
const SCHOOL_SIZE = [200, 1000, 1200, 1800, 12000]
const LEISURE = ['公园', '广场', '购物中心', '图书馆', '体育中心']

/** Numbers of people that, per street, justify one more venue of a kind. */
const PER_STREET: readonly (readonly [VenueKind, number, number, number, number])[] = [
  // kind, residents per venue, minimum, Pareto xm, Pareto alpha (capacity)
  ['market', 8000, 1, 80, 1.4],
  ['supermarket', 3000, 1, 60, 1.3],
  ['restaurant', 250, 2, 20, 1.5],
  ['station', 12000, 1, 400, 1.2],
  ['gym', 15000, 0, 30, 1.5],
  ['other', 15000, 1, 200, 1.2],
]

/** Capacity cap per kind (a Pareto draw can be arbitrarily large). */
const CAP: Partial<Record<VenueKind, number>> = {
  market: 3000,
  supermarket: 5000,
  restaurant: 1500,
  station: 60000,
  gym: 800,
  other: 30000,
  hospital: 20000,
  cinema: 2000,
  hotel: 2000,
  bus: 5000,
  office: 20000,
  factory: 30000,
}

/**
 * Creates the venues: one residential gate per community; markets, supermarkets, restaurants,
 * metro stations, gyms, parks and a community health centre per street; hospitals, cinemas,
 * hotels and schools per district; bus lines, trains, flights, universities, offices and
 * factories for the city. Capacities are Pareto-distributed (a few huge venues, many small
 * ones), which is what makes venue-based contact tracing hard.
 */
export function generateVenues(
  key: number,
  layout: Layout,
  districts: readonly SimDistrict[],
  persons: Persons,
): Venues {
  const rng = new Rng(key, 0, 301)
  const b = new VenueBuilder()
  const capped = (kind: VenueKind, xm: number, alpha: number) =>
    Math.min(CAP[kind] ?? 1e6, rng.pareto(xm, alpha))
  const morpheme = () => rng.pick(PLACE_MORPHEMES)

  const streetPop = new Float64Array(layout.streets.length)
  const districtPop = new Float64Array(districts.length)
  const students = new Float64Array(districts.length * 6)
  const communityResidents = new Int32Array(layout.communities.length)
  let workers = 0
  for (let p = 0; p < persons.count; p++) {
    const c = persons.community[p] ?? 0
    const s = layout.communityStreet[c] ?? 0
    const d = layout.streetDistrict[s] ?? 0
    communityResidents[c] = (communityResidents[c] ?? 0) + 1
    streetPop[s] = (streetPop[s] ?? 0) + 1
    districtPop[d] = (districtPop[d] ?? 0) + 1
    const level = persons.schoolLevel[p] ?? 0
    students[d * 6 + level] = (students[d * 6 + level] ?? 0) + 1
    if (persons.role[p] === 3) workers++
  }

  const gateOfCommunity = new Int32Array(layout.communities.length)
  layout.communities.forEach((c, i) => {
    const s = layout.communityStreet[i] ?? 0
    gateOfCommunity[i] = b.add(
      'residential_gate',
      `${c.name}${rng.pick(['东门', '南门', '北门', '西门', '正门'])}`,
      c.code,
      communityResidents[i] ?? 0,
      c.name,
      s,
      layout.streetDistrict[s] ?? 0,
    )
  })

  layout.streets.forEach((street, s) => {
    const d = layout.streetDistrict[s] ?? 0
    const pop = streetPop[s] ?? 0
    const at = (what: string) => `${street.name}${morpheme()}路${rng.between(1, 300)}号${what}`
    for (const [kind, per, min, xm, alpha] of PER_STREET) {
      const n = Math.max(min, Math.round(pop / per))
      for (let i = 0; i < n; i++) {
        const name =
          kind === 'market'
            ? `${morpheme()}${rng.pick(['菜市场', '农贸市场'])}`
            : kind === 'supermarket'
              ? `${rng.pick(SUPERMARKETS)}(${morpheme()}店)`
              : kind === 'restaurant'
                ? `${rng.chance(0.5) ? drawSurname(rng) + '记' : morpheme()}${rng.pick(RESTAURANT_TYPES)}`
                : kind === 'station'
                  ? `${morpheme()}${rng.pick(['地铁站', '公交站'])}`
                  : kind === 'gym'
                    ? `${morpheme()}健身中心`
                    : `${morpheme()}${rng.pick(LEISURE)}`
        b.add(kind, name, street.code, capped(kind, xm, alpha), at(''), s, d)
      }
    }
    b.add(
      'hospital',
      `${street.name.replace('街道', '')}社区卫生服务中心`,
      street.code,
      capped('hospital', 40, 2),
      at(''),
      s,
      d,
    )
  })

  const streetsOf = districts.map((_, d) =>
    layout.streets.flatMap((_, s) => (layout.streetDistrict[s] === d ? [s] : [])),
  )
  districts.forEach((district, d) => {
    const pop = districtPop[d] ?? 0
    const streets = streetsOf[d] ?? []
    if (streets.length === 0) return
    const place = () => {
      const s = rng.pick(streets)
      return {
        code: layout.streets[s]?.code ?? district.code,
        addr: `${layout.streets[s]?.name ?? ''}${morpheme()}路${rng.between(1, 300)}号`,
      }
    }
    const add = (kind: VenueKind, name: string, xm: number, alpha: number, level = 0) => {
      const at = place()
      b.add(kind, name, at.code, capped(kind, xm, alpha), at.addr, -1, d, level)
    }
    const hospitals = Math.max(1, Math.round(pop / 80000))
    for (let i = 0; i < hospitals; i++)
      add(
        'hospital',
        `${district.name}${rng.pick(['人民医院', '中医医院', '妇幼保健院', '第二医院'])}`,
        300,
        1.1,
      )
    for (let i = 0; i < Math.round(pop / 60000); i++) add('cinema', `${morpheme()}影城`, 300, 1.5)
    for (let i = 0; i < Math.round(pop / 25000); i++)
      add('hotel', `${morpheme()}${rng.pick(['酒店', '宾馆', '大酒店'])}`, 80, 1.4)
    for (let level = 1; level <= 4; level++) {
      const n = students[d * 6 + level] ?? 0
      if (n === 0) continue
      const size = SCHOOL_SIZE[level - 1] ?? 1000
      for (let i = 0; i < Math.max(1, Math.round(n / size)); i++) {
        add(
          'school',
          `${district.name}${morpheme()}${SCHOOL_NAMES[level - 1] ?? '学校'}`,
          size * 0.6,
          3,
          level,
        )
      }
    }
  })

  // City-level: bus lines, rail and air services, universities, employers.
  const anyPlace = () => {
    const s = rng.int(layout.streets.length)
    const street = layout.streets[s]
    return {
      s,
      code: street?.code ?? '',
      d: layout.streetDistrict[s] ?? 0,
      addr: `${street?.name ?? ''}${morpheme()}路${rng.between(1, 300)}号`,
    }
  }
  const cityVenue = (kind: VenueKind, name: string, capacity: number, level = 0) => {
    const at = anyPlace()
    return b.add(kind, name, at.code, capacity, at.addr, -1, -1, level)
  }
  for (let i = 0; i < Math.max(2, Math.round(persons.count / 6000)); i++)
    cityVenue('bus', `${rng.between(1, 999)}路公交车`, capped('bus', 60, 1.5))
  for (let i = 0; i < 3; i++)
    cityVenue(
      'train',
      `${rng.pick(['G', 'D', 'K', 'Z'])}${rng.between(1, 9999)}次列车`,
      rng.between(500, 1500),
    )
  for (let i = 0; i < 2; i++)
    cityVenue(
      'flight',
      `${rng.pick(['MU', 'CZ', 'CA', 'HU'])}${rng.between(1000, 9999)}航班`,
      rng.between(150, 350),
    )
  let university = 0
  for (let d = 0; d < districts.length; d++) university += students[d * 6 + 5] ?? 0
  if (university > 0) {
    for (let i = 0; i < Math.max(1, Math.round(university / 12000)); i++) {
      cityVenue(
        'school',
        `${morpheme()}${rng.pick(['大学', '理工大学', '师范大学', '职业技术学院'])}`,
        rng.pareto(4000, 2),
        5,
      )
    }
  }
  // Employers: offices in business streets (a few central streets hold most of them), factories anywhere.
  const business = layout.streets.map(() => rng.pareto(1, 1.2))
  const businessTotal = business.reduce((a, x) => a + x, 0)
  const businessStreet = () => {
    let u = rng.float() * businessTotal
    for (let s = 0; s < business.length; s++) if ((u -= business[s] ?? 0) <= 0) return s
    return business.length - 1
  }
  const jobs = workers * 0.88
  const employer = (kind: 'office' | 'factory', share: number, xm: number, alpha: number) => {
    const cap = Math.min(CAP[kind] ?? 1e6, Math.max(50, jobs * share))
    for (let sum = 0; sum < jobs * share || sum === 0;) {
      const capacity = Math.min(cap, rng.pareto(xm, alpha))
      const s = kind === 'office' ? businessStreet() : rng.int(layout.streets.length)
      const street = layout.streets[s]
      const name =
        kind === 'office'
          ? `${morpheme()}${rng.pick(OFFICE_TYPES)}`
          : `${morpheme()}${rng.pick(FACTORY_TYPES)}`
      b.add(
        kind,
        name,
        street?.code ?? '',
        capacity,
        `${street?.name ?? ''}${morpheme()}路${rng.between(1, 300)}号`,
        s,
        layout.streetDistrict[s] ?? 0,
      )
      sum += Math.round(capacity)
    }
  }
  employer('office', 0.65, 8, 1.15)
  employer('factory', 0.35, 20, 1.2)

  return {
    count: b.kind.length,
    kind: Uint8Array.from(b.kind),
    name: b.name,
    regionCode: b.regionCode,
    capacity: Int32Array.from(b.capacity),
    address: b.address,
    street: Int32Array.from(b.street),
    district: Int32Array.from(b.district),
    gateOfCommunity,
    schoolLevel: Uint8Array.from(b.schoolLevel),
  }
}

/** The kind of a venue index as its name. */
export function venueKindOf(venues: Venues, v: number): VenueKind {
  return VENUE_KINDS[venues.kind[v] ?? 0] ?? 'other'
}
