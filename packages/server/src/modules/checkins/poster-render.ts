/**
 * Draws venue posters on A4 with pdfkit: one page per poster, the QR code as vector squares,
 * Chinese through the embedded (subsetted) Noto Sans SC.
 */
import PDFDocument from 'pdfkit'
import { Typesetter, type FontWeight, type TextBlock } from '@lianfang/pdf'
import type { PosterModel } from './poster-layout.js'

/** A4 in points (ISO 216: 210 × 297 mm). */
const PAGE = { width: 595.28, height: 841.89 } as const
const MARGIN = 42
const WIDTH = PAGE.width - 2 * MARGIN
const BLUE = '#1677ff'
const GREY = '#595959'
const LIGHT = '#8c8c8c'
/** The QR symbol's quiet zone (ISO/IEC 18004 §6.3.8: 4 modules). */
const QUIET_MODULES = 4
const QR_MAX = 360
const QR_MIN = 200

export interface RenderOptions {
  /** When the PDF is made (its CreationDate). */
  readonly now: Date
  /** Called once per code point that no font covers (drawn as □). */
  readonly onMissing?: (codePoint: number) => void
}

/** One PDF with one A4 page per poster. */
export async function renderPosters(
  posters: readonly PosterModel[],
  options: RenderOptions,
): Promise<Buffer> {
  if (posters.length === 0) throw new Error('no posters to render')
  const first = posters[0]
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: false,
    compress: true,
    info: {
      Title: posters.length === 1 && first ? `场所码 ${first.venueName}` : `场所码 (${posters.length})`,
      Author: 'Lianfang',
      Subject: 'Venue code poster',
      Creator: 'Lianfang',
      CreationDate: options.now,
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks))
    })
    doc.on('error', reject)
  })
  const ts = new Typesetter(doc, options.onMissing)
  await ts.prepare(posters.flatMap(textsOf))
  for (const p of posters) drawPoster(doc, ts, p)
  doc.end()
  return done
}

const numbered = (lines: readonly string[]) => lines.map((l, i) => `${String(i + 1)}. ${l}`)

/** The texts a poster draws, to read their fonts ahead (a font missed here is read when drawn). */
function textsOf(p: PosterModel): { text: string; weight: FontWeight }[] {
  return [
    { text: `${p.title.zh} ${p.title.en}`, weight: 700 },
    { text: p.venueName, weight: 700 },
    ...[
      p.subtitle.zh,
      p.subtitle.en,
      p.details,
      ...numbered(p.instructions.zh),
      ...numbered(p.instructions.en),
      ...p.smallPrint,
    ].map((text) => ({ text, weight: 400 as const })),
  ]
}

