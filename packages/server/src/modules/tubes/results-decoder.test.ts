import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isDomainError } from '@lianfang/core'
import { decodeTable, DEFAULT_LIMITS } from '../../import/decode.js'
import { mapRows } from '../../import/define-import.js'
import { labResultsImport } from './results.import.js'
import { inputOf, instantOf, type LabResultRow } from './results.import.js'
import type { ResultsWriter } from './results.service.js'

const TZ = 'Asia/Shanghai'
const WORDS: Readonly<Record<string, string>> = { 阳性: 'positive', 阴性: 'negative', 无效: 'invalid' }
// The decoder and the row mapping only: no writer is reached.
const def = labResultsImport(null as unknown as ResultsWriter, () => Promise.resolve([]), TZ)

/** The lab results file through the pipeline's decoder and row mapping, as a preview runs it. */
async function decode(text: string) {
  const table = await decodeTable(Buffer.from(text, 'utf8'), DEFAULT_LIMITS)
  return mapRows(def, table)
}

const barcode = fc.stringMatching(/^[A-Za-z0-9-]{4,20}$/)
const ct = fc.option(
  fc.double({ min: 0, max: 45, noNaN: true }).map((x) => Math.round(x * 10) / 10),
  {
    nil: undefined,
  },
)
const result = fc.constantFrom('positive', 'negative', 'invalid', '阳性', '阴性', '无效')
const when = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-12-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString())

/** Results CSV decoding (#17): property tests of the instrument file's rows (fast-check). */
describe('lab results decoder', () => {
  it('never fails on arbitrary text other than with a DomainError (a file-level refusal)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400, unit: 'binary' }), async (body) => {
        try {
          const mapped = await decode(`barcode,result,resultedAt\n${body}`)
          for (const r of mapped.rows) {
            const x = inputOf(r as never, TZ)
            expect(typeof x).toBe('object')
          }
        } catch (e) {
          expect(isDomainError(e), String(e)).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('reads back every well-formed row: barcode, result, Ct per target, the instant', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(barcode, result, ct, ct, when), {
          maxLength: 30,
          selector: (r) => r[0].toUpperCase(),
        }),
        async (rows) => {
          const csv = [
            '采样管条码,检测结果,ORF1ab,N,检测时间',
            ...rows.map(([b, r, o, n, w]) => `${b},${r},${o ?? ''},${n ?? ''},${w}`),
          ].join('\r\n')
          const mapped = await decode(csv)
          expect(mapped.issues).toEqual([])
          expect(mapped.rows).toHaveLength(rows.length)
          mapped.rows.forEach((row, i) => {
            const [b, r, o, n, w] = rows[i] ?? ['', '', undefined, undefined, '']
            const x = inputOf(row as { row: number; value: LabResultRow }, TZ)
            if ('code' in x) throw new Error(`row ${String(i)}: ${x.code}`)
            expect(x.barcode).toBe(b)
            expect(x.result).toBe(WORDS[r] ?? r)
            expect(x.ct?.['ORF1ab']).toBe(o)
            expect(x.ct?.['N']).toBe(n)
            expect(x.resultedAt.toISOString()).toBe(w)
          })
        },
      ),
      { numRuns: 100 },
    )
  })

  it('refuses a Ct outside 0–45 and a result word it does not know, row by row', async () => {
    await fc.assert(
      fc.asyncProperty(
        barcode,
        fc.oneof(
          fc.double({ min: 45.01, max: 1e6, noNaN: true }),
          fc.double({ min: -1e6, max: -0.01, noNaN: true }),
        ),
        async (b, bad) => {
          const mapped = await decode(
            `barcode,result,N,resultedAt\n${b},negative,${String(bad)},2022-05-01 10:00\n${b}X,maybe,,2022-05-01\n`,
          )
          expect(mapped.rows).toHaveLength(0)
          expect(mapped.issues.map((i) => i.row)).toEqual([2, 3])
        },
      ),
      { numRuns: 100 },
    )
  })

  it('reads a local time in the node’s zone and an offset as written', () => {
    expect(instantOf('2022-05-01 10:00', TZ)?.toISOString()).toBe('2022-05-01T02:00:00.000Z')
    expect(instantOf('2022-05-01T10:00:00+08:00', TZ)?.toISOString()).toBe('2022-05-01T02:00:00.000Z')
    expect(instantOf('2022-05-01 25:00', TZ)).toBeNull()
    expect(instantOf('2022-02-30 10:00', TZ)).toBeNull()
    expect(instantOf('1999-05-01 10:00', TZ)).toBeNull()
  })
})
