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