function drawPoster(doc: PDFKit.PDFDocument, ts: Typesetter, p: PosterModel): void {
  doc.addPage({ size: 'A4', margin: MARGIN })
  // Blue band with the title, top of the page.
  const bandHeight = 78
  doc.rect(0, 0, PAGE.width, bandHeight).fill(BLUE)
  const titleZh = ts.fit(p.title.zh, { weight: 700, size: 36, width: WIDTH })
  const titleEn = ts.fit(p.title.en, { weight: 700, size: 18, width: WIDTH })
  const gap = 12
  const titleWidth = widest(titleZh) + gap + widest(titleEn)
  const titleX = (PAGE.width - titleWidth) / 2
  const titleY = (bandHeight - titleZh.height) / 2
  ts.draw(titleZh, { x: titleX, y: titleY, width: widest(titleZh), align: 'left', color: '#ffffff' })
  ts.draw(titleEn, {
    x: titleX + widest(titleZh) + gap,
    y: titleY + titleZh.size * 0.62 - titleEn.size * 0.5,
    width: widest(titleEn),
    align: 'left',
    color: '#ffffff',
  })

  // From the top: subtitle, venue name (shrinks to fit three lines), region and kind.
  let y = bandHeight + 16
  const subtitle = ts.fit(`${p.subtitle.zh}  ${p.subtitle.en}`, {
    weight: 400,
    size: 13,
    minSize: 9,
    maxLines: 1,
    width: WIDTH,
  })
  ts.draw(subtitle, { x: MARGIN, y, width: WIDTH, color: BLUE })
  y += subtitle.height + 10
  const name = ts.fit(p.venueName, {
    weight: 700,
    size: 34,
    minSize: 16,
    maxLines: 3,
    width: WIDTH,
    lineHeight: 1.25,
  })
  ts.draw(name, { x: MARGIN, y, width: WIDTH })
  y += name.height + 4
  const details = ts.fit(p.details, { weight: 400, size: 14, minSize: 10, maxLines: 2, width: WIDTH })
  ts.draw(details, { x: MARGIN, y, width: WIDTH, color: GREY })
  y += details.height + 10

  // From the bottom: small print, then the instructions; the QR takes the room between.
  const small = p.smallPrint.map((t) =>
    ts.fit(t, { weight: 400, size: 7.5, minSize: 6, maxLines: 2, width: WIDTH }),
  )
  const smallHeight = small.reduce((h, b) => h + b.height, 0)
  let bottom = PAGE.height - MARGIN + 12 - smallHeight
  let sy = bottom
  for (const b of small) {
    ts.draw(b, { x: MARGIN, y: sy, width: WIDTH, color: LIGHT })
    sy += b.height
  }
  const zh = numbered(p.instructions.zh).map((t) =>
    ts.fit(t, { weight: 400, size: 12, minSize: 10, maxLines: 2, width: WIDTH - 20 }),
  )
  const en = numbered(p.instructions.en).map((t) =>
    ts.fit(t, { weight: 400, size: 10.5, minSize: 9, maxLines: 2, width: WIDTH - 20 }),
  )
  const blockHeight = (bs: readonly TextBlock[]) => bs.reduce((h, b) => h + b.height + 2, 0)
  const instructionsHeight = blockHeight(zh) + 8 + blockHeight(en)
  bottom -= 14 + instructionsHeight
  let iy = bottom
  doc
    .moveTo(MARGIN, iy - 8)
    .lineTo(PAGE.width - MARGIN, iy - 8)
    .lineWidth(0.5)
    .strokeColor('#d9d9d9')
    .stroke()
  for (const b of zh) {
    ts.draw(b, { x: MARGIN + 10, y: iy, width: WIDTH - 20, align: 'left' })
    iy += b.height + 2
  }
  iy += 8
  for (const b of en) {
    ts.draw(b, { x: MARGIN + 10, y: iy, width: WIDTH - 20, align: 'left', color: GREY })
    iy += b.height + 2
  }

  const room = bottom - 16 - y
  const side = Math.max(QR_MIN, Math.min(QR_MAX, room))
  drawQr(doc, p.qr.modules, (PAGE.width - side) / 2, y + Math.max(0, (room - side) / 2), side)
}

function widest(b: TextBlock): number {
  return b.lines.reduce((w, l) => Math.max(w, l.width), 0)
}

/**
 * The QR symbol as one filled path of rectangles (a run of dark modules in a row is one
 * rectangle), inside a white square with the quiet zone: sharp at any print size.
 */
export function drawQr(
  doc: PDFKit.PDFDocument,
  modules: readonly (readonly boolean[])[],
  x: number,
  y: number,
  side: number,
): void {
  const n = modules.length
  const unit = side / (n + 2 * QUIET_MODULES)
  doc.rect(x, y, side, side).fill('#ffffff')
  const ox = x + QUIET_MODULES * unit
  const oy = y + QUIET_MODULES * unit
  modules.forEach((row, r) => {
    let c = 0
    while (c < row.length) {
      if (!row[c]) {
        c++
        continue
      }
      const start = c
      while (c < row.length && row[c]) c++
      doc.rect(ox + start * unit, oy + r * unit, (c - start) * unit, unit)
    }
  })
  doc.fill('#000000')
}
