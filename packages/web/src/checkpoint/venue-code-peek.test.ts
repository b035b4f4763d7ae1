import { describe, expect, it } from 'vitest'
import { generateWebCryptoP256Signer, signVenueCode } from '@lianfang/core'
import { peekVenueCode } from './venue-code-peek'

const claims = (kind: string, name: string) => ({
  issuer: 'lf-420100',
  venueId: '1234',
  region: '420102001001',
  kind,
  name,
})

describe('venue code peek', () => {
  it('reads the kind and name a venue code claims, before it is sent', async () => {
    const signer = await generateWebCryptoP256Signer()
    const flight = await signVenueCode(claims('flight', 'CZ3101 广州—北京'), signer)
    expect(peekVenueCode(flight)).toEqual({ kind: 'flight', name: 'CZ3101 广州—北京' })
    expect(peekVenueCode(`  ${flight}\n`)).toEqual({ kind: 'flight', name: 'CZ3101 广州—北京' })
    const long = '长'.repeat(200)
    const market = await signVenueCode(claims('market', long), signer)
    expect(peekVenueCode(market)).toEqual({ kind: 'market', name: long })
  })

  it('reads nothing from other or damaged text', async () => {
    const signer = await generateWebCryptoP256Signer()
    const code = await signVenueCode(claims('train', 'G1234'), signer)
    for (const text of ['', 'LF1:6BFOXN', 'LFV1:', 'LFV1:!!!', 'hello', code.slice(0, -6)])
      expect(peekVenueCode(text), text).toBeUndefined()
  })
})
