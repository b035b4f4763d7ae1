/**
 * EU Digital COVID Certificate verification (issue #16): the node's trust list of document
 * signer certificates (DSC) and the answer of a verification. The answer carries the holder's
 * details for the officer to compare with an identity document; the server stores none of them.
 */
import { Type, type Static } from '@sinclair/typebox'
import { DCC_STAGES } from '@lianfang/core'
import { DateTimeString, Id } from './common.schema.js'

/** The longest `HC1:` text accepted (a real DCC QR holds well under 4 KB). */
export const MAX_DCC_QR_LENGTH = 8192
/** The longest PEM text accepted for one DSC (real ones are 1–3 KB). */
export const MAX_DSC_PEM_LENGTH = 16384

const Text = Type.Union([Type.String(), Type.Null()])

/** One document signer of the trust list. */
export const DccSigner = Type.Object({
  id: Id,
  /** First 8 bytes of SHA-256 over the DER, hex (eHN DCC Tech. Spec. Vol. 1 §3.3.1). */
  kid: Type.String(),
  /** The subject's country (C=), when the certificate names one. */
  country: Text,
  label: Type.String(),
  subject: Type.String(),
  keyType: Type.Union([Type.Literal('ec'), Type.Literal('rsa'), Type.Literal('other')]),
  notBefore: DateTimeString,
  notAfter: DateTimeString,
  addedBy: Text,
  addedAt: DateTimeString,
})
export type DccSigner = Static<typeof DccSigner>

export const DccSignerAddBody = Type.Object(
  {
    /** The certificate as PEM (`-----BEGIN CERTIFICATE-----`) or bare Base64 DER. */
    pem: Type.String({ minLength: 1, maxLength: MAX_DSC_PEM_LENGTH }),
    /** What the list shows; the subject's common name when absent. */
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
)
export type DccSignerAddBody = Static<typeof DccSignerAddBody>

export const DccSignerRemoveBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
)
export type DccSignerRemoveBody = Static<typeof DccSignerRemoveBody>

export const DccVerifyBody = Type.Object(
  { qr: Type.String({ minLength: 1, maxLength: MAX_DCC_QR_LENGTH }) },
  { additionalProperties: false },
)
export type DccVerifyBody = Static<typeof DccVerifyBody>

/** Where verification stopped (core `DCC_STAGES`, pipeline order); the console translates them. */
export const DccStageSchema = Type.Union(DCC_STAGES.map((s) => Type.Literal(s)))

/** Fields every certificate entry (v, t or r) has. */
const EntryCommon = {
  /** Disease or agent targeted (value set, 840539006 = COVID-19). */
  disease: Text,
  /** Country of vaccination, test or recovery. */
  country: Text,
  /** Certificate issuer (free text). */
  issuer: Text,
  /** Unique certificate identifier (UVCI). */
  certificateId: Text,
}

export const DccVaccination = Type.Object({
  ...EntryCommon,
  doseNumber: Type.Union([Type.Number(), Type.Null()]),
  totalDoses: Type.Union([Type.Number(), Type.Null()]),
  date: Text,
  /** Medicinal product (value set, e.g. EU/1/20/1528). */
  product: Text,
  manufacturer: Text,
  vaccineType: Text,
})
export const DccTest = Type.Object({
  ...EntryCommon,
  /** LP6464-4 = NAAT (PCR), LP217198-3 = rapid antigen. */
  testType: Text,
  /** 260415000 = not detected, 260373001 = detected. */
  result: Text,
  sampleTime: Text,
  testName: Text,
  centre: Text,
})
export const DccRecovery = Type.Object({
  ...EntryCommon,
  firstPositive: Text,
  validFrom: Text,
  validUntil: Text,
})

/** What the officer needs from a valid certificate (the hcert, eHN DCC schema 1.x). */
export const DccSummary = Type.Object({
  familyName: Text,
  givenName: Text,
  /** The ICAO 9303 transliterations (fnt, gnt). */
  familyNameStd: Text,
  givenNameStd: Text,
  dateOfBirth: Text,
  type: Type.Union([Type.Literal('v'), Type.Literal('t'), Type.Literal('r'), Type.Null()]),
  vaccination: Type.Union([DccVaccination, Type.Null()]),
  test: Type.Union([DccTest, Type.Null()]),
  recovery: Type.Union([DccRecovery, Type.Null()]),
  schemaVersion: Text,
  /** CWT iss: the issuing country. */
  issuerCountry: Text,
  /** CWT iat and exp (null when out of the representable range). */
  issuedAt: Type.Union([DateTimeString, Type.Null()]),
  expiresAt: Type.Union([DateTimeString, Type.Null()]),
})
export type DccSummary = Static<typeof DccSummary>

export const DccVerifyResult = Type.Object({
  ok: Type.Boolean(),
  stage: Type.Union([DccStageSchema, Type.Null()]),
  /** Why it failed, in English (the console shows the translated stage first). */
  reason: Text,
  checkedAt: DateTimeString,
  /** The signer that verified it (when ok). */
  signer: Type.Union([
    Type.Object({ id: Id, kid: Type.String(), label: Type.String(), country: Text }),
    Type.Null(),
  ]),
  summary: Type.Union([DccSummary, Type.Null()]),
})
export type DccVerifyResult = Static<typeof DccVerifyResult>
