import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { create, type Font } from 'fontkit'
import { CodePointIndex, parseFontFaces, parseUnicodeRange } from './unicode-range.js'
import {
  loadSubset,
  REPLACEMENT,
  SubsetFontFamily,
  type FontSubset,
  type FontWeight,
} from './noto-sans-sc.js'
import { woffToSfnt } from './woff.js'

/** GB2312 hanzi (levels 1 and 2): EUC-CN rows 0xB0–0xF7, cells 0xA1–0xFE, minus the 5 empty cells of row 0xD7. */
const gb2312 = new TextDecoder('gb18030')
const gb2312Hanzi = (row: number, cell: number) => gb2312.decode(Uint8Array.of(row, cell))
const isGb2312Hanzi = (row: number, cell: number) => !(row === 0xd7 && cell > 0xf9)
/**
 * The 33 rare GB2312 level-2 hanzi that @fontsource/noto-sans-sc 5.3.0 has in no file at all
 * (Google Fonts' frequency-based slicing left them out; not in the `chinese-simplified` file
 * either): they print as □. Listed so that a font update that changes this is noticed.
 */
const ABSENT_FROM_PACKAGE = '劐阢坶塥蒈蓰猸弪艴骣桊轷戤赇牿犋毪胲脶膪憝铴镩稆瘭耠耢耥蟓筢蹯鲰齄'

const fonts = new Map<string, Font>()
async function fontOf(subset: FontSubset): Promise<Font> {
  let font = fonts.get(subset.name)
  if (!font) {
    font = create(await loadSubset(subset)) as Font
    fonts.set(subset.name, font)
  }
  return font
}

describe('unicode-range', () => {
  it('parses code points, ranges and wildcards, and refuses anything else', () => {
    expect(parseUnicodeRange('U+4e00-9fff, U+3000,u+4??')).toEqual([
      [0x4e00, 0x9fff],
      [0x3000, 0x3000],
      [0x400, 0x4ff],
    ])
    for (const bad of ['U+', '4E00', 'U+9fff-4e00', 'U+110000', 'U+4?-50', 'U+?4'])
      expect(() => parseUnicodeRange(bad), bad).toThrow()
  })

  it('reads the woff source and range of each @font-face', () => {
    const css = `/* a */ @font-face { font-family: 'X'; src: url(./files/x-1.woff2) format('woff2'), url(./files/x-1.woff) format('woff');
      unicode-range: U+41-5a; }
      @font-face { src: url(./files/x-all.woff) format('woff'); }`
    expect(parseFontFaces(css)).toEqual([{ file: './files/x-1.woff', ranges: [[0x41, 0x5a]] }])
  })

  it('lets the face defined last win where ranges overlap, as a browser does', () => {
    const index = new CodePointIndex([
      { ranges: [[0, 0xff]], value: 'a' },
      { ranges: [[0x41, 0x41]], value: 'b' },
    ])
    expect([index.get(0x40), index.get(0x41), index.get(0x100)]).toEqual(['a', 'b', undefined])
  })
})

