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
      'Строка 2, столбец cost_usd_m: «12,5»: укажите сумму в млн долл. США с точкой перед дробной частью, например 12.5 (не более 1000000, не более 3 знаков после точки)',
    )
    expect(formatImportError(translator('zh'), error!)).toContain('小数点用“.”，如 12.5')
    expect(formatImportError(translator('en'), error!)).toContain(
      'with a dot before the decimals, such as 12.5',
    )
  })
})
