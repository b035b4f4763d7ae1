import type { Static, TObject } from '@sinclair/typebox'
import type { Transaction } from 'kysely'
import type { Permission } from '@lianfang/core'
import type { DB } from '../db/schema.generated.js'
import type { SessionUser } from '../auth/session-user.js'
import type { SystemActor } from '../audit/audit.service.js'

/**
 * What is wrong with one row: its row number as the user sees it, the column (its header as
 * written in the file) when one is to blame, and a stable code the console translates.
 */
export interface RowIssue {
  readonly row: number
  readonly column: string | null
  readonly code: string
  /** A short machine detail (the schema keyword, the parser's code); never personal data. */
  readonly detail: string | null
}

/** A validated row and where it came from. */
export interface ImportRow<T> {
  readonly row: number
  readonly value: T
}

/** Who imports, and the region subtree the rows must stay in. */
export interface ImportContext {
  readonly actor: SessionUser | SystemActor
  /** The root of the importer's scope: every row's region must be in its subtree. */
  readonly scopeRegion: string
  /** The region a row without one is put in (the CLI's `--region`, the console's choice). */
  readonly defaultRegion: string
}

export interface BatchResult {
  /** Ids of what the batch created, in row order. */
  readonly ids: readonly string[]
  /** Rows the batch did not insert (a duplicate already registered, …). */
  readonly issues: readonly RowIssue[]
}

/**
 * A domain's import (see docs/imports.md): the row schema gives validation and types; the
 * header aliases map the column names people write (zh-CN and en) to fields; `check` finds
 * per-row problems that need the database (run at preview and again at confirm); `insertBatch`
 * writes one batch inside the import's transaction.
 */
export interface ImportDefinition<S extends TObject = TObject> {
  /** The kind in URLs and audit records: lower-case words with dashes (`persons`, `lab-results`). */
  readonly name: string
  readonly rowSchema: S
  readonly permission: Permission
  /** Fields that identify a row: two rows of one file with the same key are both reported. */
  readonly keyColumns?: readonly (keyof Static<S> & string)[]
  /** Column header (any case, spaces ignored) → field of the row schema. */
  readonly headerAliases: Readonly<Record<string, keyof Static<S> & string>>
  readonly check?: (
    tx: Transaction<DB>,
    rows: readonly ImportRow<Static<S>>[],
    ctx: ImportContext,
  ) => Promise<readonly RowIssue[]>
  readonly insertBatch: (
    tx: Transaction<DB>,
    rows: readonly ImportRow<Static<S>>[],
    ctx: ImportContext,
  ) => Promise<BatchResult>
}
