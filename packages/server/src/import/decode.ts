/**
 * Decoders of uploaded tables: CSV (UTF-8, with or without a byte-order mark) and Excel `.xlsx`
 * (the first worksheet). They turn bytes into a header and rows of text cells, and report what
 * is wrong with a record as a per-row issue rather than failing the file; only a file that is
 * not a table at all (another encoding, a legacy `.xls`, a ZIP bomb) is refused, with a
 * `DomainError` that says what to do.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { DomainError } from '@lianfang/core'
import { isStorableText } from '../http/edge.js'
import type { RowIssue } from './import.types.js'

export interface DecodeLimits {
  /** Largest accepted file, in bytes. */
  readonly maxBytes: number
  /** Most data rows (the header not counted). */
  readonly maxRows: number
  /** Largest total uncompressed size of an `.xlsx` (a ZIP): a guard against ZIP bombs. */
  readonly maxUnzippedBytes: number
}

export const DEFAULT_LIMITS: DecodeLimits = {
  maxBytes: 8 * 1024 * 1024,
  maxRows: 20_000,
  maxUnzippedBytes: 128 * 1024 * 1024,
}

/** One data row: its row number as the user sees it (line in a CSV, row in the sheet), and cells. */
export interface RawRow {
  readonly row: number
  readonly cells: readonly string[]
}

export interface RawTable {
  readonly format: 'csv' | 'xlsx'
  readonly header: readonly string[]
  readonly rows: readonly RawRow[]
  /** Records that could not be read (bad quoting, unstorable text, a mangled number). */
  readonly issues: readonly RowIssue[]
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b)
}

/** Reads a table from an uploaded file; the format is told by its bytes, not its name. */
export async function decodeTable(
  bytes: Uint8Array,
  limits: DecodeLimits = DEFAULT_LIMITS,
): Promise<RawTable> {
  if (bytes.length > limits.maxBytes) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `the file is ${String(bytes.length)} bytes; at most ${String(limits.maxBytes)} are accepted — split it`,
      { maxBytes: limits.maxBytes },
    )
  }
  if (bytes.length === 0) throw new DomainError('VALIDATION_FAILED', 'the file is empty')
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'this is a legacy Excel 97-2003 (.xls) file; save it as .xlsx or as "CSV UTF-8" and upload again',
      { format: 'xls' },
    )
  }
  if (startsWith(bytes, ZIP_MAGIC)) return decodeXlsx(bytes, limits)
  return decodeCsv(bytes, limits)
}

/** The text of a CSV file: UTF-8 only (a BOM is dropped); UTF-16 and GBK are refused by name. */
export function csvText(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'the file is UTF-16 text; save it as "CSV UTF-8" (or .xlsx) and upload again',
      { encoding: 'utf-16' },
    )
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'the file is not UTF-8 text (a CSV saved as GBK/GB18030 or ANSI, or not a CSV at all); save it as "CSV UTF-8" or .xlsx and upload again',
      { encoding: 'not-utf-8' },
    )
  }
}

interface CsvRecord {
  readonly record: string[]
  readonly info: { readonly lines: number }
}

function decodeCsv(bytes: Uint8Array, limits: DecodeLimits): RawTable {
  const text = csvText(bytes)
  const issues: RowIssue[] = []
  const badLines = new Set<number>()
  let records: CsvRecord[]
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: { lines?: number; code?: string } | undefined) => {
        const line = err?.lines ?? 0
        if (badLines.has(line)) return
        badLines.add(line)
        issues.push({ row: line, column: null, code: 'malformedRecord', detail: err?.code ?? null })
      },
    }) as unknown as CsvRecord[]
  } catch (e) {
    // With skip_records_with_error csv-parse reports bad records through on_skip; what still
    // throws is an option or state error, which is a file the parser cannot read at all.
    throw new DomainError(
      'VALIDATION_FAILED',
      `the CSV file cannot be read: ${(e as Error).message.slice(0, 200)}`,
    )
  }
  const [head, ...body] = records
  if (!head) throw new DomainError('VALIDATION_FAILED', 'the file has no header row')
  if (body.length > limits.maxRows) throw tooManyRows(body.length, limits)
  const rows: RawRow[] = []
  for (const { record, info } of body) {
    // csv-parse counts the line a record ends on; a quoted cell may span lines.
    const spanned = record.reduce((n, c) => n + (c.split('\n').length - 1), 0)
    const row = info.lines - spanned
    if (record.every((c) => c.trim() === '')) continue
    const bad = record.findIndex((c) => !isStorableText(c))
    if (bad >= 0) {
      issues.push({ row, column: head.record[bad] ?? null, code: 'textNotStorable', detail: null })
      continue
    }
    rows.push({ row, cells: record })
  }
  return { format: 'csv', header: head.record, rows, issues: issues.sort((a, b) => a.row - b.row) }
}

