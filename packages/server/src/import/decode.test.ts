import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Type } from '@sinclair/typebox'
import { DomainError } from '@lianfang/core'
import { csvText, decodeTable, zipDeclaredSize } from './decode.js'
import { defineImport, mapRows } from './define-import.js'

/** C0 controls other than tab and line feed, and DEL: text no cell of either format keeps as is. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) return true
  }
  return false
}

/** Text a cell can hold in both formats: no NUL or other C0 control but tab and line feed. */
const cellChar = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 1 }),
  fc.constantFrom('"', ',', ';', '\n', '\t', ' ', '=', '中', '文', '😀', "'"),
)
const cell = fc
  .array(cellChar, { maxLength: 12 })
  .map((cs) => cs.join(''))
  .filter((s) => !hasControl(s) && !/_x[0-9a-fA-F]{4}_/.test(s))
const solid = cell.filter((s) => s.trim() !== '')

/** A table: distinct non-blank headers, rows whose first cell is not blank (blank rows are skipped). */
const table = fc.integer({ min: 1, max: 6 }).chain((width) =>
  fc.record({
    header: fc.uniqueArray(solid, { minLength: width, maxLength: width }),
    rows: fc.array(
      fc
        .tuple(solid, fc.array(cell, { minLength: width - 1, maxLength: width - 1 }))
        .map(([a, rest]) => [a, ...rest]),
      { maxLength: 15 },
    ),
  }),
)

function toCsvBytes(header: string[], rows: string[][], bom: boolean, crlf: boolean): Uint8Array {
  const text = stringify([header, ...rows], {
    record_delimiter: crlf ? 'windows' : 'unix',
    quoted_match: /[\r\n]/,
  })
  return new TextEncoder().encode((bom ? '\uFEFF' : '') + text)
}

async function toXlsxBytes(header: string[], rows: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('名单')
  ws.addRow(header)
  for (const r of rows) ws.addRow(r)
  wb.addWorksheet('other').addRow(['ignored'])
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

/** Trailing empty cells are not kept by a sheet; compare rows without them. */
const trimEnd = (cells: readonly string[]) => {
  const out = [...cells]
  while (out.length > 0 && out[out.length - 1] === '') out.pop()
  return out
}

describe('CSV and XLSX decoders', () => {
  it('read back any table written as CSV (BOM or not, CRLF or LF)', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.boolean(), fc.boolean(), async ({ header, rows }, bom, crlf) => {
        const got = await decodeTable(toCsvBytes(header, rows, bom, crlf))
        expect(got.format).toBe('csv')
        expect(got.issues).toEqual([])
        expect(got.header).toEqual(header)
        expect(got.rows.map((r) => r.cells)).toEqual(rows)
      }),
      { numRuns: 200 },
    )
  })

  it('read back any table written as XLSX, from the first sheet', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ header, rows }) => {
        const got = await decodeTable(await toXlsxBytes(header, rows))
        expect(got.format).toBe('xlsx')
        expect(got.issues).toEqual([])
        expect(got.header).toEqual(header)
        expect(got.rows.map((r) => trimEnd(r.cells))).toEqual(rows.map(trimEnd))
        expect(got.rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 2))
      }),
      { numRuns: 40 },
    )
  })

  it('number rows as the user sees them: the CSV line, blank lines counted', async () => {
    const got = await decodeTable(new TextEncoder().encode('a,b\r\n1,2\r\n\r\n"x\ny",3\r\n4,5\r\n'))
    expect(got.rows).toEqual([
      { row: 2, cells: ['1', '2'] },
      { row: 4, cells: ['x\ny', '3'] },
      { row: 6, cells: ['4', '5'] },
    ])
  })

  it('never throw on arbitrary bytes or broken CSV other than a DomainError', async () => {
    const noisyCsv = fc
      .array(fc.constantFrom('"', ',', '\n', '\r', 'a', '中', ' ', '\u0000'), { maxLength: 60 })
      .map((cs) => new TextEncoder().encode(cs.join('')))
    const def = defineImport({
      name: 'test',
      rowSchema: Type.Object({ a: Type.String({ maxLength: 3 }), b: Type.Optional(Type.Integer()) }),
      permission: 'person:write',
      headerAliases: { 甲: 'a' },
      insertBatch: () => Promise.resolve({ ids: [], issues: [] }),
    })
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 200 }), noisyCsv), async (bytes) => {
        try {
          const t = await decodeTable(bytes)
          for (const i of t.issues) expect(i.row).toBeGreaterThan(0)
          mapRows(def, t)
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('report bad records per row and keep the others', async () => {
    const got = await decodeTable(new TextEncoder().encode('a,b\n1,2\n3,4"x\n5,6\n7,a\u0000b\n'))
    expect(got.rows.map((r) => r.cells)).toEqual([
      ['1', '2'],
      ['5', '6'],
    ])
    expect(got.issues).toEqual([
      { row: 3, column: null, code: 'malformedRecord', detail: 'INVALID_OPENING_QUOTE' },
      { row: 5, column: 'b', code: 'textNotStorable', detail: null },
    ])
    // A quote opened and never closed swallows the rest of the file: that is reported, not kept.
    const open = await decodeTable(new TextEncoder().encode('a,b\n1,2\n3,"4"x\n5,6\n'))
    expect(open.rows.map((r) => r.cells)).toEqual([['1', '2']])
    expect(open.issues.map((i) => i.code)).toEqual(['malformedRecord', 'malformedRecord'])
  })

  it('refuse other encodings and legacy Excel clearly', async () => {
    const gbk = Uint8Array.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0a]) // 姓名 in GBK
    expect(() => csvText(gbk)).toThrow(/not UTF-8/)
    expect(() => csvText(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]))).toThrow(/UTF-16/)
    const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])
    await expect(decodeTable(xls)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' })
    await expect(decodeTable(new Uint8Array())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('enforce the size, row and unpacked-size limits', async () => {
    const csv = new TextEncoder().encode('a\n1\n2\n3\n')
    await expect(decodeTable(csv, { maxBytes: 4, maxRows: 10, maxUnzippedBytes: 1e9 })).rejects.toMatchObject(
      {
        code: 'PAYLOAD_TOO_LARGE',
      },
    )
    await expect(
      decodeTable(csv, { maxBytes: 100, maxRows: 2, maxUnzippedBytes: 1e9 }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    })
    const xlsx = await toXlsxBytes(['a'], [['x'.repeat(5000)]])
    expect(zipDeclaredSize(xlsx)).toBeGreaterThan(5000)
    await expect(
      decodeTable(xlsx, { maxBytes: 1e7, maxRows: 10, maxUnzippedBytes: 1000 }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    })
  })

  it('read formula cells as their cached values, never evaluated, and flag mangled long numbers', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('s')
    ws.addRow(['name', 'id', 'birth'])
    ws.addRow(['张三', Number('420106198001010011'), new Date(Date.UTC(1980, 0, 1))])
    ws.addRow([
      { formula: 'HYPERLINK("http://x","李四")', result: '李四' },
      '42010619800101001X',
      '1980-01-01',
    ])
    ws.addRow([{ formula: '1+1' }, { richText: [{ text: '4201' }, { text: '06' }] }, ''])
    const got = await decodeTable(new Uint8Array(await wb.xlsx.writeBuffer()))
    expect(got.issues).toEqual([{ row: 2, column: 'id', code: 'numberPrecisionLost', detail: null }])
    expect(got.rows).toEqual([
      { row: 3, cells: ['李四', '42010619800101001X', '1980-01-01'] },
      { row: 4, cells: ['', '420106', ''] },
    ])
  })
})
