import { assertEventTime, assertNotBeforeOnset } from '@lianfang/core'
import type { AntibodyResultBody, FactCreated, NatResultBody } from '@lianfang/contracts'
import type { SessionUser } from '../../auth/session-user.js'
import type { Executor } from '../../db/kit.js'
import type { FactWriter } from '../health-codes/index.js'
import { openCaseOnset } from './case-onset.repository.js'
import {
  antibodyResults,
  individualResults,
  insertAntibodyResult,
  insertResult,
  insertTubeResults,
  type NewResult,
  type NewTubeResult,
} from './testing.repository.js'

/**
 * Nucleic-acid tests and their results: the testing domain owns them (#17 grows it into key
 * groups' schedules, campaigns, pools and labs). Other domains record or read results here.
 */
export class TestingService {
  constructor(
    private readonly writer: FactWriter,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  recordNatResult(user: SessionUser, body: NatResultBody): Promise<FactCreated> {
    const sampled = new Date(body.sampledAt)
    assertEventTime('sampledAt', sampled, this.clock())
    return this.writer.change(user, body.personId, 'fact.nat_result', (tx, p) =>
      insertResult(tx, {
        personId: p.id,
        regionCode: p.region_code,
        sampledAt: sampled,
        result: body.result,
        pooled: body.pooled ?? false,
        labName: body.labName ?? null,
        enteredBy: user.id,
      }),
    )
  }

  /**
   * A serum IgM/IgG result, entered like a NAT result (nat:enter, the person in the user's scope,
   * audited). Any past sample is stored: whether it counts for excluding a suspected case (≥ 7 days
   * after onset, CASE.SUSPECT.EXCLUDE) is the case's check to say, not the lab's.
   */
  recordAntibodyResult(user: SessionUser, body: AntibodyResultBody): Promise<FactCreated> {
    const sampled = new Date(body.sampledAt)
    assertEventTime('sampledAt', sampled, this.clock())
    return this.writer.change(user, body.personId, 'fact.antibody_result', async (tx, p) => {
      const onset = await openCaseOnset(tx, p.id)
      if (onset !== null) assertNotBeforeOnset('sampledAt', sampled, onset)
      return insertAntibodyResult(tx, {
        personId: p.id,
        regionCode: p.region_code,
        sampledAt: sampled,
        igm: body.igm,
        igg: body.igg,
        labName: body.labName ?? null,
        enteredBy: user.id,
      })
    })
  }

  // --- ports for other domains (inside their transactions; they audit and enqueue) ---

  /** Records a result in the caller's transaction (e.g. a follow-up's 复阳 test). */
  recordIn(tx: Executor, result: NewResult): Promise<string> {
    return insertResult(tx, result)
  }

  /**
   * Records the results of many persons from resulted tubes in the caller's transaction, in one
   * statement (#17: a lab's results import); the caller enqueues the colour recompute.
   */
  recordManyIn(
    tx: Executor,
    rows: readonly NewTubeResult[],
  ): Promise<{ id: string; person_id: string; tube_id: string }[]> {
    return insertTubeResults(tx, rows)
  }

  /** A person's live individual results (discharge, release and exclusion criteria). */
  individualResults(db: Executor, personId: string): Promise<{ sampled_at: Date; result: string }[]> {
    return individualResults(db, personId)
  }

  /** A person's live serum antibody results, newest first (exclusion of a suspected case). */
  antibodyResults(
    db: Executor,
    personId: string,
  ): Promise<{ sampled_at: Date; igm: 'positive' | 'negative'; igg: 'positive' | 'negative' }[]> {
    return antibodyResults(db, personId)
  }
}
