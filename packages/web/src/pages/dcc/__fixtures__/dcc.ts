import type { DccSigner, DccVerifyResult } from '@lianfang/contracts'

export const SIGNER: DccSigner = {
  id: '11',
  kid: 'dfa0a2d2a5b1c3e4',
  country: 'DE',
  label: 'DSC 01 DE',
  subject: 'C=DE, O=Robert Koch-Institut, CN=DSC 01 DE',
  keyType: 'ec',
  notBefore: '2021-05-01T00:00:00.000Z',
  notAfter: '2027-05-01T00:00:00.000Z',
  addedBy: 'admin',
  addedAt: '2026-12-07T12:00:00.000Z',
}

export const VALID: DccVerifyResult = {
  ok: true,
  stage: null,
  reason: null,
  checkedAt: '2026-12-07T12:30:00.000Z',
  signer: { id: SIGNER.id, kid: SIGNER.kid, label: SIGNER.label, country: 'DE' },
  summary: {
    familyName: 'Musterfrau',
    givenName: 'Erika',
    familyNameStd: 'MUSTERFRAU',
    givenNameStd: 'ERIKA',
    dateOfBirth: '1964-08-12',
    type: 'v',
    vaccination: {
      disease: '840539006',
      country: 'DE',
      issuer: 'Robert Koch-Institut',
      certificateId: 'URN:UVCI:01DE/IZ12345A/5CWLU12RNOB9RXSEOP6FG8#W',
      doseNumber: 2,
      totalDoses: 2,
      date: '2021-05-29',
      product: 'EU/1/20/1528',
      manufacturer: 'ORG-100030215',
      vaccineType: '1119349007',
    },
    test: null,
    recovery: null,
    schemaVersion: '1.3.0',
    issuerCountry: 'DE',
    issuedAt: '2026-12-01T00:00:00.000Z',
    expiresAt: '2027-06-01T00:00:00.000Z',
  },
}

export const REFUSED: DccVerifyResult = {
  ok: false,
  stage: 'signature',
  reason: 'kid 0011223344556677 matches no document signer',
  checkedAt: '2026-12-07T12:31:00.000Z',
  signer: null,
  summary: null,
}
