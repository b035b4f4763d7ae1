/**
 * Base45 (RFC 9285, "The Base45 Data Encoding"): the alphabet of QR code alphanumeric mode, so a
 * QR code carries binary data at about 5.5 bits per character. Used by the EU DCC (`HC1:`) and
 * by Lianfang's LF1 health code.
 */

/** RFC 9285 §4 table: value → character. */
export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'

const DECODE = new Int8Array(128).fill(-1)
for (let i = 0; i < BASE45_ALPHABET.length; i++) DECODE[BASE45_ALPHABET.charCodeAt(i)] = i

/** Encodes bytes as Base45 (RFC 9285 §4.1): each 2 bytes become 3 characters, a last odd byte 2. */
export function base45Encode(bytes: Uint8Array): string {
  let out = ''
  const a = BASE45_ALPHABET
  let i = 0
  for (; i + 1 < bytes.length; i += 2) {
    let n = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)
    const c = n % 45
    n = (n - c) / 45
    const d = n % 45
    const e = (n - d) / 45
    out += a.charAt(c) + a.charAt(d) + a.charAt(e)
  }
  if (i < bytes.length) {
    const n = bytes[i] ?? 0
    out += a.charAt(n % 45) + a.charAt(Math.floor(n / 45))
  }
  return out
}

/**
 * Decodes Base45 (RFC 9285 §4.2). Returns `undefined` — never throws — for a character outside
 * the alphabet, a length ≡ 1 (mod 3), or a triple/pair whose value exceeds 65535/255 (the RFC
 * requires decoders to reject these).
 */
export function base45Decode(text: string, from = 0): Uint8Array | undefined {
  const length = text.length - from
  if (length < 0 || length % 3 === 1) return undefined
  const out = new Uint8Array(Math.floor(length / 3) * 2 + (length % 3 === 2 ? 1 : 0))
  let o = 0
  let i = from
  const end = text.length
  for (; i + 2 < end; i += 3) {
    const c = text.charCodeAt(i)
    const d = text.charCodeAt(i + 1)
    const e = text.charCodeAt(i + 2)
    const vc = c < 128 ? (DECODE[c] ?? -1) : -1
    const vd = d < 128 ? (DECODE[d] ?? -1) : -1
    const ve = e < 128 ? (DECODE[e] ?? -1) : -1
    if (vc < 0 || vd < 0 || ve < 0) return undefined
    const n = vc + vd * 45 + ve * 2025
    if (n > 0xffff) return undefined
    out[o++] = n >> 8
    out[o++] = n & 0xff
  }
  if (i < end) {
    const c = text.charCodeAt(i)
    const d = text.charCodeAt(i + 1)
    const vc = c < 128 ? (DECODE[c] ?? -1) : -1
    const vd = d < 128 ? (DECODE[d] ?? -1) : -1
    if (vc < 0 || vd < 0) return undefined
    const n = vc + vd * 45
    if (n > 0xff) return undefined
    out[o] = n
  }
  return out
}
