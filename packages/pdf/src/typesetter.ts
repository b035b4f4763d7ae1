/**
 * Chinese and Latin text in a pdfkit document with the subset fonts of Noto Sans SC: each line is
 * laid out here (pdfkit's own wrapper knows one font per call) and drawn as runs of one subset
 * font each. Breaks fall between CJK characters or at spaces; closing punctuation never starts a
 * line (a small part of the kinsoku rules, GB/T 15834-2011 §5 and W3C "Requirements for Chinese
 * Text Layout" §3.1.7).
 */
import {
  loadSubset,
  loadSubsetSync,
  SubsetFontFamily,
  type FontSubset,
  type FontWeight,
  type TextRun,
} from './noto-sans-sc.js'

/** A piece of a line: text of one font, and its width at the block's size. */
export interface Piece {
  readonly text: string
  readonly font: FontSubset
  readonly width: number
}
export interface Line {
  readonly pieces: readonly Piece[]
  readonly width: number
}
/** Text broken into lines at one size, ready to draw. */
export interface TextBlock {
  readonly weight: FontWeight
  readonly size: number
  readonly lineHeight: number
  readonly lines: readonly Line[]
  /** lines × size × lineHeight */
  readonly height: number
}

export interface FitOptions {
  readonly weight: FontWeight
  /** Largest font size (pt) tried first. */
  readonly size: number
  /** The size is reduced down to this (pt) while the text needs more than `maxLines`. */
  readonly minSize?: number
  readonly maxLines?: number
  readonly width: number
  /** Line height as a multiple of the size; 1.3 unless given. */
  readonly lineHeight?: number
}

/** Characters that stick to the character before them (no line starts with them). */
const NO_START =
  /^[\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff09\u300b\u300d\u300f\u3011\u3015\u2019\u201d\u00b7\u2026\uff05%,.;:!?)\]}]$/u
