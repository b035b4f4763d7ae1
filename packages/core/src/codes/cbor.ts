/**
 * CBOR (RFC 8949) through cbor-x, configured for COSE interoperability: maps stay `Map`s (integer
 * keys keep their type), no tag 259 on maps, no record extension, byte strings untagged
 * (DESIGN.md "Known pitfalls: cbor-x and COSE").
 */
import { Decoder, Encoder, Tag } from 'cbor-x'

const decoder = new Decoder({ mapsAsObjects: false, useRecords: false })
const encoder = new Encoder({
  mapsAsObjects: false,
  useRecords: false,
  useTag259ForMaps: false,
  tagUint8Array: false,
  variableMapSize: true,
} as ConstructorParameters<typeof Encoder>[0] & { useTag259ForMaps: boolean })

/** A decoded CBOR tag (RFC 8949 §3.4) that cbor-x does not map to a JS type itself. */
export interface CborTag {
  readonly tag: number
  readonly value: unknown
}

/** Sentinel for "not well-formed CBOR". */
export const CBOR_INVALID: unique symbol = Symbol('cbor-invalid')

/**
 * Decodes exactly one CBOR data item filling `bytes`; returns {@link CBOR_INVALID} instead of
 * throwing on malformed, truncated or trailing data.
 */
export function decodeCbor(bytes: Uint8Array): unknown {
  try {
    return decoder.decode(bytes) as unknown
  } catch {
    return CBOR_INVALID
  }
}

/** Encodes a value; `Map`s keep their insertion order, so build them in deterministic order. */
export function encodeCbor(value: unknown): Uint8Array {
  return encoder.encode(value)
}

/** True for a decoded tag object. */
export function isCborTag(value: unknown): value is CborTag {
  return value instanceof Tag
}

/** Wraps a value in a CBOR tag for encoding. */
export function cborTag(tag: number, value: unknown): CborTag {
  return new Tag(value, tag)
}

/** True for a byte string as decoded by cbor-x (a `Uint8Array`, a `Buffer` in Node). */
export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array
}

/** Reads an integer-valued number (CBOR major types 0/1 within ±2^53). */
export function asInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined
}
