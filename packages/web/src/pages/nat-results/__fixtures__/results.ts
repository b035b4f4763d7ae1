import type { NatResultVerification, SignedNatResult } from '@lianfang/contracts'

export const QR_TEXT = 'LR1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N'

export const NEGATIVE: SignedNatResult = {
  id: '41',
  sampledAt: '2026-12-07T01:00:00.000Z',
  resultedAt: '2026-12-07T09:00:00.000Z',
  result: 'negative',
  kind: 'pooled',
  lab: '武汉金域医学检验所',
  source: 'local',
  issuer: 'node-420100',
  issuerRegion: '420100',
  voided: false,
  recognisedUntil: '2026-12-14T01:00:00.000Z',
  qr: QR_TEXT,
  noQr: null,
}

export const PENDING: SignedNatResult = {
  ...NEGATIVE,
  id: '42',
  sampledAt: '2026-12-07T08:00:00.000Z',
  result: 'pending',
  kind: 'single',
  qr: null,
  noQr: 'pending',
}

export const IMPORTED: SignedNatResult = {
  ...NEGATIVE,
  id: '43',
  kind: 'single',
  source: 'imported',
  issuer: 'node-110000',
  issuerRegion: '110105',
  lab: '北京朝阳疾控',
}

export const VALID: NatResultVerification = {
  ok: true,
  stage: null,
  reason: null,
  result: 'negative',
  kind: 'single',
  maskedName: '张*明',
  issuer: 'node-110000',
  issuerRegion: '110105',
  lab: '北京朝阳疾控',
  sampledAt: '2026-12-07T01:00:00.000Z',
  resultedAt: '2026-12-07T09:00:00.000Z',
  expiresAt: '2026-12-14T01:00:00.000Z',
  statusChecked: false,
  statusFresh: null,
}

export const REFUSED: NatResultVerification = {
  ok: false,
  stage: 'signature',
  reason: 'ES256 signature does not verify',
  result: null,
  kind: null,
  maskedName: null,
  issuer: null,
  issuerRegion: null,
  lab: null,
  sampledAt: null,
  resultedAt: null,
  expiresAt: null,
  statusChecked: null,
  statusFresh: null,
}
