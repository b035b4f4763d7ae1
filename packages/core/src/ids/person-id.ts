import { DomainError } from '../errors/domain-error.js'
import { parseResidentId } from './resident-id.js'

/** Kinds of identity document a person is registered with. */
export const ID_TYPES = [
  'resident',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent',
] as const
export type IdType = (typeof ID_TYPES)[number]

/**
 * Validates and normalises an identity number for its type. Resident numbers are checked
 * in full (GB 11643); other documents by their character set and length (ICAO 9303 allows
 * up to 9 characters in the machine-readable zone; national formats differ, so we accept
 * 5–20 upper-case letters and digits).
 */
export function normalizeIdNumber(type: IdType, input: string): string {
  switch (type) {
    case 'resident': {
      const parsed = parseResidentId(input)
      if (!parsed.ok) {
        const why = {
          format: 'must be 17 digits followed by a digit or X',
          birth_date: 'contains an impossible birth date',
          checksum: 'fails the GB 11643 check digit (ISO 7064 MOD 11-2)',
        }[parsed.problem]
        throw new DomainError('ID_NUMBER_INVALID', `resident ID number ${why}`, { problem: parsed.problem })
      }
      return parsed.value.number
    }
    case 'passport':
    case 'hk_macao_permit':
    case 'taiwan_permit':
    case 'foreign_permanent': {
      const n = input.trim().toUpperCase()
      if (!/^[A-Z0-9]{5,20}$/.test(n)) {
        throw new DomainError('ID_NUMBER_INVALID', `${type} number must be 5-20 letters or digits`, {
          problem: 'format',
        })
      }
      return n
    }
  }
}

/**
 * Masks an identity number for display: keeps the first 6 and last 4 characters of a
 * resident number (`110101********1234`), the first and last 2 of other documents.
 */
export function maskIdNumber(type: IdType, n: string): string {
  if (type === 'resident' && n.length === 18) return `${n.slice(0, 6)}********${n.slice(14)}`
  if (n.length <= 4) return '*'.repeat(n.length)
  return `${n.slice(0, 2)}${'*'.repeat(n.length - 4)}${n.slice(-2)}`
}

/** Masks a mobile number: `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`
}

/** Masks a Chinese or Latin name: keeps the first character (`张*`, `张**`, `J*** S****`). */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length <= 1) return name
  if (/^[\p{Script=Han}]+$/u.test(name)) return `${chars[0] ?? ''}${'*'.repeat(chars.length - 1)}`
  return name
    .split(/\s+/)
    .map((w) => (w.length <= 1 ? w : w.charAt(0) + '*'.repeat(Array.from(w).length - 1)))
    .join(' ')
}

/**
 * A phone number in the form to compare by: digits only, without a leading `+86`/`0086`/`86`
 * country code before a mainland mobile number (`+86 139-1234-5678` → `13912345678`). Numbers
 * from elsewhere keep their country code.
 */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[\s()-]/g, '').replace(/^\+/, '')
  const mainland = /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits)
  return mainland?.[1] ?? digits
}

/** The forms a stored mainland mobile number may have been written in (to look it up). */
export function phoneSpellings(mobile: string): string[] {
  const n = normalizePhone(mobile)
  return /^1[3-9]\d{9}$/.test(n) ? [n, `+86${n}`, `86${n}`, `0086${n}`] : [n]
}