function tooManyRows(n: number, limits: DecodeLimits): DomainError {
  return new DomainError(
    'PAYLOAD_TOO_LARGE',
    `the file has ${String(n)} data rows; at most ${String(limits.maxRows)} are accepted in one import — split it`,
    { maxRows: limits.maxRows },
  )
}

/**
 * The total uncompressed size a ZIP declares in its central directory (APPNOTE.TXT 4.3.12,
 * 4.3.16), read before anything is inflated; `undefined` when the directory cannot be found.
 */
export function zipDeclaredSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end-of-central-directory record is in the last 22 + 65,535 bytes.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue
    const entries = view.getUint16(i + 10, true)
    let at = view.getUint32(i + 16, true)
    let total = 0
    for (let n = 0; n < entries; n++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined
      const size = view.getUint32(at + 24, true)
      // 0xFFFFFFFF: a ZIP64 size; no spreadsheet within our limits needs one.
      if (size === 0xffffffff) return Number.POSITIVE_INFINITY
      total += size
      at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    }
    return total
  }
  return undefined
}

type CellValue = ExcelJS.CellValue

/**
 * A cell's text as the sheet shows its value. A formula is read as its cached result, never
 * evaluated; rich text is joined; a date is `YYYY-MM-DD` (or an ISO instant when it has a time).
 */
function cellText(value: CellValue): { text: string; problem?: 'numberPrecisionLost' | 'cellError' } {
  if (value === null || value === undefined) return { text: '' }
  if (typeof value === 'string') return { text: value }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' }
  if (typeof value === 'number') {
    // An 18-digit ID number typed as a number has already lost its last digits in Excel.
    if (!Number.isSafeInteger(value) && Number.isInteger(value))
      return { text: String(value), problem: 'numberPrecisionLost' }
    return { text: String(value) }
  }
  if (value instanceof Date) {
    const iso = value.toISOString()
    return { text: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso }
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') }
  if ('error' in value) return { text: '', problem: 'cellError' }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    if (result !== null && typeof result === 'object' && 'error' in result)
      return { text: '', problem: 'cellError' }
    return cellText((result ?? null) as CellValue)
  }
  if ('text' in value) {
    const t = (value as { text: unknown }).text
    return typeof t === 'string' ? { text: t } : cellText(t as CellValue)
  }
  return { text: '' }
}

async function decodeXlsx(bytes: Uint8Array, limits: DecodeLimits): Promise<RawTable> {
  const declared = zipDeclaredSize(bytes)
  if (declared === undefined)
    throw new DomainError('VALIDATION_FAILED', 'the file is not a readable .xlsx workbook')
  if (declared > limits.maxUnzippedBytes) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `the workbook unpacks to ${String(declared)} bytes; at most ${String(limits.maxUnzippedBytes)} are accepted`,
    )
  }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
    )
  } catch (e) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `the file is not a readable .xlsx workbook: ${(e as Error).message.slice(0, 200)}`,
    )
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new DomainError('VALIDATION_FAILED', 'the workbook has no worksheet')
  if (sheet.actualRowCount - 1 > limits.maxRows) throw tooManyRows(sheet.actualRowCount - 1, limits)
  let header: string[] | undefined
  const rows: RawRow[] = []
  const issues: RowIssue[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as CellValue[] // 1-based: index 0 is empty
    const cells: string[] = []
    let problem: RowIssue | undefined
    for (let c = 1; c < values.length; c++) {
      const { text, problem: p } = cellText(values[c])
      cells.push(text)
      if (p && !problem) problem = { row: rowNumber, column: header?.[c - 1] ?? null, code: p, detail: null }
      if (!problem && !isStorableText(text)) {
        problem = { row: rowNumber, column: header?.[c - 1] ?? null, code: 'textNotStorable', detail: null }
      }
    }
    if (header === undefined) {
      header = cells
      return
    }
    if (cells.every((c) => c.trim() === '')) return
    if (problem) issues.push(problem)
    else rows.push({ row: rowNumber, cells })
  })
  if (!header) throw new DomainError('VALIDATION_FAILED', 'the first worksheet has no header row')
  return { format: 'xlsx', header, rows, issues }
}
