import { Rng } from './prng.js'
import { K, ROLE } from './types.js'
import type { SyntheticCity } from './city.js'

const H = 3600
const MIN = 60
/** Nothing starts after this (local time); everyone is home before midnight. */
const LATEST = 23 * H + 50 * MIN
/** Share of people who scan the gate code when leaving / returning (entry was checked more strictly). */
const GATE_OUT = 0.2
const GATE_IN = 0.8
/** Share of market and supermarket trips that go to the household's usual one. */
const REGULAR = 0.7

/** Upper bound of check-ins one person can make in one day (sizes the batch buffers). */
export const MAX_CHECKINS_PER_PERSON_DAY = 16

/** Where a day's check-ins are written: parallel typed arrays, `length` used. */
export interface CheckinSink {
  length: number
  readonly person: Int32Array
  readonly venue: Int32Array
  readonly checkedIn: Float64Array
  readonly checkedOut: Float64Array
}

/**
 * Writes one person's check-ins for one day, in time order, never overlapping: each visit starts
 * at least a minute after the previous one ended and nothing starts after 23:50 local time.
 */
class DayWriter {
  sink: CheckinSink
  person = 0
  dayStartMs = 0
  t = 0
  n = 0
  street = 0
  /** Share of visits recorded (SimulationParams.checkinShare); below 1, `scan` decides each one. */
  share = 1
  readonly scan = new Rng(0, 0, 0)

  constructor(sink: CheckinSink) {
    this.sink = sink
  }

  begin(person: number, dayStartMs: number, street: number) {
    this.person = person
    this.dayStartMs = dayStartMs
    this.street = street
    this.t = 0
    this.n = 0
  }

  /** Records a visit from `start` (seconds after local midnight) for `duration` seconds; returns its end. */
  visit(venue: number, start: number, duration: number): number {
    if (venue < 0 || this.n >= MAX_CHECKINS_PER_PERSON_DAY) return this.t
    const s = Math.max(Math.floor(start), this.t + MIN)
    if (s > LATEST) return this.t
    const e = Math.min(s + Math.max(30, Math.floor(duration)), 24 * H - 1)
    this.n++
    this.t = e
    // An unscanned visit still takes its time (the routine goes on unchanged); it leaves no row.
    if (this.share < 1 && !this.scan.chance(this.share)) return e
    const sink = this.sink
    const i = sink.length++
    sink.person[i] = this.person
    sink.venue[i] = venue
    sink.checkedIn[i] = this.dayStartMs + s * 1000
    sink.checkedOut[i] = this.dayStartMs + e * 1000
    return e
  }
}

/**
 * Daily routines. Workers leave between about 7:00 and 8:40, some through a metro station or on
 * a bus line, work eight to nine hours (some lunch out), sometimes shop or eat out on the way
 * home; pupils go to their school; retired people go to the morning market; everybody goes out
 * more at weekends (supermarkets, restaurants, parks, cinemas); a few go to hospital. Shops and
 * restaurants work at weekends too. Calibrated to roughly one to two scans per person per day.
 */
export class RoutinePlanner {
  private readonly w: DayWriter
  private readonly rng = new Rng(0, 0, 0)
  private readonly home = new Rng(0, 0, 0)

  constructor(
    private readonly city: SyntheticCity,
    sink: CheckinSink,
  ) {
    this.w = new DayWriter(sink)
    this.w.share = city.params.checkinShare
  }

  /** Appends person `p`'s check-ins on local day `dayIndex` (0-based) to the sink. */
  plan(p: number, dayIndex: number, dayStartMs: number, weekend: boolean): void {
    const { city, rng, w } = this
    const { persons, layout, assignments } = city
    rng.reseed(city.key, p, 1000 + dayIndex)
    const c = persons.community[p] ?? 0
    w.begin(p, dayStartMs, layout.communityStreet[c] ?? 0)
    if (w.share < 1) w.scan.reseed(city.key, p, 5000 + dayIndex)
    const gate = city.venues.gateOfCommunity[c] ?? -1
    const age = persons.age[p] ?? 0
    const role = persons.role[p] ?? 0

    if (rng.chance(age >= 65 ? 0.01 : age < 6 ? 0.006 : 0.003)) {
      this.leave(gate, rng.bell(7.5 * H, 10 * H))
      w.visit(
        city.places.pick(K.hospital, w.street, rng),
        w.t + rng.between(15, 40) * MIN,
        rng.bell(1 * H, 4 * H),
      )
      this.back(gate, 20 * MIN)
      return
    }
    switch (role) {
      case ROLE.infant:
        if (rng.chance(weekend ? 0.4 : 0.25)) this.outing(gate, 1)
        return
      case ROLE.pupil:
      case ROLE.student:
        if (!weekend && rng.chance(0.97)) this.schoolDay(p, gate)
        else if (rng.chance(weekend ? 0.5 : 0.1)) this.outing(gate, rng.chance(0.3) ? 2 : 1)
        return
      case ROLE.worker: {
        const workplace = assignments.workplace[p] ?? -1
        const k = city.venues.kind[workplace] ?? 0
        const shifts = k !== K.office && k !== K.factory && k !== K.school
        const works = shifts ? rng.chance(5 / 7) : !weekend && rng.chance(0.95)
        if (works && workplace >= 0) this.workDay(p, gate, workplace)
        else if (rng.chance(weekend ? 0.55 : 0.3)) this.outing(gate, rng.chance(0.35) ? 2 : 1)
        return
      }
      case ROLE.home:
      case ROLE.retired:
      default:
        if (rng.chance(0.5)) {
          this.leave(gate, rng.bell(6 * H, 9 * H))
          this.regular(K.market, rng.bell(20 * MIN, 60 * MIN))
          this.back(gate, 15 * MIN)
        }
        if (rng.chance(weekend ? 0.35 : 0.2)) this.outing(gate, 1)
    }
  }

