import { randomBytes } from 'node:crypto'
import {
  addDays,
  DomainError,
  freePlaces,
  localDate,
  localDayBounds,
  maskName,
  SLOT_MINUTES,
  slotProblem,
  slotsOn,
} from '@lianfang/core'
import type {
  Booking,
  BookingList,
  CreateBookingBody,
  SampledBooking,
  SamplingSite,
  SlotList,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { SitesRepository } from './sites.repository.js'
import { periodsOf, sitesRepo, toSite } from './sites.service.js'

type BookingRow = NonNullable<Awaited<ReturnType<SitesRepository['bookingOf']>>>

/** Crockford base32 without I, L, O, U: read aloud and typed without confusion. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A booking code: `BK` and 10 random characters (50 bits), what the site scans or types. */
export function newBookingCode(): string {
  const bytes = randomBytes(10)
  return `BK${Array.from(bytes, (b) => ALPHABET[b % 32] ?? '0').join('')}`
}

function toBooking(r: BookingRow): Booking {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    siteAddress: r.site_address,
    slotStart: r.slot_start.toISOString(),
    code: r.code,
    status: r.status,
    sampledAt: r.sampled_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }
}

/** The citizen's person, or FORBIDDEN for an account without one (staff have no bookings). */
function personOf(user: SessionUser): string {
  if (user.role !== 'citizen' || user.personId === null)
    throw new DomainError('FORBIDDEN', 'bookings are made by citizens for themselves')
  return user.personId
}

/**
 * Bookings (愿检尽检, RULES TEST.WILL): a citizen books a free one-hour slot of an open site of
 * their city (capacity per hour less the places taken) and shows the booking code; the site's
 * tester scans it and the booking is sampled. Slot arithmetic is core's (`slotsOn`, `slotProblem`).
 */
