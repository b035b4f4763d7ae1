import { sql } from 'kysely'
import type { Executor } from '../../db/kit.js'

/** A result as the LR1 signer and the results lists need it. */
export interface ResultRow {
  id: string
  sampled_at: Date
  /** When it was reported: its own time, else its tube's, else when it was recorded. */
  resulted_at: Date
  result: 'positive' | 'negative' | 'pending'
  pooled: boolean
  lab: string | null
  voided: boolean
  status_index: number
  source_issuer: string | null
  source_region: string | null
  source_qr: string | null
}

/** An imported result: another node's signed LR1, attached to a person here. */
export interface ImportedResult {
  readonly personId: string
  readonly regionCode: string
  readonly sampledAt: Date
  readonly resultedAt: Date
  readonly result: 'positive' | 'negative'
  readonly pooled: boolean
  readonly lab: string | null
  readonly enteredBy: string
  readonly issuer: string
  readonly resultId: string
  readonly issuerRegion: string
  readonly kid: string
  readonly qr: string
}

/** SQL of signed results (LR1): the testing module's `nat_results`, read for signing and imported into. */
export class SignedResultsRepository {
  /** A person's results, newest sample first (at most `limit`), voided ones included. */
  async resultsOf(db: Executor, personId: string, limit: number): Promise<ResultRow[]> {
    const r = await sql<ResultRow>`
      select n.id::text, n.sampled_at, coalesce(n.resulted_at, t.resulted_at, n.created_at) as resulted_at,
             n.result, n.pooled, coalesce(n.lab_name, l.name) as lab, n.voided_at is not null as voided,
             n.status_index, n.source_issuer, n.source_region, n.source_qr
        from nat_results n
        left join tubes t on t.id = n.tube_id
        left join shipments s on s.id = t.shipment_id
        left join labs l on l.id = s.lab_id
       where n.person_id = ${personId}
       order by n.sampled_at desc, n.id desc
       limit ${limit}`.execute(db)
    return r.rows.map((x) => ({
      ...x,
      sampled_at: new Date(x.sampled_at),
      resulted_at: new Date(x.resulted_at),
    }))
  }

  /** What a person's LR1 carries besides the result: region, name (to mask) and LF1 subject id. */
  person(db: Executor, personId: string) {
    return db
      .selectFrom('persons as p')
      .leftJoin('health_codes as h', 'h.person_id', 'p.id')
      .select(['p.id', 'p.region_code', 'p.name', 'h.subject_id'])
      .where('p.id', '=', personId)
      .executeTakeFirst()
  }

  /** The id of a result already imported from `issuer` (any person's). */
  imported(db: Executor, issuer: string, resultId: string) {
    return db
      .selectFrom('nat_results')
      .select(['id', 'person_id'])
      .where('source_issuer', '=', issuer)
      .where('source_result_id', '=', resultId)
      .executeTakeFirst()
  }

  /** Stores an imported result; null when the same (issuer, result id) came in meanwhile. */
  async insertImported(db: Executor, r: ImportedResult): Promise<string | null> {
    const row = await db
      .insertInto('nat_results')
      .values({
        person_id: r.personId,
        region_code: r.regionCode,
        sampled_at: r.sampledAt,
        resulted_at: r.resultedAt,
        result: r.result,
        pooled: r.pooled,
        lab_name: r.lab,
        entered_by: r.enteredBy,
        source_issuer: r.issuer,
        source_result_id: r.resultId,
        source_region: r.issuerRegion,
        source_kid: r.kid,
        source_qr: r.qr,
      })
      .onConflict((oc) =>
        oc.columns(['source_issuer', 'source_result_id']).where('source_issuer', 'is not', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst()
    return row?.id ?? null
  }

  /** The status index of a result (its LR1 bit), for revoking it when it is voided. */
  statusIndexOf(db: Executor, id: string) {
    return db.selectFrom('nat_results').select('status_index').where('id', '=', id).executeTakeFirst()
  }
}
