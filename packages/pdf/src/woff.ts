/**
 * WOFF 1.0 → the plain OpenType (sfnt) file it wraps (W3C WOFF File Format 1.0, §3–§5).
 *
 * Why: fontkit reads WOFF, but inflates a table with its pure-JS inflater every time it reads
 * one — per glyph for `glyf` — which made one poster take ~3 s. Unwrapping once with node:zlib and
 * keeping the result makes fontkit read a plain TrueType file.
 */
import { inflateSync } from 'node:zlib'

const WOFF_SIGNATURE = 0x774f4646 // 'wOFF'
const WOFF_HEADER = 44
const WOFF_ENTRY = 20
const SFNT_HEADER = 12
const SFNT_ENTRY = 16

const pad4 = (n: number) => (n + 3) & ~3

/** Unwraps a WOFF 1.0 font; throws on a malformed file. */
export function woffToSfnt(woff: Uint8Array): Buffer {
  const src = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength)
  if (src.length < WOFF_HEADER || src.readUInt32BE(0) !== WOFF_SIGNATURE)
    throw new Error('not a WOFF 1.0 font')
  const flavor = src.readUInt32BE(4)
  const numTables = src.readUInt16BE(12)
  if (numTables === 0 || WOFF_HEADER + numTables * WOFF_ENTRY > src.length)
    throw new Error('bad WOFF table count')

  const tables: { tag: number; checksum: number; data: Buffer }[] = []
  for (let i = 0; i < numTables; i++) {
    const at = WOFF_HEADER + i * WOFF_ENTRY
    const tag = src.readUInt32BE(at)
    const offset = src.readUInt32BE(at + 4)
    const compLength = src.readUInt32BE(at + 8)
    const origLength = src.readUInt32BE(at + 12)
    const checksum = src.readUInt32BE(at + 16)
    if (offset + compLength > src.length || compLength > origLength) throw new Error('bad WOFF table entry')
    const raw = src.subarray(offset, offset + compLength)
    // §5: a table is zlib-compressed exactly when its compressed length is less than the original.
    const data = compLength < origLength ? inflateSync(raw) : raw
    if (data.length !== origLength) throw new Error('WOFF table does not inflate to its length')
    tables.push({ tag, checksum, data })
  }

  // OpenType §5 "Organization of an OpenType font": table records sorted by tag, data 4-aligned.
  tables.sort((a, b) => a.tag - b.tag)
  const headerSize = SFNT_HEADER + numTables * SFNT_ENTRY
  const out = Buffer.alloc(headerSize + tables.reduce((n, t) => n + pad4(t.data.length), 0))
  const entrySelector = Math.floor(Math.log2(numTables))
  const searchRange = 2 ** entrySelector * 16
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(numTables, 4)
  out.writeUInt16BE(searchRange, 6)
  out.writeUInt16BE(entrySelector, 8)
  out.writeUInt16BE(numTables * 16 - searchRange, 10)
  let offset = headerSize
  tables.forEach((t, i) => {
    const at = SFNT_HEADER + i * SFNT_ENTRY
    out.writeUInt32BE(t.tag, at)
    out.writeUInt32BE(t.checksum, at + 4)
    out.writeUInt32BE(offset, at + 8)
    out.writeUInt32BE(t.data.length, at + 12)
    t.data.copy(out, offset)
    offset += pad4(t.data.length)
  })
  return out
}
