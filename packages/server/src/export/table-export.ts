/**
 * One way for a route to answer a table as a file: `?format=csv` (the default) or
 * `?format=xlsx`, with the right type and a download name.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { toCsv, type CsvValue } from './csv.js'
import { toXlsx } from './xlsx.js'

export const ExportFormatSchema = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], {
  description: 'csv (UTF-8 with BOM, the default) or xlsx',
})
export type ExportFormat = Static<typeof ExportFormatSchema>

/** The query property a route adds to offer both formats. */
export const ExportFormatQuery = { format: Type.Optional(ExportFormatSchema) }

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export interface ExportTable {
  readonly columns: readonly string[]
  readonly rows: readonly (readonly CsvValue[])[]
}

/**
 * `table` as the body of `<basename>.csv` or `<basename>.xlsx` (basename: ASCII letters, digits,
 * `-`), with the reply's type and download name set: what a contract's handler returns.
 */
export async function tableFile(
  reply: FastifyReply,
  basename: string,
  table: ExportTable,
  format: ExportFormat = 'csv',
): Promise<string | Buffer> {
  const name = basename.replace(/[^A-Za-z0-9-]/g, '_')
  const body =
    format === 'xlsx' ? await toXlsx(table.columns, table.rows, name) : toCsv(table.columns, table.rows)
  void reply
    .header('content-type', CONTENT_TYPE[format])
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
  return body
}

/** Sends `table` as `<basename>.csv` or `<basename>.xlsx` (a hand-registered route's answer). */
export async function sendTable(
  reply: FastifyReply,
  basename: string,
  table: ExportTable,
  format: ExportFormat = 'csv',
): Promise<FastifyReply> {
  return reply.send(await tableFile(reply, basename, table, format))
}
