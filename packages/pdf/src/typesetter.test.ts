import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import PDFDocument from 'pdfkit'
import { SubsetFontFamily } from './noto-sans-sc.js'
import { breakUnits, Typesetter, type TextBlock } from './typesetter.js'
import { readPdfText } from './pdf-text.js'

const units = (text: string) =>
  breakUnits(SubsetFontFamily.of(400).runs(text)).map((u) => u.map((r) => r.text).join(''))
const lineTexts = (b: TextBlock) => b.lines.map((l) => l.pieces.map((p) => p.text).join(''))

async function pdfOf(draw: (doc: PDFKit.PDFDocument, ts: Typesetter) => Promise<void>): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: true })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks))
    })
  })
  await draw(doc, new Typesetter(doc))
  doc.end()
  return done
}

describe('line breaking', () => {
  it('breaks between ideographs and at spaces, never before closing or after opening punctuation', () => {
    expect(units('你好，世界。')).toEqual(['你', '好，', '世', '界。'])
    expect(units('Venue code 场所')).toEqual(['Venue', ' ', 'code', ' ', '场', '所'])
    expect(units('幸福里（南门）')).toEqual(['幸', '福', '里', '（南', '门）'])
  })

  it('shrinks a long name until it fits the lines allowed, and keeps every character', async () => {
    await pdfOf(async (_doc, ts) => {
      const name = '武汉市江汉区幸福里小区南门东侧临时核酸检测点及便民服务中心第二期'
      await ts.prepare([{ text: name, weight: 700 }])
      const block = ts.fit(name, { weight: 700, size: 34, minSize: 16, maxLines: 2, width: 400 })
      expect(block.size).toBeLessThan(34)
      expect(block.lines.length).toBeLessThanOrEqual(2)
      for (const l of block.lines) expect(l.width).toBeLessThanOrEqual(400)
      expect(lineTexts(block).join('')).toBe(name)
      const short = ts.fit('超市', { weight: 700, size: 34, minSize: 16, maxLines: 2, width: 400 })
      expect(short.size).toBe(34)
    })
  })

  it('wraps any text within the width, losing only the spaces at the breaks (property)', async () => {
    const alphabet = Array.from('场所码幸福里小区南门，。（） Venue code 1234 supercalifragilistic')
    await pdfOf(async (_doc, ts) => {
      await ts.prepare([{ text: alphabet.join(''), weight: 400 }])
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 80 }),
          fc.integer({ min: 20, max: 300 }),
          (text, width) => {
            const block = ts.fit(text, { weight: 400, size: 12, width })
            for (const l of block.lines) {
              // Only a single character wider than the line may overflow it.
              if (l.width > width + 1e-6)
                expect(Array.from(lineTexts({ ...block, lines: [l] })[0] ?? '').length).toBe(1)
            }
            expect(lineTexts(block).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''))
          },
        ),
        { numRuns: 200 },
      )
    })
  })
})

describe('drawn text reads back', () => {
  it('through the ToUnicode maps of the embedded subset fonts, emoji as □', async () => {
    const text = '场所码 Venue code · 幸福里（南门）🦠'
    const pdf = await pdfOf(async (doc, ts) => {
      await ts.prepare([{ text, weight: 400 }])
      ts.draw(ts.fit(text, { weight: 400, size: 20, width: 500 }), { x: 40, y: 40, width: 500 })
      doc.addPage()
      ts.draw(ts.fit('第二页', { weight: 400, size: 20, width: 500 }), { x: 40, y: 40, width: 500 })
    })
    const layer = readPdfText(pdf)
    expect(layer.pages).toEqual(['场所码 Venue code · 幸福里（南门）□', '第二页'])
    const embedded = layer.fonts.filter((f) => f.includes('NotoSansSC'))
    expect(embedded.length).toBeGreaterThan(1)
    for (const f of embedded) expect(f).toMatch(/^[A-Z]{6}\+NotoSansSC-Regular$/)
  })
})
