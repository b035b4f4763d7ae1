import {
  colourDecision,
  decideEntry,
  DomainError,
  isInRegion,
  maskName,
  normalizeIdNumber,
  seatProblem,
  verifyVenueCode,
  type EntryDecision,
  type IdType,
  type Lf1Verification,
} from '@lianfang/core'
import type {
  ScanBatchResult,
  ScanItem,
  ScanOutcome,
  SelfCheckinBody,
  SelfCheckinResult,
} from '@lianfang/contracts'
import { LRUCache } from 'lru-cache'
import type { Database } from '../../db/database.js'
import type { PiiCipher } from '../../crypto/pii-cipher.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { AuditEvent } from '../../audit/audit.service.js'
import type { ColourService } from '../health-codes/index.js'
import type { CodeVerifier, KeysService } from '../keys/index.js'
import type { Scope } from '../../auth/scope.js'
import { checkinRow, type CheckinRow, type CheckinWriter } from './checkin-writer.js'
import { CheckinsRepository } from './checkins.repository.js'
import { eachLimited, ItemError, outcome } from './scan-outcome.js'

/** Stages at which a presented code is not a genuine code at all: such a scan is rejected, not recorded. */
const FORGED = new Set(['prefix', 'base45', 'zlib', 'cose', 'cbor', 'unknown-key', 'signature'])
const FUTURE_TOLERANCE_MS = 5 * 60_000
/** How long another process's change to a venue (deactivation) may go unseen by the gate path. */
const VENUE_CACHE_MS = 2000
/** How long a code subject's person is used before it is refreshed in the background. */
const SUBJECT_FRESH_MS = 60_000
/** How long past that an entry nobody used may still be used (then it is read again first). */
const SUBJECT_STALE_MS = 10 * 60_000
/**
 * How many look-ups (a proxy scan's person and colour, a venue not in memory) one request runs at
 * once. Issue #14: a batch of 500 proxy scans ran them all at once and held the whole database
 * pool (`/api/auth/me` p50 ≈ 2 s meanwhile); two at a time leave the other requests their share.
 */
const LOOKUPS_PER_REQUEST = 2
/** The audit action of a proxy scan: a person looked up by ID number, their colour shown. */
export const PROXY_SCAN_AUDIT = 'checkin.proxy_scan'

interface VenueInfo {
  id: string
  region_code: string
  kind: string
  name: string
  active: boolean
}

interface PersonInfo {
  id: string
  region_code: string
  name: string
}

interface PreparedScan {
  row: CheckinRow
  decision: EntryDecision
  maskedName: string | null
  /** A record of its own in the audit trail (proxy scans), written with the row. */
  event: AuditEvent | null
}

/** A stored check-in, as a replay of its scan id is answered. */
interface StoredScan {
  venueId: string
  personId: string | null
  subject: string | null
  direction: 'in' | 'out'
  checkedInAt: Date
  decision: EntryDecision
  resident: boolean | null
}

type Prepared = { ok: true; value: PreparedScan } | { ok: false; error: unknown }

/**
 * Gate scans, proxy scans and self check-ins (出入管理). Each scan is verified and decided on the
 * server (offline scans too, when their queue syncs: at the time they were made), recorded once
 * through the group-committing writer, and answered with the decision. A bad item never fails
 * the good items of its batch.
 */
export class CheckinsService {
  /**
   * Venues of the gate path. Gates scan the same venue over and over, so a venue is kept for
   * {@link VENUE_CACHE_MS} and then answered from memory while one read refreshes it (lru-cache's
   * `fetch` with `allowStale`): no scan waits for it, and the scans of a busy gate do not all read
   * it when it expires. A change made through this process (`forgetVenue`, called by the venue
   * service on (de)activation) is seen at once, one made through another process within that time
   * plus one read.
   */
  private readonly venueCache = new LRUCache<string, VenueInfo | { missing: true }>({
    max: 50_000,
    ttl: VENUE_CACHE_MS,
    allowStale: true,
    fetchMethod: async (id) => (await this.repo.gateVenue(this.database.db, id)) ?? { missing: true },
  })
  private readonly repo = new CheckinsRepository()
  private readonly subjectCache = new Map<string, { person: PersonInfo; until: number }>()
  private readonly subjectsToRefresh = new Set<string>()
  private subjectRefreshQueued = false

