import { createHash } from 'node:crypto'

/** The first record's prev_hash. */
export const GENESIS_HASH = '0'.repeat(64)

export interface AuditContent {
  at: Date
  actorUserId: string | null
  actorName: string
  actorRole: string
  actorRegion: string | null
  action: string
  targetType: string
  targetId: string | null
  reason: string | null
  details: unknown
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * The text as PostgreSQL will store it: a lone surrogate cannot be encoded in UTF-8 (the driver
 * writes U+FFFD) and a NUL cannot be held by `text` or `jsonb`, so both become U+FFFD here,
 * before hashing, and the hash covers exactly what is stored.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATE, '\ufffd')
}

/**
 * A value as it comes back from `jsonb`: JSON-round-tripped (a Date becomes its ISO text,
 * undefined members go) with every string and key made storable.
 */
export function storableJson(value: unknown): unknown {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value))
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return storableText(v)
    if (v === null || typeof v !== 'object') return v
    if (Array.isArray(v)) return v.map(walk)
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [storableText(k), walk(x)]),
    )
  }
  return walk(plain)
}

/** JSON with object keys sorted, so the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** The canonical text of a record's content: what its hash covers after the previous hash. */
export function auditContentText(c: AuditContent): string {
  return canonicalJson([
    c.at.toISOString(),
    c.actorUserId,
    c.actorName,
    c.actorRole,
    c.actorRegion,
    c.action,
    c.targetType,
    c.targetId,
    c.reason,
    c.details ?? {},
  ])
}

/**
 * hash = SHA-256(prev_hash ‖ canonical content), hex. The database function `audit_append`
 * computes the same over the same text (migration 2130).
 */
export function auditHash(prevHash: string, c: AuditContent): string {
  return createHash('sha256').update(prevHash).update(auditContentText(c)).digest('hex')
}
