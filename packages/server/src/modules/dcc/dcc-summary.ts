/**
 * What an officer reads from a verified EU DCC: the holder's name and date of birth to compare
 * with an identity document, and the main fields of the one vaccination, test or recovery entry
 * (eHN "Value Sets" and JSON schema 1.3, https://github.com/ehn-dcc-development/eu-dcc-schema).
 * The hcert passed the schema, but older schema versions are laxer: every field is read
 * defensively, and one that is not the expected type is null.
 */
import type { DccVerification, JsonValue } from '@lianfang/core'
import type { DccSummary } from '@lianfang/contracts'

type Hcert = { readonly [key: string]: JsonValue }
type Verified = Extract<DccVerification, { ok: true }>

const objectOf = (v: JsonValue | undefined): Hcert | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined
const text = (o: Hcert | undefined, key: string): string | null => {
  const v = o?.[key]
  return typeof v === 'string' ? v : null
}
const count = (o: Hcert | undefined, key: string): number | null => {
  const v = o?.[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}
/** The first entry of `v`, `t` or `r` (the schema allows exactly one). */
const firstEntry = (hcert: Hcert, key: 'v' | 't' | 'r'): Hcert | undefined => {
  const list = hcert[key]
  return Array.isArray(list) ? objectOf(list[0]) : undefined
}

/** An ISO instant for seconds since the epoch, or null when out of range. */
export function isoOfSeconds(seconds: number): string | null {
  const d = new Date(seconds * 1000)
  return Number.isFinite(d.getTime()) ? d.toISOString() : null
}

const common = (e: Hcert) => ({
  disease: text(e, 'tg'),
  country: text(e, 'co'),
  issuer: text(e, 'is'),
  certificateId: text(e, 'ci'),
})

export function summarizeDcc(result: Verified): DccSummary {
  const hcert = result.payload
  const nam = objectOf(hcert['nam'])
  const type = (['v', 't', 'r'] as const).find((k) => Array.isArray(hcert[k])) ?? null
  const v = firstEntry(hcert, 'v')
  const t = firstEntry(hcert, 't')
  const r = firstEntry(hcert, 'r')
  return {
    familyName: text(nam, 'fn'),
    givenName: text(nam, 'gn'),
    familyNameStd: text(nam, 'fnt'),
    givenNameStd: text(nam, 'gnt'),
    dateOfBirth: text(hcert, 'dob'),
    type,
    vaccination: v
      ? {
          ...common(v),
          doseNumber: count(v, 'dn'),
          totalDoses: count(v, 'sd'),
          date: text(v, 'dt'),
          product: text(v, 'mp'),
          manufacturer: text(v, 'ma'),
          vaccineType: text(v, 'vp'),
        }
      : null,
    test: t
      ? {
          ...common(t),
          testType: text(t, 'tt'),
          result: text(t, 'tr'),
          sampleTime: text(t, 'sc'),
          testName: text(t, 'nm'),
          centre: text(t, 'tc'),
        }
      : null,
    recovery: r
      ? { ...common(r), firstPositive: text(r, 'fr'), validFrom: text(r, 'df'), validUntil: text(r, 'du') }
      : null,
    schemaVersion: text(hcert, 'ver'),
    issuerCountry: result.issuer,
    issuedAt: isoOfSeconds(result.issuedAt),
    expiresAt: isoOfSeconds(result.expiresAt),
  }
}
