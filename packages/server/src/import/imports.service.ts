import { createHash, randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import { can, DomainError } from '@lianfang/core'
import type { ImportPreview, ImportResult } from '@lianfang/contracts'
import type { Database } from '../db/database.js'
import type { DB } from '../db/schema.generated.js'
import type { PiiCipher } from '../crypto/pii-cipher.js'
import type { AuditService, SystemActor } from '../audit/audit.service.js'
import type { SessionUser } from '../auth/session-user.js'
import type { Scope } from '../auth/scope.js'
import { decodeTable, DEFAULT_LIMITS, type DecodeLimits } from './decode.js'
import { mapRows, type DefinedImport } from './define-import.js'
import { ImportsRepository } from './imports.repository.js'
import type { ImportContext, ImportRow, RowIssue } from './import.types.js'

export interface ImportFile {
  readonly filename: string
  readonly bytes: Uint8Array
}

export interface ImportOptions {
  readonly limits?: DecodeLimits
  /** Rows per `insertBatch` call. */
  readonly batchSize?: number
  /** How long a preview can be confirmed. */
  readonly previewMinutes?: number
}

/** What a file gives before anything is written: valid rows, every row problem, counts. */
export interface Analysis {
  readonly format: 'csv' | 'xlsx'
  readonly digest: string
  readonly rowCount: number
  readonly rows: readonly ImportRow<Record<string, unknown>>[]
  readonly issues: readonly RowIssue[]
  readonly ignoredColumns: readonly string[]
  /** Field → its column header in the file (a domain's row issues name fields; users read headers). */
  readonly headers: Readonly<Record<string, string>>
}

/** A domain's issue names a field; the user reads the column header they wrote. */
function inFileTerms(headers: Readonly<Record<string, string>>, issues: readonly RowIssue[]): RowIssue[] {
  return issues.map((i) =>
    i.column !== null && headers[i.column] ? { ...i, column: headers[i.column] ?? i.column } : i,
  )
}

export interface RunResult {
  readonly analysis: Analysis
  readonly inserted: number
  readonly issues: readonly RowIssue[]
}

export type Progress = (done: number, total: number) => void

const SAMPLE_ROWS = 20
const ISSUES_LISTED = 1000
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Strict base64 (RFC 4648 §4): `Buffer.from` would silently skip anything else. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new DomainError('VALIDATION_FAILED', 'contentBase64 is not base64 (RFC 4648, with padding)', [
      { path: 'body/contentBase64', message: 'not base64' },
    ])
  }
  return Buffer.from(text, 'base64')
}

/**
 * The tabular import pipeline (docs/imports.md): file → rows checked against the domain's schema
 * → a preview kept for its uploader → confirmation, which inserts every valid row in batches in
 * ONE transaction with one audit record; if any of it fails, nothing of the import remains.
 */
export class ImportsService {
  private readonly repo = new ImportsRepository()
  private readonly byKind: ReadonlyMap<string, DefinedImport>
  private readonly limits: DecodeLimits
  private readonly batchSize: number
  private readonly previewMs: number

  constructor(
    private readonly database: Database,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    imports: readonly DefinedImport[],
    options: ImportOptions = {},
  ) {
    this.byKind = new Map(imports.map((d) => [d.name, d]))
    if (this.byKind.size !== imports.length) throw new Error('two imports share a name')
    this.limits = options.limits ?? DEFAULT_LIMITS
    this.batchSize = options.batchSize ?? 500
    this.previewMs = (options.previewMinutes ?? 30) * 60_000
  }

  kinds(): readonly string[] {
    return [...this.byKind.keys()]
  }

  private definition(kind: string): DefinedImport {
    const def = this.byKind.get(kind)
    if (!def)
      throw new DomainError('NOT_FOUND', `there is no import of kind ${kind}`, { kinds: this.kinds() })
    return def
  }

  private permitted(user: SessionUser, def: DefinedImport): void {
    if (!can(user.role, def.permission)) {
      throw new DomainError('FORBIDDEN', `importing ${def.name} needs the permission ${def.permission}`)
    }
  }

  /** Decodes, maps, validates and checks a file against the database; writes nothing. */
  async analyse(def: DefinedImport, file: ImportFile, ctx: ImportContext): Promise<Analysis> {
    const digest = createHash('sha256').update(file.bytes).digest('hex')
    const table = await decodeTable(file.bytes, this.limits)
    const mapped = mapRows(def, table)
    let rows = mapped.rows
    let issues = mapped.issues
    if (def.check && rows.length > 0) {
      const check = def.check
      const found = inFileTerms(
        mapped.headers,
        await this.database.db.transaction().execute((tx) => check(tx, rows, ctx)),
      )
      const bad = new Set(found.map((i) => i.row))
      rows = rows.filter((r) => !bad.has(r.row))
      issues = [...issues, ...found].sort((a, b) => a.row - b.row)
    }
    return {
      format: table.format,
      digest,
      rowCount: mapped.rowCount,
      rows,
      issues,
      ignoredColumns: mapped.ignoredColumns,
      headers: mapped.headers,
    }
  }

