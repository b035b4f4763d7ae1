/** Synthetic EU DCCs for tests: a document signer (no real certificate needed) and HC1 codes. */
import { base45Encode } from '../base45.js'
import { encodeCbor } from '../cbor.js'
import { zlibDeflate } from '../compression.js'
import { encodeCoseSign1, encodeProtectedHeader, sigStructure } from '../cose-sign1.js'
import { COSE_ALG, deriveKid, type P256Signer, type SignatureBackend } from '../crypto-backend.js'
import { createDccTrustStore, type DccTrustStore, type DscCertificate } from '../dcc/index.js'

export const DCC_NOW = 1_640_000_000

export const HCERT = {
  ver: '1.3.0',
  nam: { fn: 'Musterfrau', fnt: 'MUSTERFRAU', gn: 'Erika', gnt: 'ERIKA' },
  dob: '1964-08-12',
  v: [
    {
      tg: '840539006',
      vp: '1119349007',
      mp: 'EU/1/20/1528',
      ma: 'ORG-100030215',
      dn: 2,
      sd: 2,
      dt: '2021-05-29',
      co: 'DE',
      is: 'Robert Koch-Institut',
      ci: 'URN:UVCI:01DE/IZ12345A/5CWLU12RNOB9RXSEOP6FG8#W',
    },
  ],
}

function toCbor(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCbor)
  if (value && typeof value === 'object')
    return new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toCbor(v)]))
  return value
}

export interface DccWorld {
  readonly trust: DccTrustStore
  readonly signer: P256Signer
  readonly kid: Uint8Array
  readonly sign: (hcert?: unknown, times?: { iat: number; exp: number }) => Promise<string>
}

export async function makeDccWorld(backend: SignatureBackend, signer: P256Signer): Promise<DccWorld> {
  const der = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01, ...signer.publicKeySpki.slice(0, 8)])
  const dsc: DscCertificate = {
    der,
    spki: signer.publicKeySpki,
    keyType: 'ec',
    curve: 'P-256',
    notBefore: DCC_NOW - 365 * 86400,
    notAfter: DCC_NOW + 365 * 86400,
    extendedKeyUsage: [],
  }
  const kid = await deriveKid(backend, der)
  const trust = await createDccTrustStore([dsc], backend)
  const protectedBytes = encodeProtectedHeader(COSE_ALG.ES256, kid)
  const sign = async (hcert: unknown = HCERT, times = { iat: DCC_NOW - 86400, exp: DCC_NOW + 86400 }) => {
    const cwt = new Map<number, unknown>([
      [1, 'DE'],
      [4, times.exp],
      [6, times.iat],
      [-260, new Map([[1, toCbor(hcert)]])],
    ])
    const payload = encodeCbor(cwt)
    const signature = await signer.sign(sigStructure(protectedBytes, payload))
    return 'HC1:' + base45Encode(zlibDeflate(encodeCoseSign1(protectedBytes, payload, signature)))
  }
  return { trust, signer, kid, sign }
}
