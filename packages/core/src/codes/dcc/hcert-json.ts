/**
 * Converts a decoded hcert (CBOR data model) to JSON as the EU DCC schema describes it: maps →
 * objects, tag 0/1 date-times → ISO 8601 strings (RFC 8949 §3.4.1–3.4.2), byte strings → Base64.
 */
import { toBase64 } from '../bytes.js'
import { isCborTag } from '../cbor.js'

/** JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** Converts a CBOR value to JSON; `undefined` for values JSON cannot hold (e.g. non-string keys). */
export function cborToJson(value: unknown, depth = 0): JsonValue | undefined {
  if (depth > 32) return undefined
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString()
  if (value instanceof Uint8Array) return toBase64(value)
  if (Array.isArray(value)) {
    const out: JsonValue[] = []
    for (const v of value as unknown[]) {
      const j = cborToJson(v, depth + 1)
      if (j === undefined) return undefined
      out.push(j)
    }
    return out
  }
  if (value instanceof Map) {
    const out: { [key: string]: JsonValue } = {}
    for (const [k, v] of value as Map<unknown, unknown>) {
      if (typeof k !== 'string') return undefined
      const j = cborToJson(v, depth + 1)
      if (j === undefined) return undefined
      Object.defineProperty(out, k, { value: j, enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  if (isCborTag(value)) return cborToJson(value.value, depth + 1)
  return undefined
}
