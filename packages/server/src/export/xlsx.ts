/**
 * Every Excel file the server hands out goes through here: one worksheet, a header row, text
 * cells written as text (an ID number stays `420106…`, never a number that loses digits) and
 * neutralised against formula injection exactly as in CSV (`neutraliseCell`): a cell is never a
 * formula here, but a user who edits it or saves the sheet as CSV must not get one either.
 */
import ExcelJS from 'exceljs'
import { neutraliseCell, type CsvValue } from './csv.js'

/** A whole `.xlsx` workbook: one sheet, a bold header row, text as text and numbers as numbers. */
export async function toXlsx(
  columns: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  sheetName = 'export',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31))
  const cell = (v: CsvValue): string | number | null =>
    v === null || v === undefined ? null : typeof v === 'number' ? v : neutraliseCell(v)
  sheet.addRow(columns.map(neutraliseCell)).font = { bold: true }
  for (const r of rows) sheet.addRow(r.map(cell))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
