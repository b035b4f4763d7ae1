/**
 * Reads back the text layer of a PDF that pdfkit wrote with embedded (Type0, Identity-H) fonts:
 * the text a reader copies or a search finds, decoded through each font's ToUnicode CMap
 * (ISO 32000-1 §9.10.3). For tests and checks of our own output, not a general PDF parser:
 * no cross-reference streams, object streams, encryption or simple-font encodings.
 */
import { inflateSync } from 'node:zlib'

interface PdfObject {
  readonly dict: string
  readonly stream: Buffer | undefined
}

export interface PdfTextLayer {
  /** The pages' text, each the concatenation of its text-showing operations in order. */
  readonly pages: readonly string[]
  /** The BaseFont of every font, e.g. `CZZZZZ+NotoSansSC-Regular`. */
  readonly fonts: readonly string[]
  /** The pages' content streams, inflated (drawing operators as text). */
  readonly contents: readonly string[]
}

/** Parses the objects of a PDF and decodes its pages' text. Throws on a structure it can't read. */
export function readPdfText(pdf: Buffer): PdfTextLayer {
  const objects = parseObjects(pdf)
  const toUnicode = new Map<string, Map<number, string>>() // font object number → CID → text
  const fonts: string[] = []
  for (const [num, obj] of objects) {
    if (!/\/Type\s*\/Font\b/.test(obj.dict)) continue
    const base = /\/BaseFont\s*\/([^\s/<>[\]]+)/.exec(obj.dict)?.[1]
    if (base !== undefined) fonts.push(base)
    const ref = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(obj.dict)?.[1]
    const cmap = ref === undefined ? undefined : objects.get(Number(ref))?.stream
    if (cmap) toUnicode.set(String(num), parseToUnicode(cmap.toString('latin1')))
  }
  // Resource names (`/F3`) → font object numbers, from every resource dictionary.
  const fontByName = new Map<string, string>()
  for (const obj of objects.values())
    for (const m of obj.dict.matchAll(/\/Font\s*<<([^>]*)>>/g))
      for (const f of (m[1] ?? '').matchAll(/\/([^\s/]+)\s+(\d+)\s+0\s+R/g))
        if (f[1] !== undefined && f[2] !== undefined) fontByName.set(f[1], f[2])

  const pages: string[] = []
  const contentsOut: string[] = []
  // Pages in reading order: the root page tree's /Kids (pdfkit writes a flat tree).
  const tree = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict))
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(tree?.dict ?? '')?.[1] ?? ''
  const pageObjects = [...kids.matchAll(/(\d+)\s+0\s+R/g)].map((k) => objects.get(Number(k[1])))
  if (pageObjects.some((o) => o === undefined || !/\/Type\s*\/Page\b/.test(o.dict)))
    throw new Error('the page tree is not a flat list of pages')
  for (const page of pageObjects) {
    const contents = /\/Contents\s+(\d+)\s+0\s+R/.exec(page?.dict ?? '')?.[1]
    const content = contents === undefined ? undefined : objects.get(Number(contents))?.stream
    const ops = content?.toString('latin1') ?? ''
    contentsOut.push(ops)
    pages.push(showText(ops, (name) => toUnicode.get(fontByName.get(name) ?? '')))
  }
  return { pages, fonts, contents: contentsOut }
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1')
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF')
  const objects = new Map<number, PdfObject>()
  const head = /(\d+)\s+0\s+obj\s*/g
  let m: RegExpExecArray | null
  while ((m = head.exec(text)) !== null) {
    const start = head.lastIndex
    const end = text.indexOf('endobj', start)
    if (end < 0) throw new Error(`object ${m[1] ?? '?'} has no endobj`)
    const body = text.slice(start, end)
    const streamAt = body.search(/\bstream\r?\n/)
    let dict = body
    let stream: Buffer | undefined
    if (streamAt >= 0) {
      dict = body.slice(0, streamAt)
      const length = Number(/\/Length\s+(\d+)/.exec(dict)?.[1] ?? NaN)
      const dataStart = start + streamAt + (/^stream\r\n/.test(body.slice(streamAt)) ? 8 : 7)
      if (!Number.isFinite(length)) throw new Error(`object ${m[1] ?? '?'}: stream without a direct /Length`)
      const raw = pdf.subarray(dataStart, dataStart + length)
      stream = /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : raw
    }
    objects.set(Number(m[1]), { dict, stream })
    head.lastIndex = end + 6
  }
  return objects
}

const hexToString = (hex: string) => {
  const units: number[] = []
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16))
  return String.fromCharCode(...units)
}

/** A ToUnicode CMap's `bfchar` and `bfrange` entries (2-byte codes, UTF-16BE destinations). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>()
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const e of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g))
      map.set(parseInt(e[1] ?? '', 16), hexToString((e[2] ?? '').replace(/\s/g, '')))
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1] ?? ''
    for (const e of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]*>)/g)) {
      const lo = parseInt(e[1] ?? '', 16)
      const hi = parseInt(e[2] ?? '', 16)
      const dst = e[3] ?? ''
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((d) =>
          hexToString((d[1] ?? '').replace(/\s/g, '')),
        )
        items.forEach((s, i) => {
          if (lo + i <= hi) map.set(lo + i, s)
        })
      } else {
        const first = hexToString(dst.slice(1, -1).replace(/\s/g, ''))
        for (let code = lo; code <= hi; code++)
          map.set(
            code,
            first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + code - lo),
          )
      }
    }
  }
  return map
}

/** The text of a content stream's `Tf`, `Tj` and `TJ` operations (2-byte CIDs). */
function showText(content: string, fontMap: (name: string) => Map<number, string> | undefined): string {
  let cmap: Map<number, string> | undefined
  let out = ''
  const decode = (hex: string) => {
    for (let i = 0; i + 4 <= hex.length; i += 4)
      out += cmap?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd'
  }
  for (const op of content.matchAll(
    /\/([^\s/]+)\s+[\d.]+\s+Tf|\[((?:\s*(?:<[0-9a-fA-F]*>|-?[\d.]+))*)\s*\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g,
  )) {
    if (op[1] !== undefined) cmap = fontMap(op[1])
    else if (op[2] !== undefined) for (const s of op[2].matchAll(/<([0-9a-fA-F]*)>/g)) decode(s[1] ?? '')
    else if (op[3] !== undefined) decode(op[3])
  }
  return out
}
