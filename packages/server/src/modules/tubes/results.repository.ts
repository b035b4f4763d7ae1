import { sql } from 'kysely'
import { pageOffset, type Executor } from '../../db/kit.js'
import { whereInScope, type Scope } from '../../auth/scope.js'
import { ancestry } from './tubes.repository.js'

export interface TubeResultUpdate {
  readonly id: string
  readonly result: 'positive' | 'negative' | 'invalid'
  readonly ct: Readonly<Record<string, number>> | null
  readonly resultedAt: Date
}

export interface NewAlert {
  readonly regionCode: string
  readonly kind: 'pool_positive' | 'single_positive'
  readonly tubeId: string
  readonly members: number
  readonly personId: string | null
  readonly natResultId: string | null
}

const ALERT_COLUMNS = [
  'a.id',
  'a.kind',
  'a.region_code',
  'r.name as region_name',
  'a.tube_id',
  't.barcode as tube_barcode',
  'a.members',
  'a.person_id',
  'a.case_id',
  'a.created_at',
  'a.notified_at',
  'a.acknowledged_at',
] as const

/** Results of tubes and the alerts positives raise (SQL only here; one query per method). */
export class ResultsRepository {
  /** The tubes of these barcodes with the lab their shipment went to (null: never shipped), locked. */
  async tubesForResults(db: Executor, barcodes: readonly string[]) {
    if (barcodes.length === 0) return []
    return db
      .selectFrom('tubes as t')
      .leftJoin('shipments as s', 's.id', 't.shipment_id')
      .leftJoin('labs as l', 'l.id', 's.lab_id')
      .select([
        't.id',
        't.barcode',
        't.status',
        't.pool_size',
        't.region_code',
        't.registered_at',
        's.lab_id',
        'l.name as lab_name',
      ])
      .where('t.barcode', 'in', [...barcodes])
      .forUpdate('t')
      .execute()
  }

  async membersOfTubes(db: Executor, tubeIds: readonly string[]) {
    if (tubeIds.length === 0) return []
    return db
      .selectFrom('tube_members')
      .select(['tube_id', 'person_id', 'region_code'])
      .where('tube_id', 'in', [...tubeIds])
      .orderBy('tube_id')
      .orderBy('person_id')
      .execute()
  }

  /** Writes the results of many tubes in one statement (only tubes not resulted yet). */
  async setResults(db: Executor, rows: readonly TubeResultUpdate[], by: string | null): Promise<string[]> {
    if (rows.length === 0) return []
    const r = await sql<{ id: string }>`
      update tubes t set status = 'resulted', result = u.result, ct = u.ct, resulted_at = u.at, resulted_by = ${by}
        from unnest(${rows.map((x) => x.id)}::bigint[], ${rows.map((x) => x.result)}::text[],
                    ${rows.map((x) => (x.ct === null ? null : JSON.stringify(x.ct)))}::jsonb[],
                    ${rows.map((x) => x.resultedAt.toISOString())}::timestamptz[]) as u(id, result, ct, at)
       where t.id = u.id and t.status in ('shipped', 'received')
      returning t.id::text`.execute(db)
    return r.rows.map((x) => x.id)
  }

  async insertAlerts(db: Executor, rows: readonly NewAlert[]): Promise<{ id: string; tube_id: string }[]> {
    if (rows.length === 0) return []
    return db
      .insertInto('test_alerts')
      .values(
        rows.map((a) => ({
          region_code: a.regionCode,
          kind: a.kind,
          tube_id: a.tubeId,
          members: a.members,
          person_id: a.personId,
          nat_result_id: a.natResultId,
        })),
      )
      .returning(['id', 'tube_id'])
      .execute()
  }

  private alerts(db: Executor, scope: Scope) {
    return whereInScope(
      db
        .selectFrom('test_alerts as a')
        .innerJoin('tubes as t', 't.id', 'a.tube_id')
        .leftJoin('regions as r', 'r.code', 'a.region_code'),
      'a.region_code',
      scope,
    )
  }

  async listAlerts(
    db: Executor,
    scope: Scope,
    q: { unacknowledged?: boolean | undefined; page: number; pageSize: number },
  ) {
    let qb = this.alerts(db, scope)
    if (q.unacknowledged !== undefined)
      qb = qb.where('a.acknowledged_at', q.unacknowledged ? 'is' : 'is not', null)
    const [items, total] = await Promise.all([
      qb
        .select(ALERT_COLUMNS)
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(q.pageSize)
        .offset(pageOffset(q.page, q.pageSize))
        .execute(),
      qb.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items, total: Number(total.n) }
  }

  async countUnacknowledged(db: Executor, scope: Scope): Promise<number> {
    const r = await this.alerts(db, scope)
      .where('a.acknowledged_at', 'is', null)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  alertById(db: Executor, scope: Scope, id: string) {
    return this.alerts(db, scope).select(ALERT_COLUMNS).where('a.id', '=', id).executeTakeFirst()
  }

  alertRegionOf(db: Executor, id: string) {
    return db.selectFrom('test_alerts').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  async acknowledge(db: Executor, id: string, by: string): Promise<void> {
    await db
      .updateTable('test_alerts')
      .set({ acknowledged_by: by, acknowledged_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .execute()
  }

  /** An alert for its job: what to send, and who reported the tube. */
  alertForJob(db: Executor, id: string) {
    return db
      .selectFrom('test_alerts as a')
      .innerJoin('tubes as t', 't.id', 'a.tube_id')
      .leftJoin('regions as r', 'r.code', 'a.region_code')
      .leftJoin('users as u', 'u.id', 't.resulted_by')
      .select([
        'a.id',
        'a.kind',
        'a.region_code',
        'r.name as region_name',
        'a.members',
        'a.person_id',
        'a.case_id',
        'a.notified_at',
        't.barcode',
        't.resulted_at',
        't.registered_at as sampled_at',
        'u.id as user_id',
        'u.username',
        'u.display_name',
      ])
      .where('a.id', '=', id)
      .executeTakeFirst()
  }

  async setAlertCase(db: Executor, id: string, caseId: string): Promise<void> {
    await db.updateTable('test_alerts').set({ case_id: caseId }).where('id', '=', id).execute()
  }

  async setNotified(db: Executor, id: string): Promise<void> {
    await db
      .updateTable('test_alerts')
      .set({ notified_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
  }

  /**
   * The epidemiologists whose region covers the alert's (its region or an ancestor), with the phone
   * of the person record their account is linked to: who is texted.
   */
  epidemiologistPhones(db: Executor, regionCode: string) {
    return db
      .selectFrom('users as u')
      .innerJoin('persons as p', 'p.id', 'u.person_id')
      .select(['u.id', 'p.phone'])
      .where('u.role', '=', 'epidemiologist')
      .where('u.disabled', '=', false)
      .where('u.region_code', 'in', ancestry(regionCode))
      .where('p.phone', 'is not', null)
      .execute()
  }
}
