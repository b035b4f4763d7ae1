import { createHash } from 'node:crypto'
import { Decoder } from 'cbor-x'
import { LRUCache } from 'lru-cache'
import {
  base45Decode,
  COSE_HEADER,
  DEFAULT_TIME_ZONE,
  DomainError,
  headerParam,
  localDate,
  parseCoseSign1,
  VENUE_CODE_PREFIX,
  zlibInflate,
} from '@lianfang/core'
import { MAX_POSTERS, type Venue } from '@lianfang/contracts'
import type { Scope } from '../../auth/scope.js'
import type { KeysService } from '../keys/index.js'
import type { VenuesService } from './venues.service.js'
import type { PosterInput } from './poster-layout.js'
import { PosterRenderPool } from './poster-pool.js'

/** At most this many venues in one PDF (one page each); more is a 400 (the contract's limit). */
export { MAX_POSTERS }

export interface PosterLogger {
  warn(details: object, message: string): void
}

export interface PosterOptions {
  /** Worker threads drawing PDFs. */
  readonly workers: number
  /** Jobs that may wait for a worker; one more is refused with SERVER_BUSY (503). */
  readonly queue: number
  /** Byte budget of the cache of finished PDFs; 0 turns it off. */
  readonly cacheBytes: number
  /** The IANA time zone of the date printed on posters (config `TIME_ZONE`; default Asia/Shanghai). */
  readonly timeZone?: string
}

export const POSTER_DEFAULTS: PosterOptions = { workers: 1, queue: 4, cacheBytes: 32 * 1024 * 1024 }

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

/** Runs `fn` over `items`, `width` at a time, keeping the order. */
async function inBatches<T, R>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += width)
    out.push(...(await Promise.all(items.slice(i, i + width).map(fn))))
  return out
}

/**
 * Printable posters (场所码海报, issue #4): an A4 PDF per venue with its signed code as a QR,
 * under the same permission, region scope and refusal of deactivated venues as the code itself.
 *
 * The drawing runs in worker threads (poster-pool.ts), bounded, and finished PDFs are kept in an
 * LRU cache with a byte budget (issue #14): the same venues, unchanged (name, kind, region), signed
 * by the same key on the same local day, are answered with the same bytes without signing or
 * drawing again. Every request still reads each venue, so scope and deactivation are checked each
 * time.
 */
export class PosterService {
  /** PDFs drawn, and PDFs answered from the cache (or from an identical request in flight). */
  readonly stats = { rendered: 0, cached: 0 }
  private readonly pool: PosterRenderPool
  private readonly cache: LRUCache<string, Buffer> | undefined
  private readonly inFlight = new Map<string, Promise<Buffer>>()
  private readonly timeZone: string

  constructor(
    private readonly venues: VenuesService,
    private readonly keys: Pick<KeysService, 'codeSigner' | 'policy'>,
    /** The app's logger, once it exists (services are built before the app). */
    private readonly log: () => PosterLogger | undefined,
    options: PosterOptions = POSTER_DEFAULTS,
  ) {
    this.pool = new PosterRenderPool(options)
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE
    this.cache =
      options.cacheBytes > 0
        ? new LRUCache<string, Buffer>({ maxSize: options.cacheBytes, sizeCalculation: (pdf) => pdf.length })
        : undefined
  }

  /** One venue's poster. */
  async poster(
    scope: Scope,
    id: string,
    now = new Date(),
  ): Promise<{ pdf: Buffer; venue: Pick<Venue, 'id' | 'name'> }> {
    const [venue] = await this.readVenues(scope, [id])
    if (!venue) throw new DomainError('NOT_FOUND', `venue ${id} does not exist`)
    return { pdf: await this.document(scope, [venue], now), venue }
  }

  /** Several venues' posters in one PDF, in the order asked; any venue refused refuses the whole. */
  async posters(scope: Scope, ids: readonly string[], now = new Date()): Promise<Buffer> {
    const unique = [...new Set(ids)]
    if (unique.length === 0) throw new DomainError('VALIDATION_FAILED', 'ids: give at least one venue id')
    if (unique.length > MAX_POSTERS)
      throw new DomainError('VALIDATION_FAILED', `ids: at most ${MAX_POSTERS} venues per PDF`)
    return this.document(scope, await this.readVenues(scope, unique), now)
  }

  /** PDFs being drawn and waiting for a worker now. */
  get load(): { running: number; waiting: number } {
    return this.pool.load
  }

  /** Stops the workers (the app's onClose). */
  close(): Promise<void> {
    return this.pool.close()
  }

  /** Each venue as the scope sees it (404, 403 as for the code), refused when deactivated (409). */
  private async readVenues(scope: Scope, ids: readonly string[]): Promise<Venue[]> {
    // A few at a time: one read each.
    const venues = await inBatches(ids, 8, (id) => this.venues.get(scope, id))
    for (const v of venues) if (!v.active) throw new DomainError('CONFLICT', `venue ${v.id} is deactivated`)
    return venues
  }

  private async document(scope: Scope, venues: readonly Venue[], now: Date): Promise<Buffer> {
    const signer = await this.keys.codeSigner()
    // Everything the PDF shows but the signature bytes and the creation time.
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          this.keys.policy.issuer,
          Buffer.from(signer.kid).toString('hex'),
          localDate(now, this.timeZone),
          venues.map((v) => [v.id, v.name, v.kind, v.regionCode, v.regionName]),
        ]),
      )
      .digest('base64url')
    const hit = this.cache?.get(key) ?? (await this.inFlight.get(key))
    if (hit) {
      this.stats.cached++
      return hit
    }
    const drawing = this.draw(scope, venues, now)
    this.inFlight.set(key, drawing)
    try {
      const pdf = await drawing
      this.cache?.set(key, pdf)
      return pdf
    } finally {
      this.inFlight.delete(key)
    }
  }

  private async draw(scope: Scope, venues: readonly Venue[], now: Date): Promise<Buffer> {
    // Signing is quick (node:crypto); the QR matrices and the drawing are the worker's.
    const inputs: Omit<PosterInput, 'now'>[] = await inBatches(venues, 8, async (venue) => {
      const { code } = await this.venues.code(scope, venue.id)
      return { venue, code, ...venueCodeSigner(code), timeZone: this.timeZone }
    })
    const { pdf, missing } = await this.pool.render(inputs, now)
    this.stats.rendered++
    for (const codePoint of missing)
      this.log()?.warn(
        { codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}` },
        'poster: a character is in no font subset; drawn as □',
      )
    return pdf
  }
}
