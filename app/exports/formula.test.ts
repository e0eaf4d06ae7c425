import { describe, expect, it } from 'vitest'
import { neutraliseFormula, restoreNeutralised } from './formula'

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
})