  constructor(
    private readonly database: Database,
    private readonly cipher: PiiCipher,
    private readonly colours: ColourService,
    private readonly verifier: CodeVerifier,
    private readonly keys: KeysService,
    private readonly writer: CheckinWriter,
    private readonly retentionDays: number,
  ) {}

  async scan(user: SessionUser, item: ScanItem): Promise<ScanOutcome> {
    const result = await this.batch(user, [item])
    const o = result.outcomes[0]
    if (!o) throw new Error('no outcome')
    if (o.status === 'rejected' && o.error)
      throw new DomainError(
        o.error.code === 'OUT_OF_SCOPE'
          ? 'OUT_OF_SCOPE'
          : o.error.code === 'SCAN_ID_REUSED'
            ? 'CONFLICT'
            : 'VALIDATION_FAILED',
        o.error.message,
        { code: o.error.code },
      )
    return o
  }

  async batch(user: SessionUser, items: readonly ScanItem[]): Promise<ScanBatchResult> {
    const venues = await this.venues([...new Set(items.map((i) => i.venueId))])
    // Verify every code first, then resolve all subjects in one query.
    const verifications = new Map<number, Lf1Verification>()
    await Promise.all(
      items.map(async (item, i) => {
        if (item.method === 'gate_scan' && item.code)
          verifications.set(i, await this.verifier.verifyAsync(item.code, new Date(item.scannedAt)))
      }),
    )
    const subjects = [...verifications.values()].flatMap((v) =>
      v.ok && v.claims.issuer === this.keys.policy.issuer ? [v.claims.subject] : [],
    )
    const persons = await this.personsBySubject(subjects)
    // Gate scans are decided synchronously; only proxy scans look persons up, a few at a time.
    const prepared: Prepared[] = new Array<Prepared>(items.length)
    const proxies: number[] = []
    items.forEach((item, i) => {
      if (item.method !== 'gate_scan') {
        proxies.push(i)
        return
      }
      try {
        prepared[i] = {
          ok: true,
          value: this.prepareGateScan(user, item, venues, verifications.get(i), persons),
        }
      } catch (error) {
        prepared[i] = { ok: false, error }
      }
    })
    if (proxies.length > 0)
      await eachLimited(proxies, LOOKUPS_PER_REQUEST, async (i) => {
        const item = items[i] as ScanItem
        try {
          prepared[i] = { ok: true, value: await this.prepareProxyScan(user, item, venues) }
        } catch (error) {
          prepared[i] = { ok: false, error }
        }
      })
    const rows: CheckinRow[] = []
    const events: (AuditEvent | null)[] = []
    const rowOf: (number | undefined)[] = []
    for (const [i, p] of prepared.entries()) {
      if (!p.ok) continue
      rowOf[i] = rows.length
      rows.push(p.value.row)
      events.push(p.value.event)
    }
    const written = rows.length > 0 ? await this.writer.write(rows, user, events) : []
    const replays = prepared.flatMap((p, i) =>
      p.ok && !written[rowOf[i] ?? -1] ? [p.value.row.clientScanId] : [],
    )
    const stored = replays.length > 0 ? await this.storedScans(replays) : new Map<string, StoredScan>()
    const outcomes = prepared.map((p, i): ScanOutcome => {
      const id = items[i]?.clientScanId ?? ''
      if (!p.ok) {
        const e = p.error
        if (e instanceof ItemError || e instanceof DomainError) {
          return outcome(id, 'rejected', undefined, { error: { code: e.code, message: e.message } })
        }
        throw e
      }
      const inserted = written[rowOf[i] ?? -1] ?? false
      if (inserted)
        return outcome(id, 'accepted', p.value.decision, {
          maskedName: p.value.maskedName,
          resident: p.value.row.resident,
        })
      return this.replayOutcome(id, p.value, stored.get(p.value.row.clientScanId))
    })
    return {
      accepted: outcomes.filter((o) => o.status === 'accepted').length,
      duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
      rejected: outcomes.filter((o) => o.status === 'rejected').length,
      outcomes,
    }
  }

  /** The venues of a batch (see {@link venueCache}). */
  private async venues(ids: readonly string[]): Promise<Map<string, VenueInfo>> {
    const out = new Map<string, VenueInfo>()
    const one = async (id: string) => {
      const v = await this.venueCache.fetch(id)
      if (v && !('missing' in v)) out.set(id, v)
    }
    // A gate's scan names one venue; a synced batch may name hundreds, read a few at a time.
    if (ids.length <= LOOKUPS_PER_REQUEST) await Promise.all(ids.map(one))
    else await eachLimited(ids, LOOKUPS_PER_REQUEST, one)
    return out
  }

