/**
 * Lab results in bulk (#17): the instrument's export (CSV or .xlsx) through the import pipeline
 * (docs/imports.md) with a preview and per-row problems. A row names the tube barcode, the result
 * (positive/negative/invalid, or 阳性/阴性/无效), the Ct value per target (ORF1ab, N, E: 0–45,
 * else the row is refused), when it was resulted and by whom. Rows for tubes never shipped to the
 * importer's lab, resulted already, or unknown are row problems; the good rows are written.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { Transaction } from 'kysely'
import { MAX_CT } from '@lianfang/contracts'
import { startOfLocalDay } from '@lianfang/core'
import type { DB } from '../../db/schema.generated.js'
import { defineImport, type DefinedImport } from '../../import/define-import.js'
import type { ImportContext, ImportRow, RowIssue } from '../../import/import.types.js'
import type { ResultInput, ResultsWriter } from './results.service.js'

const RESULT_WORDS = {
  positive: 'positive',
  negative: 'negative',
  invalid: 'invalid',
  阳性: 'positive',
  阴性: 'negative',
  无效: 'invalid',
  pos: 'positive',
  neg: 'negative',
  POS: 'positive',
  NEG: 'negative',
} as const
type ResultWord = keyof typeof RESULT_WORDS

const Ct = Type.Number({ minimum: 0, maximum: MAX_CT })
/** ISO 8601 with an offset, or the instrument's local `YYYY-MM-DD HH:mm[:ss]` (the node's time zone). */
const WHEN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$'

export const LabResultRow = Type.Object(
  {
    barcode: Type.String({ pattern: '^[A-Za-z0-9-]{4,64}$' }),
    result: Type.Union(Object.keys(RESULT_WORDS).map((w) => Type.Literal(w))),
    ctOrf1ab: Type.Optional(Ct),
    ctN: Type.Optional(Ct),
    ctE: Type.Optional(Ct),
    resultedAt: Type.String({ pattern: WHEN, maxLength: 40 }),
    operator: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
)
export type LabResultRow = Static<typeof LabResultRow>

const HEADER_ALIASES: Record<string, keyof LabResultRow> = {
  条码: 'barcode',
  样本条码: 'barcode',
  采样管条码: 'barcode',
  管码: 'barcode',
  'tube barcode': 'barcode',
  'sample id': 'barcode',
  结果: 'result',
  检测结果: 'result',
  orf1ab: 'ctOrf1ab',
  'ct orf1ab': 'ctOrf1ab',
  'orf1ab ct': 'ctOrf1ab',
  orf1ab基因: 'ctOrf1ab',
  n: 'ctN',
  'ct n': 'ctN',
  'n ct': 'ctN',
  n基因: 'ctN',
  e: 'ctE',
  'ct e': 'ctE',
  e基因: 'ctE',
  检测时间: 'resultedAt',
  结果时间: 'resultedAt',
  报告时间: 'resultedAt',
  'result time': 'resultedAt',
  time: 'resultedAt',
  检测人: 'operator',
  操作员: 'operator',
  检验者: 'operator',
}

/** The instant a row's time names: with an offset as written, else local time of the node. */
export function instantOf(text: string, timeZone: string): Date | null {
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    )
  if (!m) return null
  const [, date = '', h = '0', mi = '0', s = '0', ms = '0', zone] = m
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null
  let at: Date
  if (zone !== undefined)
    at = new Date(`${date}T${h}:${mi}:${s.padStart(2, '0')}.${ms.padEnd(3, '0')}${zone}`)
  else {
    let day: Date
    try {
      day = startOfLocalDay(date, timeZone)
    } catch {
      return null
    }
    at = new Date(
      day.getTime() + ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + Number(ms.padEnd(3, '0')),
    )
  }
  return Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) < '2019-12-01' ? null : at
}

/** A row's result input, or the row's problem. */
export function inputOf(r: ImportRow<LabResultRow>, timeZone: string): ResultInput | RowIssue {
  const v = r.value
  const at = instantOf(v.resultedAt, timeZone)
  if (at === null) return { row: r.row, column: 'resultedAt', code: 'invalidFormat', detail: 'date-time' }
  const ct: Record<string, number> = {}
  if (v.ctOrf1ab !== undefined) ct['ORF1ab'] = v.ctOrf1ab
  if (v.ctN !== undefined) ct['N'] = v.ctN
  if (v.ctE !== undefined) ct['E'] = v.ctE
  return {
    row: r.row,
    barcode: v.barcode,
    result: RESULT_WORDS[v.result as ResultWord],
    ct: Object.keys(ct).length > 0 ? ct : null,
    resultedAt: at,
    operator: v.operator ?? null,
  }
}

/** The lab-results import, for the composition list of imports (import/index.ts). */
export function labResultsImport(
  writer: ResultsWriter,
  labsOf: (tx: Transaction<DB>, ctx: ImportContext) => Promise<string[]>,
  timeZone: string,
): DefinedImport {
  const split = (rows: readonly ImportRow<LabResultRow>[]) => {
    const inputs: ResultInput[] = []
    const issues: RowIssue[] = []
    for (const r of rows) {
      const x = inputOf(r, timeZone)
      if ('code' in x) issues.push(x)
      else inputs.push(x)
    }
    return { inputs, issues }
  }
  return defineImport({
    name: 'lab-results',
    rowSchema: LabResultRow,
    permission: 'lab:work',
    keyColumns: ['barcode'],
    headerAliases: HEADER_ALIASES,
    // The preview runs the writer's checks (nothing written); the confirmation runs them again.
    check: async (tx, rows, ctx) => {
      const { inputs, issues } = split(rows)
      const found = await checkOnly(tx, writer, await labsOf(tx, ctx), inputs, ctx)
      return [...issues, ...found]
    },
    insertBatch: async (tx, rows, ctx) => {
      const { inputs, issues } = split(rows)
      const { applied, issues: more } = await writer.apply(
        tx,
        { userId: 'id' in ctx.actor ? ctx.actor.id : null },
        await labsOf(tx, ctx),
        inputs,
      )
      return { ids: applied.map((a) => a.tubeId), issues: [...issues, ...more] }
    },
  })
}

/** The writer's checks without writing: the row problems a confirmation would meet now. */
async function checkOnly(
  tx: Transaction<DB>,
  writer: ResultsWriter,
  labIds: string[],
  inputs: readonly ResultInput[],
  ctx: ImportContext,
): Promise<RowIssue[]> {
  const { issues } = await writer.apply(
    tx,
    { userId: 'id' in ctx.actor ? ctx.actor.id : null },
    labIds,
    inputs,
    {
      dryRun: true,
    },
  )
  return issues
}
