/**
 * CSS `unicode-range` (CSS Fonts Level 4 §4.5) and the `@font-face` rules of a Fontsource
 * stylesheet: which font file holds which code points.
 */

/** An inclusive range of code points. */
export type CodePointRange = readonly [from: number, to: number]

const MAX_CODE_POINT = 0x10ffff

/**
 * Parses a `unicode-range` value: `U+4E00-9FFF, U+3000, U+4??` (single code points, ranges and
 * `?` wildcards). Throws on anything else, so that a changed stylesheet fails loudly.
 */
export function parseUnicodeRange(value: string): CodePointRange[] {
  const ranges: CodePointRange[] = []
  for (const raw of value.split(',')) {
    const part = raw.trim()
    if (part === '') continue
    const m = /^[Uu]\+([0-9A-Fa-f?]{1,6})(?:-([0-9A-Fa-f]{1,6}))?$/.exec(part)
    const head = m?.[1]
    if (head === undefined) throw new Error(`bad unicode-range part: ${part}`)
    const tail = m?.[2]
    let range: CodePointRange
    if (head.includes('?')) {
      if (tail !== undefined || !/^[0-9A-Fa-f]*\?+$/.test(head)) throw new Error(`bad wildcard: ${part}`)
      range = [parseInt(head.replace(/\?/g, '0'), 16), parseInt(head.replace(/\?/g, 'F'), 16)]
    } else {
      const from = parseInt(head, 16)
      range = [from, tail === undefined ? from : parseInt(tail, 16)]
    }
    if (range[0] > range[1] || range[1] > MAX_CODE_POINT) throw new Error(`bad range: ${part}`)
    ranges.push(range)
  }
  return ranges
}

/** One `@font-face` rule: its font file (relative to the stylesheet) and the code points it covers. */
export interface FontFaceRule {
  readonly file: string
  readonly ranges: readonly CodePointRange[]
}

/**
 * The `@font-face` rules of a stylesheet that declare a `unicode-range`, with the `src` URL of the
 * given format (`woff`: fontkit reads WOFF without the Brotli decoding WOFF2 needs).
 */
export function parseFontFaces(css: string, format: 'woff' | 'woff2' = 'woff'): FontFaceRule[] {
  const rules: FontFaceRule[] = []
  for (const block of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = block[1] ?? ''
    const range = /unicode-range:\s*([^;]+);?/.exec(body)?.[1]
    if (range === undefined) continue
    const url = new RegExp(`url\\(['"]?([^)'"]+)['"]?\\)\\s*format\\(['"]?${format}['"]?\\)`).exec(body)?.[1]
    if (url === undefined) throw new Error(`@font-face without a ${format} source: ${body.trim()}`)
    rules.push({ file: url, ranges: parseUnicodeRange(range) })
  }
  return rules
}

/**
 * Code point → value. Where rules overlap the one defined last wins, as in a browser (CSS Fonts
 * Level 4 §4.5: overlapping faces are checked "in the reverse order they were defined"). A plain
 * map: a Fontsource family covers some 16 000 code points.
 */
export class CodePointIndex<T> {
  private readonly map = new Map<number, T>()

  constructor(entries: readonly { readonly ranges: readonly CodePointRange[]; readonly value: T }[]) {
    for (const { ranges, value } of entries)
      for (const [from, to] of ranges) for (let cp = from; cp <= to; cp++) this.map.set(cp, value)
  }

  get(codePoint: number): T | undefined {
    return this.map.get(codePoint)
  }

  get size(): number {
    return this.map.size
  }
}