/** Characters that stick to the character after them (no line ends with them). */
const NO_END = /^[\uff08\u300a\u300c\u300e\u3010\u3014\u2018\u201c([{]$/u
/** Characters a line may break before and after (ideographs, kana, full-width forms). */
const CJK =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef\u2e80-\u2fff\u25a1]$/u

/** Subset name → character → advance width at 1 pt. */
const advanceWidths = new Map<string, Map<string, number>>()

/**
 * Loads the fonts a set of texts needs (asynchronously, once per process per subset), then lays
 * them out and draws them synchronously as pdfkit requires. One per document.
 */
export class Typesetter {
  private readonly data = new Map<string, Buffer>()
  private readonly registered = new Set<string>()

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly onMissing?: (codePoint: number) => void,
  ) {}

  /**
   * Reads the subset files that `texts` use without blocking; a font not read here is read
   * synchronously when first drawn or measured.
   */
  async prepare(texts: readonly { readonly text: string; readonly weight: FontWeight }[]): Promise<void> {
    const wanted = new Map<string, FontSubset>()
    for (const { text, weight } of texts)
      for (const run of SubsetFontFamily.of(weight).runs(text, this.onMissing))
        if (!this.data.has(run.font.name)) wanted.set(run.font.name, run.font)
    const loaded = await Promise.all(
      [...wanted.values()].map(async (f) => [f.name, await loadSubset(f)] as const),
    )
    for (const [name, bytes] of loaded) this.data.set(name, bytes)
  }

  /** Breaks text into lines, shrinking it from `size` towards `minSize` until `maxLines` suffice. */
  fit(text: string, o: FitOptions): TextBlock {
    const runs = SubsetFontFamily.of(o.weight).runs(text, this.onMissing)
    const minSize = Math.min(o.minSize ?? o.size, o.size)
    const maxLines = o.maxLines ?? Number.POSITIVE_INFINITY
    const lineHeight = o.lineHeight ?? 1.3
    let size = o.size
    for (;;) {
      const lines = this.wrap(runs, size, o.width)
      if (lines.length <= maxLines || size <= minSize)
        return { weight: o.weight, size, lineHeight, lines, height: lines.length * size * lineHeight }
      size = Math.max(minSize, Math.round(size * 0.94 * 10) / 10)
    }
  }

  /** Width of one line of text at a size (no wrapping). */
  widthOf(text: string, weight: FontWeight, size: number): number {
    return SubsetFontFamily.of(weight)
      .runs(text, this.onMissing)
      .reduce((w, r) => w + this.measure(r.text, r.font, size), 0)
  }

  /** Draws a block with its top at `y`, each line aligned within `[x, x + width]`. */
  draw(
    block: TextBlock,
    at: { x: number; y: number; width: number; align?: 'left' | 'center'; color?: string },
  ): void {
    let y = at.y
    for (const line of block.lines) {
      let x = at.align === 'left' ? at.x : at.x + (at.width - line.width) / 2
      for (const p of line.pieces) {
        this.use(p.font, block.size)
        this.doc.fillColor(at.color ?? '#000000').text(p.text, x, y, { lineBreak: false })
        x += p.width
      }
      y += block.size * block.lineHeight
    }
  }

  private use(font: FontSubset, size: number): void {
    if (!this.registered.has(font.name)) {
      this.doc.registerFont(font.name, this.data.get(font.name) ?? loadSubsetSync(font))
      this.registered.add(font.name)
    }
    this.doc.font(font.name).fontSize(size)
  }

  /**
   * Sum of the characters' advance widths, each measured once per process (fontkit shapes every
   * string it measures, which made measuring most of a poster's time). Kerning between Latin
   * letters is left out: a fraction of a point on a centred line.
   */
  private measure(text: string, font: FontSubset, size: number): number {
    let widths = advanceWidths.get(font.name)
    if (!widths) {
      widths = new Map()
      advanceWidths.set(font.name, widths)
    }
    let total = 0
    for (const ch of text) {
      let w = widths.get(ch)
      if (w === undefined) {
        this.use(font, 1000)
        w = this.doc.widthOfString(ch) / 1000
        widths.set(ch, w)
      }
      total += w
    }
    return total * size
  }

  private wrap(runs: readonly TextRun[], size: number, width: number): Line[] {
    const lines: Line[] = []
    let pieces: Piece[] = []
    let lineWidth = 0
    const flush = () => {
      // Trailing spaces take no room at the end of a line.
      while (pieces.length > 0 && (pieces.at(-1)?.text.trim() ?? 'x') === '')
        lineWidth -= pieces.pop()?.width ?? 0
      const last = pieces.at(-1)
      if (last && /\s$/.test(last.text)) {
        const trimmed = { ...last, text: last.text.trimEnd() }
        const w = this.measure(trimmed.text, trimmed.font, size)
        lineWidth += w - last.width
        pieces[pieces.length - 1] = { ...trimmed, width: w }
      }
      if (pieces.length > 0) lines.push({ pieces: mergePieces(pieces), width: lineWidth })
      pieces = []
      lineWidth = 0
    }
    for (const unit of breakUnits(runs)) {
      const unitPieces = unit.map((r) => ({ ...r, width: this.measure(r.text, r.font, size) }))
      const unitWidth = unitPieces.reduce((w, p) => w + p.width, 0)
      const isSpace = unit.every((r) => r.text.trim() === '')
      if (isSpace && pieces.length === 0) continue
      if (lineWidth + unitWidth > width && pieces.length > 0 && !isSpace) flush()
      if (unitWidth > width && !isSpace) {
        // A word longer than the line: break it between characters.
        for (const r of unit)
          for (const ch of r.text) {
            const w = this.measure(ch, r.font, size)
            if (lineWidth + w > width && pieces.length > 0) flush()
            pieces.push({ text: ch, font: r.font, width: w })
            lineWidth += w
          }
        continue
      }
      pieces.push(...unitPieces)
      lineWidth += unitWidth
    }
    flush()
    return lines
  }
}

/**
 * Splits runs into units that a line never breaks inside: one CJK character (with the punctuation
 * that sticks to it), a Latin word, or a stretch of spaces.
 */
export function breakUnits(runs: readonly TextRun[]): TextRun[][] {
  const chars = runs.flatMap((r) => Array.from(r.text, (ch) => ({ ch, font: r.font })))
  const units: { ch: string; font: FontSubset }[][] = []
  let glueNext = false
  for (const c of chars) {
    const prev = units.at(-1)
    const prevCh = prev?.at(-1)?.ch ?? ''
    const space = /^\s$/u.test(c.ch)
    const prevSpace = /^\s$/u.test(prevCh)
    const joins =
      prev !== undefined &&
      (glueNext ||
        (NO_START.test(c.ch) && !prevSpace) ||
        (space && prevSpace) ||
        (!space && !prevSpace && !CJK.test(c.ch) && !CJK.test(prevCh)))
    if (joins) prev.push(c)
    else units.push([c])
    glueNext = NO_END.test(c.ch)
  }
  return units.map((u) =>
    u.reduce<TextRun[]>((acc, c) => {
      const last = acc.at(-1)
      if (last?.font === c.font) acc[acc.length - 1] = { text: last.text + c.ch, font: c.font }
      else acc.push({ text: c.ch, font: c.font })
      return acc
    }, []),
  )
}

function mergePieces(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = []
  for (const p of pieces) {
    const last = out.at(-1)
    if (last?.font === p.font)
      out[out.length - 1] = { text: last.text + p.text, font: p.font, width: last.width + p.width }
    else out.push(p)
  }
  return out
}