export class BookingsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly timeZone: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Open sites of the citizen's city. */
  async sitesForCitizen(user: SessionUser): Promise<SamplingSite[]> {
    personOf(user)
    const rows = await sitesRepo.openSitesUnder(this.database.db, user.regionCode.slice(0, 4), 500)
    return rows.map(toSite)
  }

  private async openSite(user: SessionUser, id: string, lock = false, db = this.database.db) {
    const site = await sitesRepo.openSite(db, id, lock)
    if (!site || site.region_code.slice(0, 4) !== user.regionCode.slice(0, 4))
      throw new DomainError('NOT_FOUND', `no open sampling site ${id} in your city`, { field: 'siteId' })
    return site
  }

  /** A site's slots of a local day with the places left; past slots are not bookable. */
  async slots(user: SessionUser, siteId: string, day: string | undefined): Promise<SlotList> {
    personOf(user)
    const date = day ?? localDate(this.clock(), this.timeZone)
    const site = await this.openSite(user, siteId)
    const periods = periodsOf(site.opening_hours)
    let bounds: { start: Date; end: Date }
    try {
      bounds = localDayBounds(date, this.timeZone)
    } catch {
      throw new DomainError('VALIDATION_FAILED', `not a calendar date: ${date}`, { field: 'date' })
    }
    const { start, end } = bounds
    const taken = new Map(
      (await sitesRepo.takenBySlot(this.database.db, siteId, start, end)).map((t) => [
        t.slot_start.getTime(),
        Number(t.n),
      ]),
    )
    const now = this.clock()
    return {
      siteId,
      date,
      slots: slotsOn(periods, date, this.timeZone).map((s) => ({
        start: s.toISOString(),
        capacity: site.capacity_per_hour,
        free: freePlaces(site.capacity_per_hour, taken.get(s.getTime()) ?? 0),
        bookable: slotProblem(periods, s, now, this.timeZone) === null,
      })),
    }
  }

  /**
   * Books a slot: 400 SLOT_INVALID outside the hours, over or too far ahead; 409 BOOKING_EXISTS for
   * a second open booking of the same slot; 409 SLOT_FULL when its places are taken. The site's
   * row is locked while counting, so two citizens cannot take the last place together.
   */
  async book(user: SessionUser, body: CreateBookingBody): Promise<Booking> {
    const personId = personOf(user)
    const at = new Date(body.slotStart)
    const now = this.clock()
    const id = await this.database.db.transaction().execute(async (tx) => {
      const site = await this.openSite(user, body.siteId, true, tx)
      const problem = slotProblem(periodsOf(site.opening_hours), at, now, this.timeZone)
      if (problem !== null)
        throw new DomainError('SLOT_INVALID', `slot ${body.slotStart} cannot be booked: ${problem}`, {
          field: 'slotStart',
          problem,
        })
      if (await sitesRepo.openBookingAt(tx, personId, at))
        throw new DomainError('BOOKING_EXISTS', 'you already have a booking for this slot', {
          field: 'slotStart',
        })
      const end = new Date(at.getTime() + SLOT_MINUTES * 60_000)
      const taken = (await sitesRepo.takenBySlot(tx, body.siteId, at, end)).reduce(
        (n, t) => n + Number(t.n),
        0,
      )
      if (freePlaces(site.capacity_per_hour, taken) === 0)
        throw new DomainError('SLOT_FULL', 'this slot is fully booked; pick another', { field: 'slotStart' })
      const { id } = await sitesRepo.insertBooking(tx, {
        site_id: body.siteId,
        person_id: personId,
        region_code: site.region_code,
        slot_start: at,
        code: newBookingCode(),
      })
      await this.audit.append(tx, user, {
        action: 'booking.create',
        targetType: 'person',
        targetId: personId,
        details: { bookingId: id, siteId: body.siteId, slotStart: at.toISOString() },
      })
      return id
    })
    return this.mine(personId, id)
  }

  private async mine(personId: string, id: string): Promise<Booking> {
    const row = await sitesRepo.bookingOf(this.database.db, personId, id)
    if (!row) throw new DomainError('NOT_FOUND', `booking ${id} does not exist`)
    return toBooking(row)
  }

  async myBookings(user: SessionUser): Promise<BookingList> {
    const personId = personOf(user)
    return { items: (await sitesRepo.bookingsOf(this.database.db, personId, 50)).map(toBooking) }
  }

  /** Cancels an own open booking whose slot is not over. */
  async cancel(user: SessionUser, id: string): Promise<Booking> {
    const personId = personOf(user)
    const booking = await this.mine(personId, id)
    if (
      booking.status !== 'booked' ||
      Date.parse(booking.slotStart) + SLOT_MINUTES * 60_000 <= this.clock().getTime()
    )
      throw new DomainError('TRANSITION_NOT_ALLOWED', `booking ${id} is ${booking.status} or over`)
    await this.database.db.transaction().execute(async (tx) => {
      if (!(await sitesRepo.setBookingStatus(tx, id, 'booked', 'cancelled')))
        throw new DomainError('TRANSITION_NOT_ALLOWED', `booking ${id} is no longer open`)
      await this.audit.append(tx, user, {
        action: 'booking.cancel',
        targetType: 'person',
        targetId: personId,
        details: { bookingId: id },
      })
    })
    return this.mine(personId, id)
  }

  /**
   * The site takes a booked sample: the code of an open booking of today (local) at a site in the
   * tester's region marks it sampled; the answer names the person (masked) for the tube that follows.
   */
  async scan(user: SessionUser, scope: Scope, code: string): Promise<SampledBooking> {
    const row = await sitesRepo.bookingByCode(this.database.db, code.toUpperCase())
    if (!row) throw new DomainError('NOT_FOUND', 'no booking with this code', { field: 'code' })
    scope.assert(row.site_region, `the booking's site`)
    const today = localDate(this.clock(), this.timeZone)
    const day = localDate(row.slot_start, this.timeZone)
    if (row.status !== 'booked')
      throw new DomainError('TRANSITION_NOT_ALLOWED', `the booking is ${row.status}`, { field: 'code' })
    if (day !== today)
      throw new DomainError('TRANSITION_NOT_ALLOWED', `the booking is for ${day}, not today`, {
        field: 'code',
        day,
        tomorrow: addDays(today, 1) === day,
      })
    await this.database.db.transaction().execute(async (tx) => {
      if (!(await sitesRepo.setBookingStatus(tx, row.id, 'booked', 'sampled')))
        throw new DomainError('TRANSITION_NOT_ALLOWED', 'the booking is no longer open', { field: 'code' })
      await this.audit.append(tx, user, {
        action: 'booking.sampled',
        targetType: 'person',
        targetId: row.person_id,
        details: { bookingId: row.id, siteId: row.site_id },
      })
    })
    const booking = await this.mine(row.person_id, row.id)
    return {
      booking,
      personId: row.person_id,
      nameMasked: maskName(row.person_name),
      idNumberMasked: row.id_number_masked,
    }
  }
}
