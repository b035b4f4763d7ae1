import { Type, type Static } from '@sinclair/typebox'
import { DateTimeString, RegionCode } from './common.schema.js'

const strict = { additionalProperties: false } as const

/** The largest file an import takes, in bytes (the server refuses more with 413). */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024

/** An import's kind in URLs: `persons`, later `lab-results`, `manifests`, … */
export const ImportKindParams = Type.Object(
  { kind: Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }) },
  strict,
)
export type ImportKindParams = Static<typeof ImportKindParams>

export const ImportPreviewParams = Type.Object({ previewId: Type.String({ format: 'uuid' }) }, strict)
export type ImportPreviewParams = Static<typeof ImportPreviewParams>

/**
 * An uploaded file: the edge takes JSON bodies only, so its bytes come base64-encoded. CSV
 * (UTF-8) or Excel `.xlsx` (the first sheet), told apart by content, not by the name.
 */
export const ImportUploadBody = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255 }),
    contentBase64: Type.String({ minLength: 1, maxLength: Math.ceil(IMPORT_MAX_BYTES / 3) * 4 }),
    /** The region for rows that name none (default: the uploader's own). */
    regionCode: Type.Optional(RegionCode),
  },
  strict,
)
export type ImportUploadBody = Static<typeof ImportUploadBody>

/**
 * One row problem: the row number as the user sees it (the line of a CSV, the row of a sheet),
 * the column as written in the file, and a stable code (`required`, `invalidFormat`,
 * `duplicateInFile`, `personExists`, `regionNotFound`, …; docs/imports.md lists them).
 */
export const ImportRowIssue = Type.Object({
  row: Type.Integer(),
  column: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  detail: Type.Union([Type.String(), Type.Null()]),
})
export type ImportRowIssue = Static<typeof ImportRowIssue>

export const ImportSampleRow = Type.Object({
  row: Type.Integer(),
  values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
})
export type ImportSampleRow = Static<typeof ImportSampleRow>

export const ImportPreview = Type.Object({
  previewId: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  filename: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  digest: Type.String({ description: 'SHA-256 of the file, hex' }),
  rowCount: Type.Integer({ description: 'data rows in the file' }),
  validCount: Type.Integer({ description: 'rows a confirmation would import' }),
  issueCount: Type.Integer(),
  issues: Type.Array(ImportRowIssue, { description: 'the first 1,000 row problems' }),
  ignoredColumns: Type.Array(Type.String()),
  sample: Type.Array(ImportSampleRow, { description: 'the first valid rows, as they will be imported' }),
  expiresAt: DateTimeString,
})
export type ImportPreview = Static<typeof ImportPreview>

export const ImportResult = Type.Object({
  previewId: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  inserted: Type.Integer(),
  skipped: Type.Integer({ description: 'valid rows not inserted at confirmation (see issues)' }),
  issues: Type.Array(ImportRowIssue),
})
export type ImportResult = Static<typeof ImportResult>