  /**
   * The stored check-ins of replayed scan ids (`checkin_scan_ids` → the row, through the
   * `(client_scan_id, checked_in_at)` index): a replay is answered with what the first scan decided.
   */
  private async storedScans(ids: readonly string[]): Promise<Map<string, StoredScan>> {
    const rows = await this.repo.storedScans(this.database.db, ids)
    return new Map(
      rows.map((r) => [
        r.client_scan_id,
        {
          venueId: r.venue_id,
          personId: r.person_id,
          subject: r.subject,
          direction: r.direction,
          checkedInAt: r.checked_in_at,
          decision: {
            decision: r.decision,
            reason: r.deny_reason as EntryDecision['reason'],
            colour: r.colour,
          },
          resident: r.resident,
        },
      ]),
    )
  }

  /**
   * A scan whose id was stored before: a replay (the same venue, direction and person, at any
   * time — a client may re-stamp a retry) is answered with the first scan's decision; another scan
   * under a used id is refused and told nothing of the first.
   */
  private replayOutcome(id: string, p: PreparedScan, s: StoredScan | undefined): ScanOutcome {
    const r = p.row
    if (!s) return outcome(id, 'duplicate', p.decision, { maskedName: p.maskedName, resident: r.resident })
    const same =
      s.venueId === r.venueId &&
      s.direction === r.direction &&
      (s.personId ?? s.subject) === (r.personId ?? r.subject)
    if (!same)
      return outcome(id, 'rejected', undefined, {
        error: { code: 'SCAN_ID_REUSED', message: 'this clientScanId was already used for another scan' },
      })
    return outcome(id, 'duplicate', s.decision, { maskedName: p.maskedName, resident: s.resident })
  }

  /** Forgets a cached venue (after it was deactivated, reactivated or changed). */
  forgetVenue(id: string): void {
    this.venueCache.delete(id)
  }

  private checkTime(scannedAt: Date): void {
    const now = Date.now()
    if (scannedAt.getTime() > now + FUTURE_TOLERANCE_MS)
      throw new ItemError('SCAN_IN_FUTURE', 'scannedAt is in the future (check the device clock)')
    if (scannedAt.getTime() < now - this.retentionDays * 86_400_000) {
      throw new ItemError(
        'SCAN_TOO_OLD',
        `scannedAt is older than the ${this.retentionDays}-day retention period`,
      )
    }
  }

  /** The venue (in the scanner's scope, active), the scan time and the seat: common to gate and proxy scans. */
  private checkCommon(
    user: SessionUser,
    item: ScanItem,
    venues: Map<string, VenueInfo>,
  ): { venue: VenueInfo; scannedAt: Date } {
    const venue = venues.get(item.venueId)
    if (!venue) throw new ItemError('VENUE_NOT_FOUND', `venue ${item.venueId} does not exist`)
    if (!isInRegion(venue.region_code, user.regionCode))
      throw new ItemError('OUT_OF_SCOPE', `venue ${item.venueId} is not one of your gates`)
    if (!venue.active) throw new ItemError('VENUE_INACTIVE', `venue ${item.venueId} is deactivated`)
    const scannedAt = new Date(item.scannedAt)
    this.checkTime(scannedAt)
    const seatError = item.seat ? seatProblem(venue.kind, item.seat) : null
    if (seatError) throw new ItemError('SEAT_NOT_APPLICABLE', seatError)
    return { venue, scannedAt }
  }

  private prepareGateScan(
    user: SessionUser,
    item: ScanItem,
    venues: Map<string, VenueInfo>,
    verification: Lf1Verification | undefined,
    bySubject: Map<string, PersonInfo>,
  ): PreparedScan {
    const { venue, scannedAt } = this.checkCommon(user, item, venues)
    if (!item.code || !verification)
      throw new ItemError('CODE_REQUIRED', 'a gate scan needs the scanned code')
    const v = verification
    if (!v.ok && FORGED.has(v.stage))
      throw new ItemError('BAD_CODE', `not a genuine health code (${v.stage}: ${v.reason})`)
    const decision = decideEntry(v)
    const subject = v.ok ? v.claims.subject : null
    const issuer = v.ok ? v.claims.issuer : null
    const person = subject && issuer === this.keys.policy.issuer ? bySubject.get(subject) : undefined
    return {
      decision,
      maskedName: v.ok ? v.claims.maskedName : null,
      event: null,
      row: checkinRow({
        regionCode: venue.region_code,
        venueId: venue.id,
        personId: person?.id ?? null,
        checkedInAt: scannedAt,
        source: 'gate_scan',
        clientScanId: item.clientScanId.toLowerCase(),
        direction: item.direction,
        decision: decision.decision,
        denyReason: decision.reason,
        colour: decision.colour,
        resident: person ? this.isResident(venue, person.region_code) : null,
        companionPersonId: null,
        operatorUserId: user.id,
        issuer,
        subject,
        seat: item.seat ?? null,
      }),
    }
  }

