import { describe, expect, it } from 'vitest'
import { neutraliseCsvText, neutraliseFormula, restoreNeutralised } from './formula'

describe('formula neutralisation', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example","click")')).toBe(
      `'=HYPERLINK("http://evil.example","click")`,
    )
    expect(neutraliseFormula('+7 700 000 00 00')).toBe("'+7 700 000 00 00")
    expect(neutraliseFormula('-foo')).toBe("'-foo")
    expect(neutraliseFormula('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)")
    expect(neutraliseFormula('\t=1+1')).toBe("'\t=1+1")
    expect(neutraliseFormula('\r=1+1')).toBe("'\r=1+1")
  })

  it('leaves other text alone, formula characters later in the text included', () => {
    for (const text of [
      'CITA-07-d',
      'Single window 2.0',
      'a=b',
      'ADB;=x',
      ' =1',
      '',
      "it's",
      '铁路',
      'Железная дорога',
    ]) {
      expect(neutraliseFormula(text)).toBe(text)
    }
  })

  it('also escapes text that already starts with an apostrophe and a formula character, so reading back is exact', () => {
    expect(neutraliseFormula("'=x")).toBe("''=x")
    expect(neutraliseFormula("'plain")).toBe("'plain")
  })

  it('is undone by restoreNeutralised for any text', () => {
    for (const text of [
      '=1+1',
      '-5% tariff',
      '@here',
      '+',
      "'=x",
      "''-y",
      "'plain",
      'plain',
      '',
      "'",
      '\tx',
    ]) {
      expect(restoreNeutralised(neutraliseFormula(text))).toBe(text)
    }
    // Text that was never neutralised reads as itself.
    expect(restoreNeutralised("'plain")).toBe("'plain")
    expect(restoreNeutralised('=1+1')).toBe('=1+1')
  })

  describe('in a CSV field, wherever a spreadsheet could start a cell', () => {
    it('puts an apostrophe after each separator or line break that a formula follows', () => {
      expect(neutraliseCsvText("x;=1+1;=cmd|' /C calc'!A0;y")).toBe("x;'=1+1;'=cmd|' /C calc'!A0;y")
      expect(neutraliseCsvText('a,+1\tb\t-2')).toBe("a,'+1\tb\t'-2")
      expect(neutraliseCsvText('Steps:\n- survey\n- build')).toBe("Steps:\n'- survey\n'- build")
      expect(neutraliseCsvText('x;"=1+1"')).toBe(`x;'"=1+1"`)
      expect(neutraliseCsvText('=a;@b')).toBe("'=a;'@b")
      for (const text of ['a - b', 'KAZ;UZB', 'cost 1,5 m', 'x; =1', 'Line one\nline two', '铁路;дорога'])
        expect(neutraliseCsvText(text)).toBe(text)
    })

    // Every string of up to five characters from the characters that matter, so every way they
    // can meet is tried.
    const ALPHABET = ["'", '"', '=', '-', ',', ';', '\t', '\n', '\r', 'x']
    function* allTexts(max: number): Generator<string> {
      let texts = ['']
      for (let length = 1; length <= max; length++) {
        texts = texts.flatMap((text) => ALPHABET.map((c) => text + c))
        yield* texts
      }
    }

    it('is undone exactly by restoreNeutralised', () => {
      const wrong: string[] = []
      for (const text of allTexts(5))
        if (restoreNeutralised(neutraliseCsvText(text)) !== text) wrong.push(JSON.stringify(text))
      expect(wrong).toEqual([])
    })

    it('leaves no cell starting like a formula, whichever of , ; or tab separates and even if quotes are ignored', () => {
      const exposed: string[] = []
      for (const text of allTexts(5)) {
        const safe = neutraliseCsvText(text)
        for (const separator of [',', ';', '\t']) {
          // Quoted or not, a cell may begin after any separator or line break; a reader strips the quotes.
          const cells = safe.split(new RegExp(`[${separator}\r\n]`)).map((cell) => cell.replace(/^"+/, ''))
          if (cells.some((cell) => /^[=+\-@]/.test(cell))) exposed.push(JSON.stringify(text))
        }
      }
      expect(exposed).toEqual([])
    })
  })
})