  private leave(gate: number, at: number) {
    if (this.rng.chance(GATE_OUT)) this.w.visit(gate, at, this.rng.between(15, 90))
    else this.w.t = Math.max(this.w.t, Math.floor(at))
  }

  private back(gate: number, after: number) {
    const { w, rng } = this
    if (rng.chance(GATE_IN)) w.visit(gate, w.t + after * (0.5 + rng.float()), rng.between(15, 90))
  }

  /** A market or supermarket: mostly the household's usual one. */
  private regular(kind: number, duration: number) {
    const { w, rng, city } = this
    let venue: number
    if (rng.chance(REGULAR)) {
      this.home.reseed(city.key, city.persons.household[w.person] ?? 0, 600 + kind)
      venue = city.places.pick(kind, w.street, this.home)
    } else venue = city.places.pick(kind, w.street, rng)
    w.visit(venue, w.t + rng.between(5, 20) * MIN, duration)
  }

  /** Out of home for `stops` places (weekend-style leisure and errands), then back. */
  private outing(gate: number, stops: number) {
    const { w, rng, city } = this
    this.leave(gate, rng.bell(8.5 * H, 19 * H))
    const commute = city.assignments.commute[w.person] ?? -1
    if (commute >= 0 && rng.chance(0.3))
      w.visit(commute, w.t + rng.between(5, 15) * MIN, rng.between(60, 1800))
    for (let i = 0; i < stops; i++) {
      const u = rng.float()
      if (u < 0.27) this.regular(K.supermarket, rng.bell(15 * MIN, 60 * MIN))
      else if (u < 0.4) this.regular(K.market, rng.bell(15 * MIN, 45 * MIN))
      else {
        const kind =
          u < 0.7
            ? K.restaurant
            : u < 0.82
              ? K.other
              : u < 0.88
                ? K.cinema
                : u < 0.95
                  ? K.gym
                  : u < 0.995
                    ? K.hotel
                    : K.train
        const duration = kind === K.cinema ? 2.2 * H : kind === K.train ? 3 * H : rng.bell(30 * MIN, 2 * H)
        w.visit(city.places.pick(kind, w.street, rng), w.t + rng.between(10, 40) * MIN, duration)
      }
    }
    this.back(gate, 20 * MIN)
  }

  private schoolDay(p: number, gate: number) {
    const { w, rng, city } = this
    const level = city.persons.schoolLevel[p] ?? 0
    const school = city.assignments.school[p] ?? -1
    const commute = city.assignments.commute[p] ?? -1
    this.leave(gate, level === 1 ? rng.bell(7.5 * H, 8.5 * H) : rng.bell(6.8 * H, 7.7 * H))
    if (commute >= 0) w.visit(commute, w.t + rng.between(3, 10) * MIN, rng.between(10, 40) * MIN)
    const start = w.t + rng.between(5, 25) * MIN
    const end =
      level === 1
        ? 16.5 * H
        : level === 2
          ? rng.bell(15.8 * H, 17 * H)
          : level === 4
            ? rng.bell(17.5 * H, 21.5 * H)
            : rng.bell(16.5 * H, 18 * H)
    w.visit(school, start, end - start)
    if (commute >= 0) w.visit(commute, w.t + rng.between(3, 15) * MIN, rng.between(10, 40) * MIN)
    if (rng.chance(0.08)) this.regular(K.supermarket, rng.bell(15 * MIN, 40 * MIN))
    this.back(gate, 15 * MIN)
  }

  private workDay(p: number, gate: number, workplace: number) {
    const { w, rng, city } = this
    const commute = city.assignments.commute[p] ?? -1
    this.leave(gate, rng.bell(6.6 * H, 8.8 * H))
    if (commute >= 0) w.visit(commute, w.t + rng.between(5, 15) * MIN, rng.between(2, 45) * MIN)
    const start = w.t + rng.between(10, 40) * MIN
    const end = start + rng.bell(7.8 * H, 10 * H)
    if (rng.chance(0.12)) {
      const lunch = rng.bell(11.6 * H, 12.4 * H)
      w.visit(workplace, start, lunch - start)
      const street = city.venues.street[workplace] ?? -1
      w.visit(
        city.places.pick(K.restaurant, street >= 0 ? street : w.street, rng),
        w.t + rng.between(3, 10) * MIN,
        rng.bell(25 * MIN, 55 * MIN),
      )
      w.visit(workplace, w.t + rng.between(3, 10) * MIN, end - w.t)
    } else w.visit(workplace, start, end - start)
    if (commute >= 0) w.visit(commute, w.t + rng.between(5, 15) * MIN, rng.between(2, 45) * MIN)
    if (rng.chance(0.22)) {
      const u = rng.float()
      if (u < 0.35) this.regular(K.supermarket, rng.bell(15 * MIN, 45 * MIN))
      else if (u < 0.6) this.regular(K.market, rng.bell(10 * MIN, 30 * MIN))
      else {
        const kind = u < 0.9 ? K.restaurant : K.gym
        w.visit(
          city.places.pick(kind, w.street, rng),
          w.t + rng.between(10, 30) * MIN,
          rng.bell(40 * MIN, 100 * MIN),
        )
      }
    }
    this.back(gate, 20 * MIN)
  }
}
