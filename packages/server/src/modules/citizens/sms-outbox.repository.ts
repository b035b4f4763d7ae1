import { type Scope, scopeCondition } from '../../auth/scope.js'
import { type Executor, pageOffset } from '../../db/kit.js'

export interface NewSmsRow {
  readonly phone: string
  readonly body: string
  readonly sender: string
  /** The region whose admins may read the message; null: the node's operators only. */
  readonly region_code: string | null
}

/**
 * SQL of the development SMS outbox; one query per method (STYLE.md §5). Reads take the
 * reader's `Scope` (#15): messages to numbers of their region's subtree, and — when
 * `withUnregioned` (the node's operators) — messages to numbers tied to no region.
 */
export class SmsOutboxRepository {
  async insert(db: Executor, row: NewSmsRow): Promise<void> {
    await db.insertInto('sms_outbox').values(row).execute()
  }

  private visible(db: Executor, scope: Scope, withUnregioned: boolean) {
    return db.selectFrom('sms_outbox').where((eb) => {
      const inRegion = scopeCondition(eb, 'region_code', scope)
      return withUnregioned ? eb.or([inRegion, eb('region_code', 'is', null)]) : inRegion
    })
  }

  /** A page of the visible messages, newest first. */
  list(db: Executor, scope: Scope, withUnregioned: boolean, page: number, pageSize: number) {
    return this.visible(db, scope, withUnregioned)
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  async count(db: Executor, scope: Scope, withUnregioned: boolean): Promise<number> {
    const row = await this.visible(db, scope, withUnregioned)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
}
