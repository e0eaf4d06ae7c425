import { describe, expect, it } from 'vitest'
import { translator } from '../i18n/i18n'
import { readImportFile } from './files.server'
import { formatImportError } from './messages'

// A file's amounts take a dot in every language (the CSV's comma separates columns): the problem
// a Russian reader gets for a bad amount says so, rather than the form's "например 12,5".
describe('a bad amount in a file', () => {
  const file = Buffer.from('ref,cost_usd_m\nCITA-01-a,"12,5"\n')

  it('asks for a dot in Russian, Chinese and English', async () => {
    const read = await readImportFile('plan.csv', file)
    expect(read.errors).toHaveLength(1)
    const [error] = read.errors
    const ru = formatImportError(translator('ru'), error!)
    expect(ru).toBe(
      'Строка 2, столбец cost_usd_m: «12,5»: укажите сумму в млн долл. США с точкой перед дробной частью, например 12.5 (от 0 до 1000000, не более 3 знаков после точки)',
    )
    expect(formatImportError(translator('zh'), error!)).toContain('小数点用“.”，如 12.5')
    expect(formatImportError(translator('en'), error!)).toContain(
      'with a dot before the decimals, such as 12.5',
    )
  })
})

// csv-parse's own words are English ("Invalid Record Length: expect 1, got 2 on line 2"): the
// usual mistakes in a hand-made file are told in the reader's language, with what to do.
describe('a file that is not well-formed CSV', () => {
  const problem = async (csv: string) => {
    const read = await readImportFile('plan.csv', Buffer.from(csv))
    expect(read.errors).toHaveLength(1)
    return read.errors[0]!
  }

  it('a row with more cells than the header names both counts, in every language', async () => {
    const error = await problem('ref,title_en\nCITA-01-a,Trade, and more\n')
    expect(error).toEqual({ row: 2, column: null, key: 'csvCells', values: { expected: 2, got: 3 } })
    expect(formatImportError(translator('en'), error)).toBe(
      'Row 2: this row has 3 cells where the header row has 2: look for a stray or missing comma, and put a cell that holds commas in double quotes',
    )
    expect(formatImportError(translator('ru'), error)).toContain(
      'ячеек в этой строке: 3, а в строке заголовков: 2',
    )
    expect(formatImportError(translator('zh'), error)).toContain('此行有 3 个单元格，而标题行有 2 个')
  })

  it('a quote never closed, and a quote inside a cell, have their own words', async () => {
    const open = await problem('ref,title_en\nCITA-01-a,"Trade\n')
    expect(open.key).toBe('csvQuoteNotClosed')
    const inside = await problem('ref,title_en\nCITA-01-a,"Trade" policy\n')
    expect(inside.key).toBe('csvClosingQuote')
    for (const language of ['en', 'ru', 'zh'] as const)
      for (const error of [open, inside])
        expect(formatImportError(translator(language), error)).not.toMatch(/Quote|Invalid|line \d/)
  })
})

// "-3" was answered "at most 1,000,000": true, but not what was wrong. The range says both ends.
describe('a negative amount', () => {
  it('is told the range from 0, in every language', async () => {
    const read = await readImportFile('plan.csv', Buffer.from('ref,cost_usd_m\nCITA-01-a,-3\n'))
    const [error] = read.errors
    expect(formatImportError(translator('en'), error!)).toContain('(from 0 to 1000000, up to 3 decimals)')
    expect(formatImportError(translator('ru'), error!)).toContain('(от 0 до 1000000,')
    expect(formatImportError(translator('zh'), error!)).toContain('（0 至 1000000，')
    expect(translator('en')('validation.amount')).toContain('from 0 to 1,000,000 USD million')
  })
})

// An empty cell in a required column was told "This field is required.", the form's words: a file
// that updates stored items did not learn that only a column left out keeps their values.
describe('an empty cell in a required column', () => {
  it('says the cell is empty and how to keep the stored values, in every language', async () => {
    const read = await readImportFile('plan.csv', Buffer.from('ref,strategy,cost_usd_m\nCITA-01-a,,12\n'))
    expect(read.errors).toHaveLength(1)
    const [error] = read.errors
    expect(formatImportError(translator('en'), error!)).toBe(
      'Row 2, column strategy: this cell is empty, and every item needs a value here; to keep the stored values of items already in the register, leave the whole column out of the file',
    )
    expect(formatImportError(translator('ru'), error!)).toContain('ячейка пуста')
    expect(formatImportError(translator('ru'), error!)).toContain('уберите из файла весь столбец')
    expect(formatImportError(translator('zh'), error!)).toContain('此单元格为空')
    expect(formatImportError(translator('zh'), error!)).toContain('请从文件中删去整列')
  })
})

// A cell's rule names its field by the field's label, as the form's message does, in the reader's
// language (shownValues, app/i18n/message.ts, for both).
describe('a control character in a cell', () => {
  it('names the field by its label, in every language', async () => {
    const read = await readImportFile('plan.csv', Buffer.from('ref,title_ru\nCITA-01-a,Шёлковый\u001bпуть\n'))
    const [error] = read.errors
    expect(error).toMatchObject({ key: 'validation.control', values: { field: 'field.title_ru' } })
    expect(formatImportError(translator('en'), error!)).toBe(
      'Row 2, column title_ru: Title (Russian) holds a control character (U+001B); only tabs and line breaks are allowed. Remove it, or paste the text again as plain text.',
    )
    for (const language of ['ru', 'zh'] as const)
      expect(formatImportError(translator(language), error!)).toContain(
        translator(language)('field.title_ru'),
      )
  })
})
