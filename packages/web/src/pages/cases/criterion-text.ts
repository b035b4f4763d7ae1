import type { TFunction } from 'i18next'
import type { DischargeCheck } from '@lianfang/contracts'
import { formatDateTime } from '../../components/format'
import i18n, { currentLanguage, translateDynamic } from '../../i18n'

type Criterion = DischargeCheck['criteria'][number]

const ISO = /^\d{4}-\d{2}-\d{2}T/
const SEROLOGY = ['positive', 'negative'] as const

/** A criterion's parameter as the reader sees it: a date in the region's time, a serology word translated. */
function shown(t: TFunction, value: number | string): number | string {
  if (typeof value === 'number') return value
  if (ISO.test(value)) return formatDateTime(value, currentLanguage())
  const word = SEROLOGY.find((s) => s === value)
  return word === undefined ? value : t(`cases.discharge.serology.${word}`)
}

/** The criterion's name (`cases.discharge.criteria.<id>.label`); an unknown id shows itself. */
export function criterionLabel(t: TFunction, cr: Pick<Criterion, 'id'>): string {
  const key = `cases.discharge.criteria.${cr.id}.label`
  return i18n.exists(key) ? translateDynamic(t, key) : cr.id
}

/**
 * What the criterion says now, in the reader's language: `cases.discharge.criteria.<id>.detail_<variant>`
 * with the check's params (dates and words made readable). A criterion or variant the console does
 * not know yet falls back to the server's English detail.
 */
export function criterionDetail(t: TFunction, cr: Criterion): string {
  const key = `cases.discharge.criteria.${cr.id}.detail_${cr.variant}`
  if (!i18n.exists(key)) return cr.detail
  const params: Record<string, number | string> = {}
  for (const [k, v] of Object.entries(cr.params)) params[k] = shown(t, v)
  const untyped = t as unknown as (k: string, p: Record<string, number | string>) => string
  return untyped(key, params)
}
