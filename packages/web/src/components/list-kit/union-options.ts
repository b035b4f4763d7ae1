import type { TFunction } from 'i18next'
import { translateDynamic } from '../../i18n'

export interface UnionOption<V extends string> {
  readonly value: V
  readonly label: string
}

/**
 * Select options from a union's value list (`CASE_STATUSES`, `APPEAL_STATUSES`, …) and the
 * i18n prefix naming them: `unionOptions(CASE_STATUSES, 'cases.statuses', t)` labels `confirmed`
 * with `cases.statuses.confirmed`. The values are the domain words; only labels are translated,
 * and a missing label shows the value itself (a unit test checks the catalogues instead).
 */
export function unionOptions<const V extends string>(
  values: readonly V[],
  prefix: string,
  t: TFunction,
): UnionOption<V>[] {
  return values.map((value) => {
    const key = `${prefix}.${value}`
    const label = translateDynamic(t, key)
    return { value, label: label === key ? value : label }
  })
}

/** Narrows a URL value to one of the union's values, or undefined. */
export function unionValue<const V extends string>(
  values: readonly V[],
  raw: string | undefined,
): V | undefined {
  return values.find((v) => v === raw)
}
