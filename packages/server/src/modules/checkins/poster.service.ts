import { Decoder } from 'cbor-x'
import {
  base45Decode,
  COSE_HEADER,
  DomainError,
  headerParam,
  parseCoseSign1,
  VENUE_CODE_PREFIX,
  zlibInflate,
} from '@lianfang/core'
import type { SessionUser } from '../../auth/session-user.js'
import type { VenuesService } from './venues.service.js'
import { posterModel, type PosterModel } from './poster-layout.js'
import { renderPosters } from './poster-render.js'

/** At most this many venues in one PDF (one page each). */
export const MAX_POSTERS = 200

export interface PosterLogger {
  warn(details: object, message: string): void
}

const cbor = new Decoder({ mapsAsObjects: false, useRecords: false })

/**
 * The issuer (`iss`) and signing key id of a venue code this node has just signed, read back from
 * the code itself, so that the poster prints exactly what the QR carries. No verification: the
 * code comes from {@link VenuesService.code}, not from outside.
 */
export function venueCodeSigner(code: string): { issuer: string; kid: string } {
  const packed = code.startsWith(VENUE_CODE_PREFIX) ? base45Decode(code, VENUE_CODE_PREFIX.length) : undefined
  const cose = packed && zlibInflate(packed)
  const msg = cose && parseCoseSign1(cose)
  const kid = msg && headerParam(msg, COSE_HEADER.kid)
  const payload: unknown = msg ? cbor.decode(msg.payload) : undefined
  const issuer = payload instanceof Map ? (payload as Map<unknown, unknown>).get('iss') : undefined
  if (!(kid instanceof Uint8Array) || typeof issuer !== 'string')
    throw new Error('the venue code just signed does not parse')
  return { issuer, kid: Buffer.from(kid).toString('hex') }
}

/**
 * Printable posters (场所码海报, issue #4): an A4 PDF per venue with its signed code as a QR,
 * under the same permission, region scope and refusal of deactivated venues as the code itself.
 */
export class PosterService {
  private readonly missing: (codePoint: number) => void

  constructor(
    private readonly venues: VenuesService,
    /** The app's logger, once it exists (services are built before the app). */
    log: () => PosterLogger | undefined,
  ) {
    this.missing = (codePoint) => {
      log()?.warn(
        { codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}` },
        'poster: a character is in no font subset; drawn as □',
      )
    }
  }

  /** One venue's poster. */
  async poster(
    user: SessionUser,
    id: string,
    now = new Date(),
  ): Promise<{ pdf: Buffer; model: PosterModel }> {
    const model = await this.model(user, id, now)
    return { pdf: await renderPosters([model], { now, onMissing: this.missing }), model }
  }

  /** Several venues' posters in one PDF, in the order asked; any venue refused refuses the whole. */
  async posters(user: SessionUser, ids: readonly string[], now = new Date()): Promise<Buffer> {
    const unique = [...new Set(ids)]
    if (unique.length === 0) throw new DomainError('VALIDATION_FAILED', 'ids: give at least one venue id')
    if (unique.length > MAX_POSTERS)
      throw new DomainError('VALIDATION_FAILED', `ids: at most ${MAX_POSTERS} venues per PDF`)
    const models: PosterModel[] = []
    // A few at a time: each is two reads and one signature.
    for (let i = 0; i < unique.length; i += 8)
      models.push(...(await Promise.all(unique.slice(i, i + 8).map((id) => this.model(user, id, now)))))
    return renderPosters(models, { now, onMissing: this.missing })
  }

  private async model(user: SessionUser, id: string, now: Date): Promise<PosterModel> {
    const venue = await this.venues.get(user, id)
    const { code } = await this.venues.code(user, id)
    return posterModel({ venue, code, ...venueCodeSigner(code), now })
  }
}
