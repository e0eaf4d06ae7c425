import { describe, expect, it } from 'vitest'
import { DEFAULT_COLUMNS } from './columns'
import { parseListQuery } from './list-query'
import { compactViewParams } from './view-url'

const form = (pairs: Array<[string, string]>) => new URLSearchParams(pairs)

describe('compactViewParams', () => {
  it('leaves out defaults, so an untouched form gives a bare URL', () => {
    const fields = form([
      ['q', ''],
      ['archived', 'exclude'],
      ['pageSize', '50'],
      ...DEFAULT_COLUMNS.map((c): [string, string] => ['cols', c]),
    ])
    expect(compactViewParams(fields).toString()).toBe('')
  })

  it('joins code lists with commas and keeps names repeated', () => {
    const fields = form([
      ['proposers', 'KAZ'],
      ['proposers', 'UZB'],
      ['area', 'A, with comma'],
      ['area', 'B'],
      ['q', 'rail'],
      ['sort', '-cost_usd_m'],
    ])
    const out = compactViewParams(fields)
    expect(out.get('proposers')).toBe('KAZ,UZB')
    expect(out.getAll('area')).toEqual(['A, with comma', 'B'])
    expect(out.get('q')).toBe('rail')
    expect(out.get('sort')).toBe('-cost_usd_m')
  })

  it('keeps a non-default column choice, and drops the page so a new filter starts at page 1', () => {
    const out = compactViewParams(
      form([
        ['cols', 'ref'],
        ['cols', 'status'],
        ['page', '3'],
      ]),
    )
    expect(out.get('cols')).toBe('ref,status')
    expect(out.has('page')).toBe(false)
  })

  it('means the same view as the long form', () => {
    const fields = form([
      ['proposers', 'KAZ'],
      ['proposers', 'UZB'],
      ['status', 'proposed'],
      ['archived', 'only'],
      ['pageSize', '100'],
    ])
    const long = parseListQuery(fields)
    const short = parseListQuery(compactViewParams(fields))
    expect(long.ok && short.ok && short.query).toEqual(long.ok && long.query)
  })
})
