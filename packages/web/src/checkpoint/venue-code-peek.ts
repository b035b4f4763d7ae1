/**
 * What a scanned venue code (LFV1, core `entry/venue-code.ts`) says about its venue — the kind
 * and the name — read in the browser before the self check-in is sent, so the page can ask a
 * passenger for their seat first. The signature is NOT checked here: the citizen's phone holds no
 * trust list, and nothing is decided on it but whether to show the seat fields; the server
 * verifies the code and checks the seat against the venue it names.
 */
import { base45Decode, parseCoseSign1, VENUE_CODE_PREFIX, zlibInflate } from '@lianfang/core'
import { normalizeCode } from './verify-code'

export interface PeekedVenue {
  readonly kind: string
  readonly name: string
}

/** A CBOR head (RFC 8949 §3): major type, argument, and where the content starts. */
function head(b: Uint8Array, at: number): { major: number; arg: number; next: number } | undefined {
  const ib = b[at]
  if (ib === undefined) return undefined
  const major = ib >> 5
  const info = ib & 31
  if (info < 24) return { major, arg: info, next: at + 1 }
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0
  if (size === 0 || at + 1 + size > b.length) return undefined // 8-byte, indefinite, reserved
  let arg = 0
  for (let i = 1; i <= size; i++) arg = arg * 256 + (b[at + i] ?? 0)
  return { major, arg, next: at + 1 + size }
}

/**
 * The venue claims payload is a CBOR map of text to text (`iss`, `venue`, `region`, `kind`,
 * `name`); anything else is not read (`undefined`).
 */
function textMap(b: Uint8Array): Map<string, string> | undefined {
  const map = head(b, 0)
  if (map?.major !== 5) return undefined
  const out = new Map<string, string>()
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let at = map.next
  const text = (): string | undefined => {
    const h = head(b, at)
    if (h?.major !== 3 || h.next + h.arg > b.length) return undefined
    at = h.next + h.arg
    return decoder.decode(b.subarray(h.next, at))
  }
  try {
    for (let i = 0; i < map.arg; i++) {
      const key = text()
      const value = text()
      if (key === undefined || value === undefined) return undefined
      out.set(key, value)
    }
  } catch {
    return undefined // not UTF-8
  }
  return at === b.length ? out : undefined
}

/** The kind and name a venue code claims, or `undefined` when the text is not a readable one. */
export function peekVenueCode(text: string): PeekedVenue | undefined {
  const code = normalizeCode(text)
  if (!code.startsWith(VENUE_CODE_PREFIX)) return undefined
  const packed = base45Decode(code, VENUE_CODE_PREFIX.length)
  const cose = packed === undefined ? undefined : zlibInflate(packed)
  const msg = cose === undefined ? undefined : parseCoseSign1(cose)
  const claims = msg === undefined ? undefined : textMap(msg.payload)
  const kind = claims?.get('kind')
  const name = claims?.get('name')
  return kind === undefined || name === undefined ? undefined : { kind, name }
}
