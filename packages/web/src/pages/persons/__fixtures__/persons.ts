import type { PersonSummary, RegionNode } from '@lianfang/contracts'

/** A district with two communities, as `GET /api/regions/tree` answers it. */
export const REGION_TREE: RegionNode = {
  code: '110101',
  name: '东城区',
  level: 'district',
  synthetic: false,
  children: [
    { code: '110101001', name: '东华门街道', level: 'street', synthetic: false, children: [] },
    { code: '110101002', name: '景山街道', level: 'street', synthetic: false, children: [] },
  ],
}

const person = (id: string, name: string, regionCode: string, regionName: string): PersonSummary => ({
  id,
  name,
  sex: Number(id) % 2 === 0 ? 'female' : 'male',
  birthDate: '1980-05-0' + String(Number(id) % 9 || 1),
  phoneMasked: '138****0' + id.padStart(3, '0'),
  idType: 'resident',
  idNumberMasked: '110101********' + id.padStart(4, '0'),
  regionCode,
  regionName,
  householdId: null,
})

/** Twenty-three residents: three named 王…, the rest 李…, over the two communities. */
export const PERSONS: readonly PersonSummary[] = [
  person('1', '王小明', '110101001', '东华门街道'),
  person('2', '王芳', '110101002', '景山街道'),
  person('3', '王建国', '110101001', '东华门街道'),
  ...Array.from({ length: 20 }, (_, i) =>
    person(String(i + 4), `李${'一二三四五六七八九十'[i % 10] ?? ''}${String(i)}`, '110101002', '景山街道'),
  ),
]