  /** Step one over HTTP: checks the file and keeps its valid rows (encrypted) for confirmation. */
  async preview(
    user: SessionUser,
    scope: Scope,
    kind: string,
    file: ImportFile,
    regionCode?: string,
  ): Promise<ImportPreview> {
    const def = this.definition(kind)
    this.permitted(user, def)
    const defaultRegion = regionCode ?? user.regionCode
    scope.assert(defaultRegion, `region ${defaultRegion}`)
    const analysis = await this.analyse(def, file, {
      actor: user,
      scopeRegion: user.regionCode,
      defaultRegion,
    })
    const id = randomUUID()
    const expiresAt = new Date(Date.now() + this.previewMs)
    await this.database.db.transaction().execute(async (tx) => {
      await this.repo.purgeExpired(tx)
      await this.repo.insertPreview(tx, {
        id,
        kind,
        user_id: user.id,
        region_code: user.regionCode,
        filename: file.filename,
        digest: analysis.digest,
        row_count: analysis.rowCount,
        valid_count: analysis.rows.length,
        rows_enc: this.cipher.encrypt(
          JSON.stringify({ defaultRegion, headers: analysis.headers, rows: analysis.rows }),
        ),
        expires_at: expiresAt,
      })
      // A preview tells which identity documents are already registered: audited as a lookup.
      await this.audit.append(tx, user, {
        action: `import.${def.name}.preview`,
        targetType: 'import',
        targetId: id,
        details: {
          kind: def.name,
          filename: file.filename,
          sha256: analysis.digest,
          rows: analysis.rowCount,
          valid: analysis.rows.length,
          issues: analysis.issues.length,
        },
      })
    })
    return {
      previewId: id,
      kind,
      filename: file.filename,
      format: analysis.format,
      digest: analysis.digest,
      rowCount: analysis.rowCount,
      validCount: analysis.rows.length,
      issueCount: analysis.issues.length,
      issues: analysis.issues.slice(0, ISSUES_LISTED),
      ignoredColumns: [...analysis.ignoredColumns],
      sample: analysis.rows
        .slice(0, SAMPLE_ROWS)
        .map((r) => ({ row: r.row, values: r.value as Record<string, string> })),
      expiresAt: expiresAt.toISOString(),
    }
  }

  /**
   * Step two: imports the preview's valid rows. Only its uploader can, within their region,
   * before it expires, once; another user's (or an unknown) preview id is not found.
   */
  async confirm(user: SessionUser, scope: Scope, previewId: string): Promise<ImportResult> {
    return this.database.db.transaction().execute(async (tx) => {
      const preview = await this.repo.findOpenForUpdate(tx, scope, previewId, user.id)
      if (!preview?.rows_enc) {
        throw new DomainError(
          'NOT_FOUND',
          `import preview ${previewId} does not exist, has expired or was confirmed`,
        )
      }
      const def = this.definition(preview.kind)
      this.permitted(user, def)
      scope.assert(preview.region_code, `import preview ${previewId}`)
      const stored = JSON.parse(this.cipher.decrypt(preview.rows_enc)) as {
        defaultRegion: string
        headers: Record<string, string>
        rows: ImportRow<Record<string, unknown>>[]
      }
      const ctx: ImportContext = {
        actor: user,
        scopeRegion: user.regionCode,
        defaultRegion: stored.defaultRegion,
      }
      const inserted = await this.insertAll(tx, def, stored.rows, ctx)
      const { ids } = inserted
      const issues = inFileTerms(stored.headers, inserted.issues)
      await this.repo.markConfirmed(tx, previewId, ids.length)
      await this.audit.append(tx, user, {
        action: `import.${def.name}`,
        targetType: 'import',
        targetId: previewId,
        details: {
          kind: def.name,
          filename: preview.filename,
          sha256: preview.digest,
          rows: preview.row_count,
          inserted: ids.length,
          skipped: issues.length,
          ids,
        },
      })
      return {
        previewId,
        kind: def.name,
        inserted: ids.length,
        skipped: issues.length,
        issues: issues.slice(0, ISSUES_LISTED),
      }
    })
  }

  /**
   * The CLI's one step: analyse, then (unless `dryRun`) insert in one transaction with one audit
   * record. The operator running it is the actor; `scopeRegion` bounds the rows.
   */
  async run(
    actor: SystemActor,
    kind: string,
    file: ImportFile,
    options: { scopeRegion: string; defaultRegion?: string; dryRun?: boolean; onProgress?: Progress },
  ): Promise<RunResult> {
    const def = this.definition(kind)
    const ctx: ImportContext = {
      actor,
      scopeRegion: options.scopeRegion,
      defaultRegion: options.defaultRegion ?? options.scopeRegion,
    }
    const analysis = await this.analyse(def, file, ctx)
    if (options.dryRun || analysis.rows.length === 0) return { analysis, inserted: 0, issues: [] }
    return this.database.db.transaction().execute(async (tx) => {
      const inserted = await this.insertAll(tx, def, analysis.rows, ctx, options.onProgress)
      const { ids } = inserted
      const issues = inFileTerms(analysis.headers, inserted.issues)
      await this.audit.append(tx, actor, {
        action: `import.${def.name}`,
        targetType: 'import',
        details: {
          kind: def.name,
          filename: file.filename,
          sha256: analysis.digest,
          rows: analysis.rowCount,
          inserted: ids.length,
          skipped: issues.length,
          ids,
        },
      })
      return { analysis, inserted: ids.length, issues }
    })
  }

  /** Every batch inside the caller's transaction: a failing batch rolls back the whole import. */
  private async insertAll(
    tx: Transaction<DB>,
    def: DefinedImport,
    rows: readonly ImportRow<Record<string, unknown>>[],
    ctx: ImportContext,
    onProgress?: Progress,
  ): Promise<{ ids: string[]; issues: RowIssue[] }> {
    const ids: string[] = []
    const issues: RowIssue[] = []
    for (let i = 0; i < rows.length; i += this.batchSize) {
      const result = await def.insertBatch(tx, rows.slice(i, i + this.batchSize), ctx)
      ids.push(...result.ids)
      issues.push(...result.issues)
      onProgress?.(Math.min(i + this.batchSize, rows.length), rows.length)
    }
    return { ids, issues }
  }
}
