import type { FollowupStatus, FollowupTask } from '@lianfang/contracts'
import { DISPLAY_TIME_ZONE } from '../../components/format'
import type { Language } from '../../i18n'

export const FOLLOWUP_STATUSES = [
  'due',
  'missed',
  'done',
  'cancelled',
] as const satisfies readonly FollowupStatus[]
export const NAT_RESULTS = ['negative', 'positive', 'not_tested'] as const

export const STATUS_COLOUR: Record<FollowupStatus, string> = {
  due: 'processing',
  missed: 'error',
  done: 'success',
  cancelled: 'default',
}

export const isFollowupStatus = (v: string | null): v is FollowupStatus =>
  v !== null && (FOLLOWUP_STATUSES as readonly string[]).includes(v)

const DAY = 86_400_000
/** A task due within this many days is highlighted as due soon. */
export const DUE_SOON_DAYS = 3

export type Urgency =
  { kind: 'overdue' } | { kind: 'dueSoon'; days: number } | { kind: 'inWindow' } | { kind: 'notYet' }

/**
 * How pressing an open task is at `now`: overdue (missed), due within {@link DUE_SOON_DAYS} days,
 * in its week, or its week not begun. Done and cancelled tasks have none.
 */
export function urgencyOf(
  task: Pick<FollowupTask, 'status' | 'windowOpensAt' | 'dueAt'>,
  now: number,
): Urgency | undefined {
  if (task.status === 'missed') return { kind: 'overdue' }
  if (task.status !== 'due') return undefined
  const due = Date.parse(task.dueAt)
  if (due < now) return { kind: 'overdue' }
  if (due - now <= DUE_SOON_DAYS * DAY)
    return { kind: 'dueSoon', days: Math.max(1, Math.ceil((due - now) / DAY)) }
  return Date.parse(task.windowOpensAt) <= now ? { kind: 'inWindow' } : { kind: 'notYet' }
}

export const URGENCY_COLOUR: Record<Urgency['kind'], string> = {
  overdue: 'red',
  dueSoon: 'orange',
  inWindow: 'blue',
  notYet: 'default',
}

/** A day in the region's zone, e.g. 2026/12/12. */
export function formatDay(iso: string, lang: Language): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(lang, {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d)
}
