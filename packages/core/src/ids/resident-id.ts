/**
 * Resident identity numbers of the PRC (公民身份号码), GB 11643-1999.
 * 18 characters: 6-digit address code (GB/T 2260), 8-digit birth date (YYYYMMDD),
 * 3-digit sequence (odd for men, even for women) and a check character computed with
 * ISO 7064 MOD 11-2 (the value 10 is written `X`).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS.charAt(sum % 11)
}

export type ResidentIdProblem = 'format' | 'birth_date' | 'checksum'

export interface ResidentIdInfo {
  readonly number: string
  readonly addressCode: string
  readonly birthDate: string
  readonly sex: 'male' | 'female'
}

/** Normalises (trims, upper-cases `x`) and validates; returns the problem or the parsed parts. */
export function parseResidentId(
  input: string,
): { ok: true; value: ResidentIdInfo } | { ok: false; problem: ResidentIdProblem } {
  const number = input.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'format' }
  const y = Number(number.slice(6, 10))
  const m = Number(number.slice(10, 12))
  const d = Number(number.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1850 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, problem: 'birth_date' }
  }
  if (residentIdCheckChar(number.slice(0, 17)) !== number.charAt(17))
    return { ok: false, problem: 'checksum' }
  return {
    ok: true,
    value: {
      number,
      addressCode: number.slice(0, 6),
      birthDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
      sex: Number(number.charAt(16)) % 2 === 1 ? 'male' : 'female',
    },
  }
}

/** Builds a valid number from its parts (used by the synthetic population and tests). */
export function makeResidentId(addressCode: string, birthDate: string, sequence: number): string {
  const first17 = `${addressCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`
  return first17 + residentIdCheckChar(first17)
}
