import type { RawBuilder } from 'kysely'
import type { Transaction } from 'kysely'
import type {
  CaseFact,
  ContactFact,
  DeclarationFact,
  FeverClinicFact,
  HealthFacts,
  KeyGroupFact,
  QuarantineFact,
  TestFact,
} from '@lianfang/core'
import type { Executor } from '../../db/kit.js'
import type { DB } from '../../db/schema.generated.js'
import { noFacts } from './colour.repository.js'

/** A trip while facts are being assembled: its risk level is graded once all are loaded. */
export interface TripDraft {
  readonly regionCode: string
  readonly regionName: string
  readonly arrivedAt: Date
  readonly leftAt: Date
  riskLevel: 'low' | 'medium' | 'high'
}

/** One person's facts while the sources add theirs. */
export interface FactsDraft {
  readonly cases: CaseFact[]
  readonly contacts: ContactFact[]
  readonly quarantines: QuarantineFact[]
  readonly tests: TestFact[]
  readonly trips: TripDraft[]
  readonly declarations: DeclarationFact[]
  readonly feverClinicVisits: FeverClinicFact[]
  readonly keyGroups: KeyGroupFact[]
}

/** A fact an appeal reviewer may correct (void it, or release an order). */
export interface CorrectableFact {
  readonly type: string
  readonly id: string
  readonly summary: string
  readonly at: Date
}

/**
 * What a domain contributes to health codes (#15 "facts owned by their domain"): the loader of
 * its own facts, the tables a dry run looks at, and the corrections an appeal may make. Health
 * codes computes colours from what the sources load and never reads or writes their tables.
 */
export interface FactSource {
  readonly name: string
  /** Adds the facts of these persons (one query per table for the whole batch). */
  load?(db: Executor, personIds: readonly string[], facts: FactsDrafts): Promise<void>
  /** Runs after every source has loaded (e.g. grading trips by the areas' risk levels). */
  enrich?(db: Executor, personIds: readonly string[], facts: FactsDrafts): Promise<void>
  /** A condition true for a person (`persons p`) with a live fact of this source (dry runs). */
  hasFacts?(): RawBuilder<boolean>
  /** Correction types this source applies (appeals). */
  readonly corrections?: readonly string[]
  /** The person's facts a reviewer may correct. */
  correctable?(db: Executor, personId: string): Promise<CorrectableFact[]>
  /** Applies a correction; false when `id` is not a live fact of this person. */
  correct?(tx: Transaction<DB>, personId: string, type: string, id: string, reason: string): Promise<boolean>
}

/** The drafts of a batch of persons. */
export class FactsDrafts {
  private readonly drafts = new Map<string, FactsDraft>()

  constructor(personIds: readonly string[]) {
    for (const id of personIds) this.get(id)
  }

  get(personId: string): FactsDraft {
    let f = this.drafts.get(personId)
    if (!f) {
      f = {
        cases: [],
        contacts: [],
        quarantines: [],
        tests: [],
        trips: [],
        declarations: [],
        feverClinicVisits: [],
        keyGroups: [],
      }
      this.drafts.set(personId, f)
    }
    return f
  }

  /** Every trip of the batch (for grading). */
  allTrips(): TripDraft[] {
    return [...this.drafts.values()].flatMap((f) => f.trips)
  }

  toFacts(): Map<string, HealthFacts> {
    const out = new Map<string, HealthFacts>()
    for (const [id, f] of this.drafts)
      out.set(id, {
        ...f,
        trips: f.trips.map((t) => ({
          regionCode: t.regionCode,
          regionName: t.regionName,
          leftAt: t.leftAt,
          riskLevel: t.riskLevel,
        })),
      })
    return out
  }
}

/** The registry the colour computation reads through; modules register their source when built. */
export class FactSources {
  private readonly sources: FactSource[] = []

  register(source: FactSource): void {
    if (this.sources.some((s) => s.name === source.name))
      throw new Error(`fact source ${source.name} registered twice`)
    this.sources.push(source)
  }

  names(): string[] {
    return this.sources.map((s) => s.name)
  }

  /** Assembles each person's `HealthFacts` from every source. */
  async load(db: Executor, personIds: readonly string[]): Promise<Map<string, HealthFacts>> {
    if (personIds.length === 0) return new Map()
    const drafts = new FactsDrafts(personIds)
    await Promise.all(this.sources.flatMap((s) => (s.load ? [s.load(db, personIds, drafts)] : [])))
    for (const s of this.sources) await s.enrich?.(db, personIds, drafts)
    return drafts.toFacts()
  }

  /** Conditions "has a live fact" of every source (dry runs). */
  hasFacts(): RawBuilder<boolean>[] {
    const conditions = this.sources.flatMap((s) => (s.hasFacts ? [s.hasFacts()] : []))
    return conditions.length > 0 ? conditions : [noFacts()]
  }

  async correctable(db: Executor, personId: string): Promise<CorrectableFact[]> {
    const lists = await Promise.all(
      this.sources.flatMap((s) => (s.correctable ? [s.correctable(db, personId)] : [])),
    )
    return lists.flat().sort((a, b) => b.at.getTime() - a.at.getTime())
  }

  /** The source that applies a correction type, if any. */
  correctorOf(type: string): FactSource | undefined {
    return this.sources.find((s) => s.corrections?.includes(type) === true)
  }
}
