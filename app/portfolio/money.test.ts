import { describe, expect, it } from 'vitest'
import { formatUsdMillion, gapOf, kusdToMillion, parseUsdMillion } from './money'

describe('amounts in USD million', () => {
  it('parses decimals exactly into thousands of USD', () => {
    expect(parseUsdMillion('12.5')).toBe(12500)
    expect(parseUsdMillion('0.001')).toBe(1)
    expect(parseUsdMillion(' 300 ')).toBe(300000)
    expect(parseUsdMillion('0.1')).toBe(100)
  })

  it('refuses negative, over-precise and non-numeric text', () => {
    for (const bad of ['-1', '1.2345', 'abc', '', '1e3', '1,5', '.5']) expect(parseUsdMillion(bad)).toBeNull()
  })

  it('formats back without float noise', () => {
    expect(formatUsdMillion(100)).toBe('0.1')
    expect(formatUsdMillion(12500)).toBe('12.5')
    expect(formatUsdMillion(300000)).toBe('300')
    expect(formatUsdMillion(null)).toBe('')
    expect(kusdToMillion(1)).toBe(0.001)
  })

  it('computes the gap as cost minus secured, none without a cost', () => {
    expect(gapOf(10000, 2500)).toBe(7500)
    expect(gapOf(10000, null)).toBe(10000)
    expect(gapOf(null, 500)).toBeNull()
  })
})