  private async prepareProxyScan(
    user: SessionUser,
    item: ScanItem,
    venues: Map<string, VenueInfo>,
  ): Promise<PreparedScan> {
    const { venue, scannedAt } = this.checkCommon(user, item, venues)
    if (!item.idType || !item.idNumber)
      throw new ItemError('ID_REQUIRED', 'a proxy scan needs idType and idNumber of the person')
    const person = await this.personById(item.idType, item.idNumber)
    if (!person)
      throw new ItemError('PERSON_NOT_FOUND', 'no person is registered with this identity document')
    let companion: { id: string } | undefined
    if (item.companionIdNumber) {
      companion = await this.personById(item.companionIdType ?? 'resident', item.companionIdNumber)
      if (!companion)
        throw new ItemError(
          'COMPANION_NOT_FOUND',
          'no person is registered with the companion’s identity document',
        )
    }
    const code = await this.colours.current(person.id)
    const decision = colourDecision(code.colour as 'green' | 'yellow' | 'red')
    return {
      decision,
      maskedName: maskName(person.name),
      // The look-up shows a person's colour to whoever knows their ID number: audited each time.
      event: {
        action: PROXY_SCAN_AUDIT,
        targetType: 'person',
        targetId: person.id,
        reason: item.reason ?? null,
        details: {
          venueId: venue.id,
          clientScanId: item.clientScanId.toLowerCase(),
          companionPersonId: companion?.id ?? null,
        },
      },
      row: checkinRow({
        regionCode: venue.region_code,
        venueId: venue.id,
        personId: person.id,
        checkedInAt: scannedAt,
        source: 'proxy',
        clientScanId: item.clientScanId.toLowerCase(),
        direction: item.direction,
        decision: decision.decision,
        denyReason: decision.reason,
        colour: decision.colour,
        resident: this.isResident(venue, person.region_code),
        companionPersonId: companion?.id ?? null,
        operatorUserId: user.id,
        issuer: this.keys.policy.issuer,
        subject: code.subject_id,
        seat: item.seat ?? null,
      }),
    }
  }

  private isResident(venue: VenueInfo, personRegion: string): boolean | null {
    return venue.kind === 'residential_gate' ? isInRegion(personRegion, venue.region_code) : null
  }

  /**
   * Code subjects → persons (a stable mapping). An entry is used for {@link SUBJECT_FRESH_MS}; after
   * that it is still used while one query, for every subject that expired in the same turn of the
   * event loop, refreshes it in the background — so a scan never waits for a person it has seen,
   * and a busy gate does not read a known person again every minute in its scans' path. An entry
   * that nobody used for {@link SUBJECT_STALE_MS} is read again before it is used.
   */
  private async personsBySubject(subjects: readonly string[]): Promise<Map<string, PersonInfo>> {
    const out = new Map<string, PersonInfo>()
    const now = Date.now()
    const missing: string[] = []
    for (const s of new Set(subjects)) {
      const hit = this.subjectCache.get(s)
      if (hit && hit.until + SUBJECT_STALE_MS > now) {
        out.set(s, hit.person)
        if (hit.until <= now) {
          hit.until = now + SUBJECT_FRESH_MS // queued once; set again by the refresh
          this.subjectsToRefresh.add(s)
        }
      } else missing.push(s)
    }
    if (this.subjectsToRefresh.size > 0 && !this.subjectRefreshQueued) {
      this.subjectRefreshQueued = true
      setImmediate(() => {
        const batch = [...this.subjectsToRefresh]
        this.subjectsToRefresh.clear()
        this.subjectRefreshQueued = false
        this.loadSubjects(batch).catch(() => {
          for (const s of batch) this.subjectCache.delete(s) // read again when next scanned
        })
      })
    }
    if (missing.length > 0) for (const [s, person] of await this.loadSubjects(missing)) out.set(s, person)
    return out
  }

