/**
 * Noto Sans SC (SIL OFL 1.1) from `@fontsource/noto-sans-sc`, so that PDFs render Chinese on a
 * machine with no system fonts. The package ships the family as ~100 numbered unicode-range
 * subsets per weight (Google Fonts' CJK slicing) listed in `<weight>.css`; text is split into
 * runs of one subset each, and only the subset files a document uses are read (then kept in
 * memory for the next one).
 */
import { readFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { CodePointIndex, parseFontFaces } from './unicode-range.js'
import { woffToSfnt } from './woff.js'

export type FontWeight = 400 | 700

/** One subset file of one weight; `name` is unique and is what the PDF registers it as. */
export interface FontSubset {
  readonly name: string
  readonly path: string
}

/** A stretch of text that one font renders. */
export interface TextRun {
  readonly text: string
  readonly font: FontSubset
}

/** Shown for a code point that no subset covers (emoji, rare scripts). */
export const REPLACEMENT = '\u25a1' // □ WHITE SQUARE, in GB2312 and so in the family

/** Zero-width characters with nothing to draw (joiners, marks, variation selectors): dropped. */
const IGNORABLE: readonly (readonly [number, number])[] = [
  [0x200b, 0x200f],
  [0x2060, 0x2064],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xe0100, 0xe01ef],
]
const isIgnorable = (cp: number) => IGNORABLE.some(([from, to]) => cp >= from && cp <= to)

let packageDirCache: string | undefined
/** The installed `@fontsource/noto-sans-sc` folder. */
export function fontPackageDir(): string {
  packageDirCache ??= dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'))
  return packageDirCache
}

/** One weight of the family: code point → subset file. */
export class SubsetFontFamily {
  private constructor(
    readonly weight: FontWeight,
    readonly subsets: readonly FontSubset[],
    private readonly index: CodePointIndex<FontSubset>,
  ) {}

  /** Reads `<weight>.css` of the package (synchronously, once per weight: a few kilobytes). */
  static of(weight: FontWeight): SubsetFontFamily {
    let family = families.get(weight)
    if (!family) {
      const dir = fontPackageDir()
      const rules = parseFontFaces(readFileSync(join(dir, `${weight}.css`), 'utf8'), 'woff')
      if (rules.length === 0)
        throw new Error(`no unicode-range subsets in @fontsource/noto-sans-sc/${weight}.css`)
      const subsets = rules.map((r) => ({
        name: r.file.replace(/^.*\//, '').replace(/\.woff$/, ''),
        path: join(dir, r.file),
      }))
      family = new SubsetFontFamily(
        weight,
        subsets,
        new CodePointIndex(rules.map((r, i) => ({ ranges: r.ranges, value: subsets[i] as FontSubset }))),
      )
      families.set(weight, family)
    }
    return family
  }

  /** The subset holding a code point, if any. */
  subsetOf(codePoint: number): FontSubset | undefined {
    return this.index.get(codePoint)
  }

  /**
   * Splits text into runs of one subset each. Control characters become spaces, zero-width ones
   * are dropped, and a code point no subset covers becomes {@link REPLACEMENT} (reported once
   * per code point through `onMissing`), so any string renders.
   */
  runs(text: string, onMissing?: (codePoint: number) => void): TextRun[] {
    const runs: { text: string; font: FontSubset }[] = []
    for (let ch of text) {
      if (isIgnorable(ch.codePointAt(0) ?? 0)) continue
      if (/\p{Cc}/u.test(ch)) ch = ' '
      const cp = ch.codePointAt(0) ?? 0
      let font = this.subsetOf(cp)
      if (!font) {
        if (!reported.has(cp)) {
          reported.add(cp)
          onMissing?.(cp)
        }
        ch = REPLACEMENT
        font = this.subsetOf(REPLACEMENT.codePointAt(0) ?? 0)
        if (!font) throw new Error('the replacement character is in no subset')
      }
      const last = runs.at(-1)
      if (last?.font === font) last.text += ch
      else runs.push({ text: ch, font })
    }
    return runs
  }
}

const families = new Map<FontWeight, SubsetFontFamily>()
const reported = new Set<number>()
const fontData = new Map<string, Promise<Buffer>>()
const loaded = new Map<string, Buffer>()

/**
 * A subset as a plain TrueType file (unwrapped from its WOFF, see `woff.ts`), read once and kept:
 * a weight's ~100 subsets are about 5 MB unwrapped, and a poster uses a few dozen. A failed read
 * is not cached.
 */
export function loadSubset(subset: FontSubset): Promise<Buffer> {
  let data = fontData.get(subset.path)
  if (!data) {
    data = readFile(subset.path).then(
      (woff) => {
        const sfnt = woffToSfnt(woff)
        loaded.set(subset.path, sfnt)
        return sfnt
      },
      (e: unknown) => {
        fontData.delete(subset.path)
        throw e
      },
    )
    fontData.set(subset.path, data)
  }
  return data
}

/** {@link loadSubset} synchronously, for a font that a document did not load ahead. */
export function loadSubsetSync(subset: FontSubset): Buffer {
  let sfnt = loaded.get(subset.path)
  if (!sfnt) {
    sfnt = woffToSfnt(readFileSync(subset.path))
    loaded.set(subset.path, sfnt)
    fontData.set(subset.path, Promise.resolve(sfnt))
  }
  return sfnt
}
