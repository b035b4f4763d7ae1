/**
 * COSE_Sign1 (RFC 9052 §4.2): `[protected: bstr .cbor header_map, unprotected: header_map,
 * payload: bstr, signature: bstr]`, tag 18 (optionally inside CWT tag 61, RFC 8392 §6).
 */
import { CBOR_INVALID, cborTag, decodeCbor, encodeCbor, isBytes, isCborTag } from './cbor.js'
import { concatBytes } from './bytes.js'

/** COSE header labels used here (RFC 9052 §3.1). */
export const COSE_HEADER = { alg: 1, kid: 4 } as const
/** CBOR tags (RFC 9052 §2, RFC 8392 §6). */
export const COSE_SIGN1_TAG = 18
export const CWT_TAG = 61

/** A parsed COSE_Sign1 message; `protectedBytes` is kept as sent, because the signature covers it. */
export interface CoseSign1 {
  readonly protectedBytes: Uint8Array
  readonly protectedHeader: ReadonlyMap<unknown, unknown>
  readonly unprotectedHeader: ReadonlyMap<unknown, unknown>
  readonly payload: Uint8Array
  readonly signature: Uint8Array
}

const EMPTY_MAP: ReadonlyMap<unknown, unknown> = new Map()

/**
 * Parses COSE_Sign1 bytes. Accepts tag 18, tag 61 around tag 18 (CWT), or the untagged array
 * (RFC 9052 §2 lets the application decide). `undefined` for anything else; never throws.
 */
export function parseCoseSign1(bytes: Uint8Array): CoseSign1 | undefined {
  return parseCommonForm(bytes) ?? parseGeneric(bytes)
}

/** Reads a definite-length byte string at `at`: [start, end] of its content, or undefined. */
function readBstr(b: Uint8Array, at: number): [number, number] | undefined {
  const ib = b[at]
  if (ib === undefined || ib >> 5 !== 2) return undefined
  const info = ib & 31
  let len: number
  let start = at + 1
  if (info < 24) len = info
  else if (info === 24) len = b[start++] ?? -1
  else if (info === 25) {
    len = ((b[start] ?? 0) << 8) | (b[start + 1] ?? 0)
    start += 2
  } else return undefined
  return len < 0 || start + len > b.length ? undefined : [start, start + len]
}

/**
 * Fast path for the form signers here emit — tag 18, array(4), bstr, empty map, bstr, bstr —
 * sliced without a CBOR decoder. Anything else goes to the generic path (same result).
 */
function parseCommonForm(b: Uint8Array): CoseSign1 | undefined {
  if (b[0] !== 0xd2 || b[1] !== 0x84) return undefined
  const prot = readBstr(b, 2)
  if (!prot || b[prot[1]] !== 0xa0) return undefined
  const payload = readBstr(b, prot[1] + 1)
  if (!payload) return undefined
  const sig = readBstr(b, payload[1])
  if (!sig || sig[1] !== b.length || prot[1] === prot[0]) return undefined
  const h = decodeCbor(b.subarray(prot[0], prot[1]))
  if (!(h instanceof Map)) return undefined
  return {
    protectedBytes: b.subarray(prot[0], prot[1]),
    protectedHeader: h as ReadonlyMap<unknown, unknown>,
    unprotectedHeader: EMPTY_MAP,
    payload: b.subarray(payload[0], payload[1]),
    signature: b.subarray(sig[0], sig[1]),
  }
}

function parseGeneric(bytes: Uint8Array): CoseSign1 | undefined {
  let item = decodeCbor(bytes)
  if (item === CBOR_INVALID) return undefined
  if (isCborTag(item) && item.tag === CWT_TAG) item = item.value
  if (isCborTag(item)) {
    if (item.tag !== COSE_SIGN1_TAG) return undefined
    item = item.value
  }
  if (!Array.isArray(item) || item.length !== 4) return undefined
  const [prot, unprot, payload, signature] = item as unknown[]
  if (!isBytes(prot) || !(unprot instanceof Map) || !isBytes(payload) || !isBytes(signature)) return undefined
  let protectedHeader = EMPTY_MAP
  if (prot.length > 0) {
    const h = decodeCbor(prot)
    if (!(h instanceof Map)) return undefined
    protectedHeader = h as ReadonlyMap<unknown, unknown>
  }
  return { protectedBytes: prot, protectedHeader, unprotectedHeader: unprot, payload, signature }
}

/** Header parameter: protected bucket first, then unprotected (RFC 9052 §3). */
export function headerParam(msg: CoseSign1, label: number): unknown {
  const p = msg.protectedHeader.get(label)
  return p !== undefined ? p : msg.unprotectedHeader.get(label)
}

const SIGNATURE1_PREFIX = Uint8Array.from([
  0x84, 0x6a, 0x53, 0x69, 0x67, 0x6e, 0x61, 0x74, 0x75, 0x72, 0x65, 0x31,
]) // array(4), text(10) "Signature1"

function bstrHeader(length: number): Uint8Array {
  if (length < 24) return Uint8Array.of(0x40 | length)
  if (length < 0x100) return Uint8Array.of(0x58, length)
  if (length < 0x10000) return Uint8Array.of(0x59, length >> 8, length & 0xff)
  return Uint8Array.of(0x5a, length >>> 24, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff)
}

/**
 * The bytes a COSE_Sign1 signature covers (RFC 9052 §4.4): the CBOR encoding of
 * `["Signature1", protected, external_aad = h'', payload]`, built directly without a CBOR encoder.
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return concatBytes(
    SIGNATURE1_PREFIX,
    bstrHeader(protectedBytes.length),
    protectedBytes,
    Uint8Array.of(0x40),
    bstrHeader(payload.length),
    payload,
  )
}

/** Encodes the protected header `{1: alg, 4: kid}` (RFC 9052 §3.1), keys in canonical order. */
export function encodeProtectedHeader(alg: number, kid: Uint8Array): Uint8Array {
  return encodeCbor(
    new Map<number, unknown>([
      [COSE_HEADER.alg, alg],
      [COSE_HEADER.kid, kid],
    ]),
  )
}

/** Encodes a tagged (18) COSE_Sign1 message with an empty unprotected header. */
export function encodeCoseSign1(
  protectedBytes: Uint8Array,
  payload: Uint8Array,
  signature: Uint8Array,
): Uint8Array {
  return encodeCbor(cborTag(COSE_SIGN1_TAG, [protectedBytes, new Map(), payload, signature]))
}
