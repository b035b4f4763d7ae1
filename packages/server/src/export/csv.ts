/**
 * Every CSV file the server hands out goes through here: RFC 4180 with CRLF line ends, UTF-8 with a
 * byte-order mark (so spreadsheet programs read the Chinese right), and every text cell neutralised
 * against formula injection.
 */
import { stringify } from 'csv-stringify/sync'

/**
 * The characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection": `=`, `+`,
 * `-`, `@`, tab and carriage return at the start), and their full-width forms (U+FF1D, U+FF0B,
 * U+FF0D, U+FF20), which some spreadsheet programs fold to ASCII on input.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * A text cell as a spreadsheet must show it: one that would start a formula gets a leading single
 * quote (`'=HYPERLINK(…)` is shown as text, never evaluated). Everything else is left exactly as is.
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** A cell value: text is neutralised; numbers are written as numbers; null and undefined as empty. */
export type CsvValue = string | number | null | undefined

/** A whole CSV document (BOM, header row, CRLF records) with every text cell neutralised. */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const cell = (v: CsvValue): string =>
    v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : neutraliseCell(v)
  return (
    '\uFEFF' +
    stringify(
      rows.map((r) => r.map(cell)),
      {
        header: true,
        columns: columns.map(neutraliseCell),
        eof: true,
        record_delimiter: 'windows',
        // With a CRLF record delimiter csv-stringify quotes neither a bare LF nor a bare CR in a
        // cell: the cell would break into two records, and the second could start a formula.
        quoted_match: /[\r\n]/,
      },
    )
  )
}
