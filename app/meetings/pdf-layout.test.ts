import { describe, expect, it } from 'vitest'
import PDFDocument from 'pdfkit'
import { pdfText } from '../../tests/setup/pdf-text'
import { FACES, faceFor, packFont, registerPackFonts } from './fonts.server'
import {
  drawText,
  fitColumns,
  lineHeight,
  splitRuns,
  textHeight,
  widestWord,
  wrap,
} from './pdf-layout.server'

// The member countries' letters, Georgian, Chinese and the currency signs (issue 9).
const LETTERS = 'ҚқҒғҰұҮүӨөҺһҢңӘәӮӯҶҷҲҳƏəıŞşĞğŽžŇňÝýÇçÖöÜüʻსაქართველო中华人民共和国₸₽₼₾₮₹¥'

function doc() {
  const d = new PDFDocument({ size: 'A4', margin: 40 })
  registerPackFonts(d)
  return d
}

async function bytes(d: PDFKit.PDFDocument): Promise<Uint8Array> {
  d.end()
  const chunks: Buffer[] = []
  for await (const chunk of d as unknown as AsyncIterable<Buffer>) chunks.push(chunk)
  return new Uint8Array(Buffer.concat(chunks))
}

describe('fonts of the meeting pack', () => {
  // First in the file, so no earlier document of this process drew a period: a middle dot is drawn
  // with the period's outline, and fontkit used to remember that glyph without its character.
  it('keep the text of a glyph that an earlier document used only inside another', async () => {
    const first = doc()
    drawText(first, 'Tbilisi · 2026', 40, 40, 200, { size: 10 })
    expect((await pdfText(await bytes(first))).text).toContain('·')
    const second = doc()
    drawText(second, '25.11.2026', 40, 40, 200, { size: 10 })
    expect((await pdfText(await bytes(second))).text).toContain('25.11.2026')
  })

  it('draw every letter of the member countries in regular and bold', () => {
    for (const char of LETTERS) {
      const face = faceFor(char.codePointAt(0)!)
      for (const weight of ['regular', 'bold'] as const)
        expect(packFont(face, weight).hasGlyphForCodePoint(char.codePointAt(0)!), `${char} ${weight}`).toBe(
          true,
        )
    }
  })

  it('take Latin and Cyrillic from Noto Sans, Georgian and Chinese from their own fonts', () => {
    expect(faceFor('Қ'.codePointAt(0)!)).toBe('latin')
    expect(faceFor('₾'.codePointAt(0)!)).toBe('latin')
    expect(faceFor('ს'.codePointAt(0)!)).toBe('georgian')
    expect(faceFor('中'.codePointAt(0)!)).toBe('cjk')
    expect(FACES[0]).toBe('latin')
  })
})

describe('text of several scripts', () => {
  it('is split into runs by font, spaces staying with the run they follow', () => {
    expect(splitRuns('Tbilisi თბილისი 第比利斯 (GEO)')).toEqual([
      { face: 'latin', text: 'Tbilisi ' },
      { face: 'georgian', text: 'თბილისი ' },
      { face: 'cjk', text: '第比利斯 ' },
      { face: 'latin', text: '(GEO)' },
    ])
  })

  it('wraps Chinese between characters but never before a closing mark', () => {
    const d = doc()
    const text = '贸易政策与便利化转型路线图；海关与税收改革支持计划（乌兹别克斯坦政策贷款）'
    const lines = wrap(d, text, 60, { size: 10 })
    expect(lines.length).toBeGreaterThan(3)
    expect(lines.map((l) => l.runs.map((r) => r.text).join('')).join('')).toBe(text)
    for (const line of lines) {
      expect(line.width).toBeLessThanOrEqual(60)
      expect(line.runs[0]!.text[0]).not.toMatch(/[；）]/)
    }
  })

  it('wraps between words, and cuts a word longer than the line', () => {
    const d = doc()
    const lines = wrap(
      d,
      'Қазақстан Республикасы https://example.org/a-very-long-address-without-spaces',
      80,
      {
        size: 10,
      },
    )
    const texts = lines.map((l) => l.runs.map((r) => r.text).join(''))
    expect(texts[0]).toBe('Қазақстан ')
    expect(texts.join('')).toContain('https://example.org/')
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(80)
  })

  it('keeps required line breaks', () => {
    expect(wrap(doc(), 'one\ntwo', 500, { size: 10 })).toHaveLength(2)
  })

  it('is drawn exactly as high as it was measured', () => {
    const d = doc()
    const text = 'Oʻzbekiston ₸ ₽ 中华人民共和国 საქართველო '.repeat(8)
    const height = textHeight(d, text, 120, { size: 9, weight: 'bold' })
    expect(height).toBeGreaterThan(lineHeight(9))
    expect(drawText(d, text, 40, 100, 120, { size: 9, weight: 'bold' })).toBeCloseTo(100 + height)
  })
})

describe('table columns', () => {
  it('measure the widest word of a text, or one character of Chinese', () => {
    const d = doc()
    const style = { size: 10 }
    expect(widestWord(d, 'На рассмотрении', style)).toBeCloseTo(widestWord(d, 'рассмотрении', style))
    expect(widestWord(d, 'рассмотрении', style)).toBeGreaterThan(widestWord(d, 'На', style))
    expect(widestWord(d, '审议中', style)).toBeCloseTo(widestWord(d, '审', style), 0)
  })

  it('widen a column to its widest word, taking the room from the columns that have it', () => {
    // shares give 20 / 20 / 60; the second column's word needs 30
    const widths = fitColumns([1, 1, 3], [10, 30, 20], 100)
    expect(widths[1]).toBe(30)
    expect(widths[0]! + widths[1]! + widths[2]!).toBeCloseTo(100)
    expect(widths[0]).toBeGreaterThanOrEqual(10)
    expect(widths[2]).toBeGreaterThan(widths[0]!)
  })

  it('keep the shares when every word fits, or when the words cannot all fit', () => {
    expect(fitColumns([1, 3], [10, 10], 100)).toEqual([25, 75])
    expect(fitColumns([1, 3], [60, 60], 100)).toEqual([25, 75])
  })
})
