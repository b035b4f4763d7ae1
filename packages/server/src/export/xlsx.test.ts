import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeTable } from '../import/decode.js'
import { neutraliseCell } from './csv.js'
import { toXlsx } from './xlsx.js'

/** C0 controls other than tab and line feed, and DEL: text no cell of either format keeps as is. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) return true
  }
  return false
}

/** Text cells that often start like a formula or look like long numbers. */
const text = fc
  .tuple(
    fc.constantFrom('', '=', '+', '-', '@', '＝', '4201061980', ' '),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
  )
  .map(([a, b]) => a + b)
  .filter((s) => s.trim() !== '' && !hasControl(s) && !/_x[0-9a-fA-F]{4}_/.test(s))

describe('toXlsx', () => {
  it('property: reads back as written, text as text (neutralised like CSV), numbers as numbers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, fc.integer({ min: -1e9, max: 1e9 }), fc.option(text, { nil: null })), {
          minLength: 1,
          maxLength: 10,
        }),
        async (rows) => {
          const bytes = await toXlsx(['name', '=count', 'note'], rows)
          const got = await decodeTable(bytes)
          expect(got.header).toEqual(['name', "'=count", 'note'])
          expect(got.rows.map((r) => r.cells)).toEqual(
            rows.map(([a, n, c]) => {
              const cells = [neutraliseCell(a), String(n)]
              return c === null ? cells : [...cells, neutraliseCell(c)]
            }),
          )
        },
      ),
      { numRuns: 40 },
    )
  })

  it('keeps an 18-digit ID number as text', async () => {
    const got = await decodeTable(await toXlsx(['id'], [['42010619800101001X'], ['420106198001010011']]))
    expect(got.issues).toEqual([])
    expect(got.rows.map((r) => r.cells)).toEqual([['42010619800101001X'], ['420106198001010011']])
  })
})
