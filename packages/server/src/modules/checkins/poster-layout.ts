/**
 * What a venue poster (场所码海报) says, independent of how it is drawn: the bilingual texts, the
 * QR module matrix of the signed venue code, the small print and the file name.
 */
import encodeQR from 'qr'
import { localDate } from '@lianfang/core'
import type { Venue } from '@lianfang/contracts'

type VenueKind = Venue['kind']

/** Venue kinds in both languages (the console's `venues.kinds.*` strings). */
export const VENUE_KIND_LABELS: Readonly<Record<VenueKind, { readonly zh: string; readonly en: string }>> = {
  residential_gate: { zh: '小区门岗', en: 'Residential gate' },
  market: { zh: '农贸市场', en: 'Market' },
  supermarket: { zh: '超市', en: 'Supermarket' },
  restaurant: { zh: '餐馆', en: 'Restaurant' },
  office: { zh: '办公楼', en: 'Office' },
  factory: { zh: '工厂', en: 'Factory' },
  school: { zh: '学校', en: 'School' },
  hospital: { zh: '医院', en: 'Hospital' },
  station: { zh: '车站', en: 'Station' },
  bus: { zh: '公交车', en: 'Bus' },
  train: { zh: '列车', en: 'Train' },
  flight: { zh: '航班', en: 'Flight' },
  ship: { zh: '船舶', en: 'Ship' },
  gym: { zh: '健身房', en: 'Gym' },
  cinema: { zh: '影院', en: 'Cinema' },
  hotel: { zh: '酒店', en: 'Hotel' },
  other: { zh: '其他', en: 'Other' },
}

export const POSTER_TITLE = { zh: '场所码', en: 'Venue code' } as const
export const POSTER_SUBTITLE = {
  zh: '扫码登记 · 进出必扫',
  en: 'Scan to check in, on entry and on exit',
} as const

/** The instructions, one line each (numbered when drawn). */
export const POSTER_INSTRUCTIONS = {
  zh: [
    '打开联防居民端“扫场所码”页面，扫描上方二维码完成登记。',
    '进入和离开时都请扫码；没有智能手机的，请向工作人员出示身份证件代为登记。',
    '请向工作人员出示本人健康码，绿码方可通行。',
    '请配合现场防疫要求，佩戴口罩，保持一米以上间距。',
  ],
  en: [
    'Open "Scan a venue code" on the Lianfang citizen page and scan the QR code above to check in.',
    'Scan on entry and on exit. No smartphone? Show your ID to the staff, who will check you in.',
    'Show your own health code to the gatekeeper: only a green code may enter.',
    'Follow the on-site rules: wear a mask and keep at least one metre apart.',
  ],
} as const

/** QR error-correction level M (ISO/IEC 18004 §5.3.8: ~15 % of the symbol can be restored). */
export const POSTER_QR_ECC = 'medium'

/** Everything one poster shows. */
export interface PosterModel {
  readonly venueId: string
  readonly title: { readonly zh: string; readonly en: string }
  readonly subtitle: { readonly zh: string; readonly en: string }
  readonly venueName: string
  /** Region name and the venue kind in both languages. */
  readonly details: string
  readonly qr: {
    /** Exactly the signed venue code. */
    readonly text: string
    /** Dark modules, row by row, without the quiet zone (which the drawing adds: 4 modules). */
    readonly modules: readonly (readonly boolean[])[]
  }
  readonly instructions: { readonly zh: readonly string[]; readonly en: readonly string[] }
  readonly smallPrint: readonly string[]
}

export interface PosterInput {
  readonly venue: Pick<Venue, 'id' | 'name' | 'kind' | 'regionName' | 'regionCode'>
  /** The signed venue code (`LFV1:…`). */
  readonly code: string
  /** The node that signed it and its key id (hex), from the code's COSE header. */
  readonly issuer: string
  readonly kid: string
  /** When the poster is made. */
  readonly now: Date
  /** The IANA time zone of the date printed (default Asia/Shanghai). */
  readonly timeZone?: string
}

/** The module matrix of a QR code of `text` at level M, without its quiet zone. */
export function qrModules(text: string): boolean[][] {
  // `qr` adds a border of at least one module to its raw output; cut it off.
  const withBorder = encodeQR(text, 'raw', { ecc: POSTER_QR_ECC, border: 1 })
  return withBorder.slice(1, -1).map((row) => row.slice(1, -1))
}

export function posterModel(input: PosterInput): PosterModel {
  const { venue } = input
  const kind = VENUE_KIND_LABELS[venue.kind]
  const date = localDate(input.now, input.timeZone)
  return {
    venueId: venue.id,
    title: POSTER_TITLE,
    subtitle: POSTER_SUBTITLE,
    venueName: venue.name,
    details: `${venue.regionName} · ${kind.zh} ${kind.en}`,
    qr: { text: input.code, modules: qrModules(input.code) },
    instructions: POSTER_INSTRUCTIONS,
    smallPrint: [
      `签发节点 Issuing node: ${input.issuer}  ·  密钥 Key id: ${input.kid}  ·  日期 Date: ${date}`,
      `场所编号 Venue id: ${venue.id}  ·  区划代码 Region code: ${venue.regionCode}`,
      '本场所码由联防平台签名，涂改或挪用到其他场所无效；场所停用后本码不再接受扫码。',
      'Signed by the Lianfang platform: an altered code, or one moved to another venue, does not scan. It stops working when the venue is deactivated.',
    ],
  }
}

/**
 * `Content-Disposition` for a download (RFC 6266): an ASCII `filename` for old clients and the
 * real, Chinese name in `filename*` (RFC 5987 / RFC 8187 UTF-8 encoding).
 */
export function attachmentDisposition(asciiName: string, utf8Name: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const encoded = encodeURIComponent(utf8Name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

/** The file name of one venue's poster: `场所码-<name>-<id>.pdf`, safe on every file system. */
export function posterFileNames(venue: Pick<Venue, 'id' | 'name'>): { ascii: string; utf8: string } {
  const name = Array.from(
    venue.name
      .replace(/[\p{Cc}\\/:*?"<>|]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
    .slice(0, 60)
    .join('')
  return { ascii: `venue-${venue.id}-poster.pdf`, utf8: `场所码-${name || venue.id}-${venue.id}.pdf` }
}
