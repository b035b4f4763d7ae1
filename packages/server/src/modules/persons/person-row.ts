import {
  assertBirthDate,
  assertResidentIdPlausible,
  DomainError,
  maskIdNumber,
  normalizeIdNumber,
  parseResidentId,
} from '@lianfang/core'
import type { CreatePersonBody } from '@lianfang/contracts'
import type { PiiCipher } from '../../crypto/pii-cipher.js'
import type { Persons } from '../../db/schema.generated.js'

/** A new person as the `persons` table stores it (before the household is checked). */
export interface NewPersonRow {
  region_code: string
  household_id: string | null
  name: string
  sex: Persons['sex']
  birth_date: string | null
  phone: string | null
  id_type: Persons['id_type']
  id_number_enc: Uint8Array
  id_number_hash: Uint8Array
  id_number_masked: string
  address: string | null
}

/**
 * A person to register, checked and with the identity number normalised, encrypted, hashed
 * for lookup and masked — the one way it is done, by hand (`PersonsService.create`) and by an
 * import alike. Sex and birth date come from a resident ID number; given ones must agree.
 */
export function newPersonRow(cipher: PiiCipher, body: CreatePersonBody, now: Date): NewPersonRow {
  const idNumber = normalizeIdNumber(body.idType, body.idNumber)
  if (body.idType === 'resident') assertResidentIdPlausible('idNumber', idNumber, now)
  if (body.birthDate) assertBirthDate('birthDate', body.birthDate, now)
  let sex = body.sex ?? 'unknown'
  let birthDate = body.birthDate ?? null
  if (body.idType === 'resident') {
    const parsed = parseResidentId(idNumber)
    if (parsed.ok) {
      if (body.sex && body.sex !== parsed.value.sex) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `sex ${body.sex} contradicts the ID number (${parsed.value.sex})`,
          {
            field: 'sex',
            rule: 'contradicts_id_number',
          },
        )
      }
      if (body.birthDate && body.birthDate !== parsed.value.birthDate) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `birth date contradicts the ID number (${parsed.value.birthDate})`,
          {
            field: 'birthDate',
            rule: 'contradicts_id_number',
          },
        )
      }
      sex = parsed.value.sex
      birthDate = parsed.value.birthDate
    }
  }
  return {
    region_code: body.regionCode,
    household_id: body.householdId ?? null,
    name: body.name.trim(),
    sex,
    birth_date: birthDate,
    phone: body.phone ?? null,
    id_type: body.idType,
    id_number_enc: cipher.encrypt(idNumber),
    id_number_hash: cipher.lookupHash(body.idType, idNumber),
    id_number_masked: maskIdNumber(body.idType, idNumber),
    address: body.address ?? null,
  }
}