  /** Reads the persons of `subjects` into the cache (a subject no longer found leaves it). */
  private async loadSubjects(subjects: readonly string[]): Promise<Map<string, PersonInfo>> {
    const rows = await this.repo.personsOfSubjects(this.database.db, subjects)
    if (this.subjectCache.size > 200_000) this.subjectCache.clear()
    const out = new Map<string, PersonInfo>()
    const until = Date.now() + SUBJECT_FRESH_MS
    for (const r of rows) {
      const person = { id: r.id, region_code: r.region_code, name: r.name }
      out.set(r.subject_id, person)
      this.subjectCache.set(r.subject_id, { person, until })
    }
    for (const s of subjects) if (!out.has(s)) this.subjectCache.delete(s)
    return out
  }

  private async personById(idType: IdType, idNumber: string) {
    let normalized: string
    try {
      normalized = normalizeIdNumber(idType, idNumber)
    } catch (e) {
      throw new ItemError('ID_NUMBER_INVALID', e instanceof Error ? e.message : 'invalid identity number')
    }
    return this.repo.personByIdHash(this.database.db, idType, this.cipher.lookupHash(idType, normalized))
  }

  /** A citizen scans a venue's code: the check-in is recorded and their own colour shown. */
  async selfCheckin(user: SessionUser, scope: Scope, body: SelfCheckinBody): Promise<SelfCheckinResult> {
    if (!user.personId)
      throw new DomainError('PERSON_NOT_FOUND', 'your account is not linked to a person record')
    const { store, backend } = await this.verifier.trust()
    const opened = await verifyVenueCode(body.venueCode.trim(), store, backend)
    if (!opened.ok)
      throw new DomainError('VALIDATION_FAILED', `not a valid venue code: ${opened.reason}`, {
        code: 'BAD_VENUE_CODE',
      })
    const venue = await this.repo.venueOfCode(this.database.db, opened.claims.venueId)
    if (!venue) throw new DomainError('NOT_FOUND', `venue ${opened.claims.venueId} no longer exists`)
    if (!venue.active) throw new DomainError('CONFLICT', `venue ${venue.name} is closed`)
    const seatError = body.seat ? seatProblem(venue.kind, body.seat) : null
    if (seatError) throw new DomainError('VALIDATION_FAILED', seatError, { code: 'SEAT_NOT_APPLICABLE' })
    const person = await this.repo.ownPerson(this.database.db, scope, user.personId)
    if (!person) throw new DomainError('PERSON_NOT_FOUND', 'your person record is not in your scope')
    const code = await this.colours.current(person.id)
    const decision = colourDecision(code.colour as 'green' | 'yellow' | 'red')
    const now = new Date()
    const clientScanId = body.clientScanId.toLowerCase()
    const [inserted] = await this.writer.write(
      [
        checkinRow({
          regionCode: venue.region_code,
          venueId: venue.id,
          personId: person.id,
          checkedInAt: now,
          source: 'self_scan',
          clientScanId,
          direction: body.direction ?? 'in',
          decision: decision.decision,
          denyReason: decision.reason,
          colour: decision.colour,
          resident: this.isResident(venue, person.region_code),
          companionPersonId: null,
          operatorUserId: null,
          issuer: this.keys.policy.issuer,
          subject: code.subject_id,
          seat: body.seat ?? null,
        }),
      ],
      user,
    )
    const venueOut = { id: venue.id, name: venue.name, kind: venue.kind, regionName: venue.region_name }
    const resident = this.isResident(venue, person.region_code)
    if (inserted)
      return {
        ...outcome(body.clientScanId, 'accepted', decision, { maskedName: maskName(person.name), resident }),
        venue: venueOut,
        checkedInAt: now.toISOString(),
      }
    // A replay (the server stamps the time, so a retry always has a new one): the first answer.
    const s = (await this.storedScans([clientScanId])).get(clientScanId)
    if (s && (s.venueId !== venue.id || s.personId !== person.id || s.direction !== (body.direction ?? 'in')))
      throw new DomainError('CONFLICT', 'this clientScanId was already used for another scan', {
        code: 'SCAN_ID_REUSED',
      })
    return {
      ...outcome(body.clientScanId, 'duplicate', s?.decision ?? decision, {
        maskedName: maskName(person.name),
        resident: s ? s.resident : resident,
      }),
      venue: venueOut,
      checkedInAt: (s?.checkedInAt ?? now).toISOString(),
    }
  }
}
