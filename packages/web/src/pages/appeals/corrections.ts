import type { CorrectionType } from '../../api/types'

/**
 * Which correction undoes a fact of the given type (`Appeal.facts[].type`), or undefined when
 * the fact cannot be corrected from an appeal. The server may name types by their table or
 * by the correction itself; both are understood.
 */
export function correctionFor(factType: string): CorrectionType | undefined {
  switch (factType) {
    case 'trip':
    case 'trip_declaration':
    case 'void_trip':
      return 'void_trip'
    case 'declaration':
    case 'health_declaration':
    case 'void_declaration':
      return 'void_declaration'
    case 'nat':
    case 'nat_result':
    case 'void_nat_result':
      return 'void_nat_result'
    case 'fever_clinic':
    case 'fever_clinic_visit':
    case 'void_fever_clinic':
      return 'void_fever_clinic'
    case 'quarantine':
    case 'quarantine_order':
    case 'release_quarantine':
      return 'release_quarantine'
    default:
      return undefined
  }
}

/** A checkbox value for a fact: `type:id`. */
export const correctionKey = (type: CorrectionType, id: string) => `${type}:${id}`

export function parseCorrectionKey(key: string): { type: CorrectionType; id: string } | undefined {
  const [type, id] = key.split(':')
  if (type === undefined || id === undefined) return undefined
  const known = correctionFor(type)
  return known === undefined ? undefined : { type: known, id }
}
