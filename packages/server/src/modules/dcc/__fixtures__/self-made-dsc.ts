/**
 * A self-made document signer: a real self-signed X.509 certificate (RFC 5280, ECDSA P-256,
 * DER written here field by field) and `HC1:` codes signed with its key, so the server's DCC
 * path is tested without the EU test vectors of ../shared.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import {
  base45Encode,
  COSE_ALG,
  encodeCoseSign1,
  encodeProtectedHeader,
  sigStructure,
  zlibDeflate,
} from '@lianfang/core'
import { encodeCbor } from '../../../../../core/src/codes/cbor.js'
import { HCERT } from '../../../../../core/src/codes/__fixtures__/dcc-world.js'

export { HCERT }

const tlv = (tag: number, content: Uint8Array): Uint8Array => {
  const n = content.length
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]
  return Uint8Array.from([tag, ...len, ...content])
}
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]))
const seq = (...parts: Uint8Array[]) => tlv(0x30, cat(...parts))
const set = (...parts: Uint8Array[]) => tlv(0x31, cat(...parts))
const text = (s: string) => new TextEncoder().encode(s)
function oid(dotted: string): Uint8Array {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number)
  const out = [40 * a + b]
  for (const n of rest) {
    const digits = [n & 0x7f]
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) digits.unshift((v & 0x7f) | 0x80)
    out.push(...digits)
  }
  return tlv(0x06, Uint8Array.from(out))
}
function time(seconds: number): Uint8Array {
  const iso = new Date(seconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'
  // UTCTime up to 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
  return iso < '2050' ? tlv(0x17, text(iso.slice(2))) : tlv(0x18, text(iso))
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'))
/** Extended key usage OIDs of the DCC types (eHN DCC Tech. Spec. Vol. 1 §5.1.1). */
export const DCC_EKU = {
  t: '1.3.6.1.4.1.1847.2021.1.1',
  v: '1.3.6.1.4.1.1847.2021.1.2',
  r: '1.3.6.1.4.1.1847.2021.1.3',
}

export interface SelfMadeDsc {
  readonly pem: string
  readonly der: Uint8Array
  readonly kid: Uint8Array
  readonly privateKey: KeyObject
}

/** A self-signed DSC valid from `notBefore` to `notAfter` (seconds), with these EKU OIDs (none: any type). */
export function makeDsc(
  o: {
    country?: string
    commonName?: string
    notBefore?: number
    notAfter?: number
    eku?: readonly string[]
  } = {},
): SelfMadeDsc {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const now = Math.floor(Date.now() / 1000)
  const name = seq(
    set(seq(oid('2.5.4.6'), tlv(0x13, text(o.country ?? 'DE')))),
    set(seq(oid('2.5.4.3'), tlv(0x0c, text(o.commonName ?? 'Lianfang test DSC')))),
  )
  const extensions = o.eku?.length
    ? [tlv(0xa3, seq(seq(oid('2.5.29.37'), tlv(0x04, seq(...o.eku.map(oid))))))]
    : []
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Uint8Array.of(2))),
    tlv(
      0x02,
      Uint8Array.of(
        0x01,
        ...createHash('sha256')
          .update(text(String(Math.random())))
          .digest()
          .subarray(0, 8),
      ),
    ),
    ECDSA_SHA256,
    name,
    seq(time(o.notBefore ?? now - 365 * 86_400), time(o.notAfter ?? now + 365 * 86_400)),
    name,
    new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    ...extensions,
  )
  const signature = sign('sha256', tbs, privateKey)
  const der = seq(tbs, ECDSA_SHA256, tlv(0x03, Uint8Array.of(0, ...signature)))
  const b64 = Buffer.from(der).toString('base64')
  const pem = `-----BEGIN CERTIFICATE-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`
  const kid = new Uint8Array(createHash('sha256').update(der).digest().subarray(0, 8))
  return { pem, der, kid, privateKey }
}

function toCbor(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCbor)
  if (value && typeof value === 'object')
    return new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toCbor(v)]))
  return value
}

/** An `HC1:` code of `hcert` signed by `dsc` (ES256), issued by `country`, valid iat..exp (seconds). */
export function signDcc(
  dsc: SelfMadeDsc,
  hcert: unknown = HCERT,
  o: { iat?: number; exp?: number; country?: string } = {},
): string {
  const now = Math.floor(Date.now() / 1000)
  const cwt = new Map<number, unknown>([
    [1, o.country ?? 'DE'],
    [4, o.exp ?? now + 30 * 86_400],
    [6, o.iat ?? now - 86_400],
    [-260, new Map([[1, toCbor(hcert)]])],
  ])
  const protectedBytes = encodeProtectedHeader(COSE_ALG.ES256, dsc.kid)
  const payload = encodeCbor(cwt)
  const signature = sign('sha256', sigStructure(protectedBytes, payload), {
    key: dsc.privateKey,
    dsaEncoding: 'ieee-p1363',
  })
  return (
    'HC1:' + base45Encode(zlibDeflate(encodeCoseSign1(protectedBytes, payload, new Uint8Array(signature))))
  )
}

/** A test and a recovery certificate of the same holder (schema 1.3.0). */
export const TEST_HCERT = {
  ver: '1.3.0',
  nam: HCERT.nam,
  dob: HCERT.dob,
  t: [
    {
      tg: '840539006',
      tt: 'LP6464-4',
      nm: 'Roche LightCycler qPCR',
      sc: '2021-05-28T10:30:00Z',
      tr: '260415000',
      tc: 'Testzentrum Köln Hbf',
      co: 'DE',
      is: 'Robert Koch-Institut',
      ci: 'URN:UVCI:01DE/IZ12345A/5CWLU12RNOB9RXSEOP6FG8#T',
    },
  ],
}
export const RECOVERY_HCERT = {
  ver: '1.3.0',
  nam: HCERT.nam,
  dob: HCERT.dob,
  r: [
    {
      tg: '840539006',
      fr: '2021-04-21',
      co: 'DE',
      is: 'Robert Koch-Institut',
      df: '2021-05-01',
      du: '2021-10-21',
      ci: 'URN:UVCI:01DE/5CWLU12RNOB9RXSEOP6FG8#R',
    },
  ],
}