describe.each([400, 700] as FontWeight[])('Noto Sans SC %i subsets', (weight) => {
  const family = SubsetFontFamily.of(weight)

  it('maps every GB2312 hanzi the package has to a subset whose font has its glyph (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0xb0, max: 0xf7 }),
        fc.integer({ min: 0xa1, max: 0xfe }),
        async (row, cell) => {
          fc.pre(isGb2312Hanzi(row, cell) && !ABSENT_FROM_PACKAGE.includes(gb2312Hanzi(row, cell)))
          const cp = gb2312Hanzi(row, cell).codePointAt(0) ?? 0
          expect(cp >= 0x4e00 && cp <= 0x9fff, cp.toString(16)).toBe(true)
          const subset = family.subsetOf(cp)
          expect(subset, cp.toString(16)).toBeDefined()
          if (subset) expect((await fontOf(subset)).hasGlyphForCodePoint(cp), subset.name).toBe(true)
        },
      ),
      { numRuns: 1500 },
    )
  })

  it('covers the 6763 GB2312 hanzi but 33, printable ASCII and the Chinese punctuation', () => {
    const missing: string[] = []
    for (let row = 0xb0; row <= 0xf7; row++)
      for (let cell = 0xa1; cell <= 0xfe; cell++) {
        if (!isGb2312Hanzi(row, cell)) continue
        const ch = gb2312Hanzi(row, cell)
        if (!family.subsetOf(ch.codePointAt(0) ?? 0)) missing.push(ch)
      }
    for (const ch of ' ~!"#$%&()*+,-./0123456789:;<=>?@AZaz[]{}|·“”‘’，。、；：？！（）《》【】…—□')
      if (!family.subsetOf(ch.codePointAt(0) ?? 0)) missing.push(ch)
    expect(missing.join('')).toBe(ABSENT_FROM_PACKAGE)
  })

  it('gives each subset file a distinct head checksum (pdfkit merges fonts whose name and checksum match)', async () => {
    const seen = new Map<string, string>()
    for (const subset of family.subsets) {
      const font = await fontOf(subset)
      const key = `${font.postscriptName}/${String((font as unknown as { head: { checkSumAdjustment: number } }).head.checkSumAdjustment)}`
      expect(seen.get(key), `${subset.name} and ${seen.get(key) ?? ''}`).toBeUndefined()
      seen.set(key, subset.name)
    }
  })
})

describe('text runs', () => {
  const family = SubsetFontFamily.of(400)

  it('splits text into runs of one subset each, losing nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...Array.from('场所码幸福里小区南门 Venue code，。1234é')) }),
        (text) => {
          const runs = family.runs(text)
          expect(runs.map((r) => r.text).join('')).toBe(text)
          for (const r of runs)
            for (const ch of r.text) expect(family.subsetOf(ch.codePointAt(0) ?? 0)).toBe(r.font)
          for (let i = 1; i < runs.length; i++) expect(runs[i]?.font).not.toBe(runs[i - 1]?.font)
        },
      ),
    )
  })

  it('never throws: emoji become □ and are reported once, zero-width characters go, controls become spaces', () => {
    const reported: number[] = []
    const text = '超市🦠\u200d\ufe0f\n门🦠'
    const runs = family.runs(text, (cp) => reported.push(cp))
    expect(runs.map((r) => r.text).join('')).toBe(`超市${REPLACEMENT} 门${REPLACEMENT}`)
    family.runs('🦠', (cp) => reported.push(cp))
    expect(reported).toEqual([0x1f9a0])
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(() => family.runs(s)).not.toThrow()
      }),
    )
  })
})

describe('WOFF unwrapping', () => {
  it('gives the same font as fontkit reads from the WOFF itself', async () => {
    const subset = SubsetFontFamily.of(400).subsetOf('场'.codePointAt(0) ?? 0)
    if (!subset) throw new Error('no subset for 场')
    const woff = await readFile(subset.path)
    const fromWoff = create(woff) as Font
    const fromSfnt = create(woffToSfnt(woff)) as Font
    expect(fromSfnt.type).toBe('TTF')
    expect(fromSfnt.numGlyphs).toBe(fromWoff.numGlyphs)
    expect(fromSfnt.characterSet).toEqual(fromWoff.characterSet)
    const glyph = (f: Font) => f.glyphForCodePoint(0x573a)
    expect(glyph(fromSfnt).path.toSVG()).toBe(glyph(fromWoff).path.toSVG())
    expect(glyph(fromSfnt).advanceWidth).toBe(glyph(fromWoff).advanceWidth)
  })

  it('refuses what is not a WOFF 1.0 file', () => {
    expect(() => woffToSfnt(Buffer.from('wOF2 and more bytes than the forty-four of a header'))).toThrow(
      /WOFF/,
    )
    expect(() => woffToSfnt(new Uint8Array(3))).toThrow(/WOFF/)
  })
})
