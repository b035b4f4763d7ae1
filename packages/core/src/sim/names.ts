import { AliasTable } from './alias-table.js'
import type { Rng } from './prng.js'

/**
 * Chinese names, mobile numbers and place-name morphemes for the synthetic population.
 * Surname shares (per cent of the population) approximate the national rankings the Ministry
 * of Public Security publishes from the household registers (王, 李, 张 and 刘 together cover
 * about a quarter of people); the long tail is folded into the last entries' weights.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.7],
  ['刘', 5.4],
  ['陈', 4.6],
  ['杨', 3.1],
  ['黄', 2.4],
  ['赵', 2.3],
  ['吴', 2.0],
  ['周', 1.9],
  ['徐', 1.5],
  ['孙', 1.5],
  ['马', 1.3],
  ['朱', 1.3],
  ['胡', 1.2],
  ['郭', 1.2],
  ['何', 1.2],
  ['林', 1.1],
  ['高', 1.1],
  ['罗', 1.0],
  ['郑', 0.97],
  ['梁', 0.94],
  ['谢', 0.83],
  ['宋', 0.8],
  ['唐', 0.79],
  ['许', 0.74],
  ['韩', 0.73],
  ['冯', 0.72],
  ['邓', 0.72],
  ['曹', 0.69],
  ['彭', 0.65],
  ['曾', 0.64],
  ['肖', 0.6],
  ['田', 0.58],
  ['董', 0.56],
  ['袁', 0.55],
  ['潘', 0.54],
  ['于', 0.53],
  ['蒋', 0.52],
  ['蔡', 0.51],
  ['余', 0.5],
  ['杜', 0.49],
  ['叶', 0.48],
  ['程', 0.47],
  ['苏', 0.46],
  ['魏', 0.45],
  ['吕', 0.44],
  ['丁', 0.43],
  ['任', 0.42],
  ['沈', 0.41],
  ['姚', 0.4],
  ['卢', 0.39],
  ['姜', 0.38],
  ['崔', 0.37],
  ['钟', 0.36],
  ['谭', 0.35],
  ['陆', 0.34],
  ['汪', 0.33],
  ['范', 0.32],
  ['金', 0.31],
  ['石', 0.3],
  ['廖', 0.29],
  ['贾', 0.28],
  ['夏', 0.27],
  ['韦', 0.26],
  ['付', 0.25],
  ['方', 0.24],
  ['白', 0.23],
  ['邹', 0.22],
  ['孟', 0.21],
  ['熊', 0.2],
  ['秦', 0.19],
  ['邱', 0.18],
  ['江', 0.17],
  ['尹', 0.16],
  ['薛', 0.15],
  ['闫', 0.14],
  ['段', 0.13],
  ['雷', 0.12],
  ['侯', 0.11],
  ['龙', 0.1],
  ['史', 0.1],
  ['陶', 0.1],
  ['黎', 0.1],
  ['贺', 0.1],
  ['顾', 0.1],
  ['毛', 0.1],
  ['郝', 0.1],
  ['龚', 0.09],
  ['邵', 0.09],
  ['万', 0.09],
  ['钱', 0.09],
  ['严', 0.08],
  ['覃', 0.08],
  ['武', 0.08],
  ['戴', 0.08],
  ['欧阳', 0.05],
  ['上官', 0.01],
  ['司马', 0.01],
  ['诸葛', 0.01],
]

const MALE_CHARS = Array.from(
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳晨博文宏志建国峰海子轩睿泽航然一梓铭天毅振家兴成永德彬亮坤昊',
)
const FEMALE_CHARS = Array.from(
  '芳娜敏静丽艳娟霞燕玲丹萍红婷雪琳慧颖洁倩欣怡佳悦梦雨思涵诗萱婉晴月琪璐瑶薇蕾欢秀英兰桂凤淑珍莉蓉梅翠晶可馨',
)

const surnameTable = new AliasTable(
  SURNAMES.map((_, i) => i),
  SURNAMES.map(([, w]) => w),
)

/** A surname drawn by national frequency. */
export function drawSurname(rng: Rng): string {
  return SURNAMES[surnameTable.sample(rng)]?.[0] ?? '王'
}

/** A given name of one or two characters (about a fifth of names have one). */
export function drawGivenName(rng: Rng, male: boolean): string {
  const chars = male ? MALE_CHARS : FEMALE_CHARS
  const first = rng.pick(chars)
  return rng.chance(0.2) ? first : first + rng.pick(chars)
}

/** Mobile number prefixes of the three carriers (China Mobile, Unicom, Telecom). */
const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '178',
  '182',
  '183',
  '184',
  '187',
  '188',
  '198',
  '130',
  '131',
  '132',
  '155',
  '156',
  '166',
  '175',
  '176',
  '185',
  '186',
  '133',
  '153',
  '173',
  '177',
  '180',
  '181',
  '189',
  '191',
  '199',
]

/** An 11-digit mobile number (prefix + 8 digits). */
export function drawMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0')
}

/** Morphemes of Chinese street and community names. */
export const PLACE_MORPHEMES = Array.from(
  '中山 解放 人民 建设 和平 新华 胜利 友谊 长江 黄河 东湖 西湖 南湖 北湖 花园 青山 翠微 金桥 银河 阳光 幸福 康宁 永安 民主 光明 复兴 振兴 红旗 朝阳 东方 紫荆 锦绣 桂花 梅园 竹林 松柏 兴华 安康 丰收 万福 龙腾 凤凰 紫阳 宝丰 沙湖 汉江 江滩 前进 团结 劳动 建国 天河 月湖 晴川 白沙 东风 新民 鼓楼 钟楼 文昌 西城 南门 北港 新桥 古田 杨园 首义 珞珈 徐东 积玉 水塔 大智 四唯 车站 新安 育才 博雅 清江 玉带 龟山 莲花 荷塘 柳林 枫叶 樱花 丹桂 百步 双墩 三眼'.split(
    ' ',
  ),
)

const COMMUNITY_SUFFIXES = [
  '',
  '',
  '',
  '里',
  '苑',
  '新村',
  '花园',
  '家园',
  '东',
  '西',
  '南',
  '北',
  '一',
  '二',
]

/** A street (街道) name, unique among `taken`. */
export function drawStreetName(rng: Rng, taken: Set<string>): string {
  return unique(rng, taken, () => rng.pick(PLACE_MORPHEMES) + '街道')
}

/** A community (社区) name, unique among `taken`. */
export function drawCommunityName(rng: Rng, taken: Set<string>): string {
  return unique(rng, taken, () => rng.pick(PLACE_MORPHEMES) + rng.pick(COMMUNITY_SUFFIXES) + '社区')
}

function unique(rng: Rng, taken: Set<string>, draw: () => string): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = draw()
    if (!taken.has(name)) {
      taken.add(name)
      return name
    }
  }
  // Every combination is taken: number the name (as real divisions do: 新村一, 新村二…).
  const base = draw()
  let n = 2
  while (taken.has(`${base.slice(0, -2)}${n}${base.slice(-2)}`)) n++
  const name = `${base.slice(0, -2)}${n}${base.slice(-2)}`
  taken.add(name)
  return name
}
