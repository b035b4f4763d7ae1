import type { AuditRecord } from '@lianfang/contracts'

const record = (
  id: number,
  action: string,
  targetType: string,
  targetId: string | null,
  reason: string | null,
): AuditRecord => ({
  id: String(id),
  at: `2026-12-0${String(1 + (id % 6))}T0${String(id % 10)}:15:00.000Z`,
  actorUserId: '7',
  actorName: '审计员甲',
  actorRole: 'admin',
  action,
  targetType,
  targetId,
  reason,
  hash: `${String(id).padStart(4, '0')}abcdef0123456789`,
})

/** A short chain: unmaskings and edits of persons, a key rotation. */
export const AUDIT_RECORDS: readonly AuditRecord[] = [
  record(1, 'person.unmask', 'person', '12', '核对身份证件'),
  record(2, 'person.update', 'person', '12', null),
  record(3, 'person.unmask', 'person', '40', '协查请求'),
  record(4, 'keys.rotate', 'node', null, '定期轮换'),
]
