/**
 * zlib (RFC 1950) around DEFLATE (RFC 1951), as the EU DCC and LF1 use it. Pure JavaScript via
 * fflate so the same code inflates in Node and in the browser; a backend may supply a faster one.
 */
import { inflateSync, zlibSync } from 'fflate'

/** Upper bound for an inflated code: a QR code holds < 3 KB; DEFLATE expands at most ~1032×. */
export const MAX_INFLATED_BYTES = 64 * 1024

function adler32(data: Uint8Array): number {
  let a = 1
  let b = 0
  for (let i = 0; i < data.length;) {
    const end = Math.min(i + 3800, data.length)
    for (; i < end; i++) {
      a += data[i] ?? 0
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return ((b << 16) | a) >>> 0
}

/**
 * Fast path for DEFLATE streams made only of stored blocks (RFC 1951 §3.2.4, BTYPE = 00), which
 * is what LF1 issuers emit: `null` when another block type appears (use the full inflater),
 * `undefined` when the stored blocks are malformed or do not end exactly at `end`.
 */
function inflateStored(data: Uint8Array, start: number, end: number): Uint8Array | null | undefined {
  let at = start
  let total = 0
  const blocks: [number, number][] = []
  for (;;) {
    if (at + 5 > end) return at === start ? null : undefined
    const header = data[at] ?? 0
    if ((header & 0x06) !== 0 || header >> 3 !== 0) return null
    const len = (data[at + 1] ?? 0) | ((data[at + 2] ?? 0) << 8)
    const nlen = (data[at + 3] ?? 0) | ((data[at + 4] ?? 0) << 8)
    if ((len ^ 0xffff) !== nlen || at + 5 + len > end) return undefined
    blocks.push([at + 5, len])
    total += len
    at += 5 + len
    if (header & 1) break
  }
  if (at !== end) return undefined
  if (blocks.length === 1) return data.slice(start + 5, end)
  const out = new Uint8Array(total)
  let o = 0
  for (const [from, len] of blocks) {
    out.set(data.subarray(from, from + len), o)
    o += len
  }
  return out
}

/**
 * Inflates a zlib stream: checks the RFC 1950 header (CM = 8, FCHECK, no preset dictionary),
 * the DEFLATE data and the Adler-32 trailer. Returns `undefined` instead of throwing.
 */
export function zlibInflate(data: Uint8Array): Uint8Array | undefined {
  if (data.length < 6) return undefined
  const cmf = data[0] ?? 0
  const flg = data[1] ?? 0
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || (flg & 0x20) !== 0)
    return undefined
  let out = inflateStored(data, 2, data.length - 4)
  if (out === null) {
    try {
      out = inflateSync(data.subarray(2, data.length - 4))
    } catch {
      return undefined
    }
  } else if (out === undefined) return undefined
  if (out.length > MAX_INFLATED_BYTES) return undefined
  const n = data.length
  const expected =
    (((data[n - 4] ?? 0) << 24) |
      ((data[n - 3] ?? 0) << 16) |
      ((data[n - 2] ?? 0) << 8) |
      (data[n - 1] ?? 0)) >>>
    0
  return adler32(out) === expected ? out : undefined
}

/**
 * zlib-compresses (RFC 1950) at the given level. Level 0 writes stored blocks (RFC 1951 §3.2.4)
 * directly: header `78 01`, blocks of ≤ 65535 bytes, Adler-32 trailer.
 */
export function zlibDeflate(data: Uint8Array, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 9): Uint8Array {
  if (level !== 0) return zlibSync(data, { level })
  const blocks = Math.max(1, Math.ceil(data.length / 0xffff))
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4)
  out[0] = 0x78
  out[1] = 0x01
  let o = 2
  for (let b = 0; b < blocks; b++) {
    const chunk = data.subarray(b * 0xffff, Math.min(data.length, (b + 1) * 0xffff))
    const len = chunk.length
    out.set([b === blocks - 1 ? 1 : 0, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff], o)
    out.set(chunk, o + 5)
    o += 5 + len
  }
  const a = adler32(data)
  out.set([a >>> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff], o)
  return out
}
