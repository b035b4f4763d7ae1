import { localDayStartMs, weekday } from './calendar.js'
import { MAX_CHECKINS_PER_PERSON_DAY, RoutinePlanner, type CheckinSink } from './routines.js'
import type { SyntheticCity } from './city.js'
import type { SimCheckin } from './types.js'

/** A slice of check-ins: persons [fromPerson, toPerson) on one local day. */
export interface CheckinBatch extends CheckinSink {
  /** 0-based index of the simulated day. */
  readonly dayIndex: number
  readonly fromPerson: number
  readonly toPerson: number
}

export interface CheckinBatchOptions {
  /** Persons per batch (default 4096). */
  readonly personsPerBatch?: number
  /** Only these day indexes (0-based), in this order (default: every day). */
  readonly dayIndexes?: readonly number[]
}

/**
 * Streams the city's check-ins day by day, persons in order within a day, as batches of
 * parallel typed arrays. The buffers are reused: a batch is valid until the generator resumes
 * (copy what you keep). Memory is bounded by one batch whatever the size of the city, and
 * the order (day, then person) fills one day partition after another.
 */
export function* checkinBatches(
  city: SyntheticCity,
  options: CheckinBatchOptions = {},
): Generator<CheckinBatch, void, undefined> {
  const per = Math.max(1, Math.floor(options.personsPerBatch ?? 4096))
  const size = per * MAX_CHECKINS_PER_PERSON_DAY
  const sink: CheckinSink = {
    length: 0,
    person: new Int32Array(size),
    venue: new Int32Array(size),
    checkedIn: new Float64Array(size),
    checkedOut: new Float64Array(size),
  }
  const planner = new RoutinePlanner(city, sink)
  const count = city.persons.count
  const dayIndexes = options.dayIndexes ?? Array.from({ length: city.params.days }, (_, d) => d)
  for (const d of dayIndexes) {
    if (!Number.isInteger(d) || d < 0 || d >= city.params.days) throw new RangeError(`no day index ${d}`)
    const day = city.startDay + d
    const startMs = localDayStartMs(day)
    const wd = weekday(day)
    const weekend = wd === 0 || wd === 6
    for (let from = 0; from < count; from += per) {
      const to = Math.min(count, from + per)
      sink.length = 0
      for (let p = from; p < to; p++) planner.plan(p, d, startMs, weekend)
      yield { ...sink, dayIndex: d, fromPerson: from, toPerson: to }
    }
  }
}

/** Counts check-ins per day without keeping them (a cheap first pass, e.g. to reserve ids). */
export function countCheckins(city: SyntheticCity): number[] {
  const perDay = new Array<number>(city.params.days).fill(0)
  for (const b of checkinBatches(city, { personsPerBatch: 16384 }))
    perDay[b.dayIndex] = (perDay[b.dayIndex] ?? 0) + b.length
  return perDay
}

/** Check-ins one object at a time (convenient for tests and small cities). */
export function* checkinRecords(city: SyntheticCity): Generator<SimCheckin, void, undefined> {
  for (const b of checkinBatches(city)) {
    for (let i = 0; i < b.length; i++) {
      yield {
        person: b.person[i] ?? 0,
        venue: b.venue[i] ?? 0,
        checkedInAt: b.checkedIn[i] ?? 0,
        checkedOutAt: b.checkedOut[i] ?? 0,
      }
    }
  }
}
