import type { TFunction } from 'i18next'
import type { CaseRecord } from '@lianfang/contracts'
import { translateDynamic, type Language } from '../../i18n'
import { formatDateTime } from '../../components/format'

export type CaseStatus = CaseRecord['status']
export type Severity = NonNullable<CaseRecord['severity']>
export const CASE_STATUSES = ['suspected', 'confirmed', 'asymptomatic', 'excluded'] as const
export const SEVERITIES = ['mild', 'ordinary', 'severe', 'critical'] as const
export const STATUS_COLOUR: Record<CaseStatus, string> = {
  suspected: 'gold',
  confirmed: 'red',
  asymptomatic: 'volcano',
  excluded: 'default',
}

export const isCaseStatus = (v: string | null): v is CaseStatus =>
  v !== null && (CASE_STATUSES as readonly string[]).includes(v)

/**
 * The classifications a case may move to (the rules' transitions): suspected → confirmed,
 * asymptomatic or excluded; asymptomatic → confirmed (symptoms appeared); confirmed → confirmed
 * with another severity. Closed cases (an outcome) move no more.
 */
export function nextStatuses(c: Pick<CaseRecord, 'status' | 'outcome'>): CaseStatus[] {
  if (c.outcome !== null) return []
  switch (c.status) {
    case 'suspected':
      return ['confirmed', 'asymptomatic', 'excluded']
    case 'asymptomatic':
      return ['confirmed']
    case 'confirmed':
      return ['confirmed']
    case 'excluded':
      return []
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** The key of a work unit's or class's name in the names `reasonText` reads (beside venue ids). */
export const unitNameKey = (unitId: string): string => `unit:${unitId}`

/**
 * A contact reason in words: the rule, and for co-presence the venue and the period — e.g.
 * "同场所时空交集 · 松柏钢构厂，11/25 08:15 – 17:04"; for a work unit or class its name when
 * `venueNames` has it under `unitNameKey(id)` — "同一工作单位 · 总装二班".
 */
export function reasonText(
  reason: Readonly<Record<string, unknown>>,
  venueNames: ReadonlyMap<string, string>,
  t: TFunction,
  lang: Language,
): string {
  const rule = str(reason['rule']) ?? '?'
  const label = translateDynamic(t, `investigation.rules.${rule}`)
  const groupId = str(reason['groupId'])
  if ((rule === 'workplace' || rule === 'school_class') && groupId !== undefined) {
    const unit = venueNames.get(unitNameKey(groupId))
    return unit === undefined ? label : `${label} · ${unit}`
  }
  const venueId = str(reason['venueId'])
  const from = str(reason['from'])
  const to = str(reason['to'])
  if (venueId === undefined || from === undefined || to === undefined) return label
  const venue = venueNames.get(venueId) ?? t('investigation.unknownVenue', { id: venueId })
  return `${label} · ${t('investigation.at', { venue, from: formatDateTime(from, lang), to: formatDateTime(to, lang) })}`
}
