import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  parseListQuery,
  SELECTION_LIMIT,
  sortOf,
  toSearchParams,
  type ListQuery,
} from './list-query'
import { translator } from '../i18n/i18n'
import { paramMessage } from './url-params'

const parse = (search: string, allowExtra: readonly string[] = []) =>
  parseListQuery(new URLSearchParams(search), allowExtra)

const t = translator()

function ok(search: string, allowExtra: readonly string[] = []): ListQuery {
  const result = parse(search, allowExtra)
  if (!result.ok) throw new Error(`expected ${search} to parse: ${JSON.stringify(result.problem)}`)
  return result.query
}

/** The refused parameter; its message is ours (a catalogue entry) and names it. */
function refusedParam(search: string): string {
  const result = parse(search)
  if (result.ok) throw new Error(`expected ${search} to be refused`)
  const message = paramMessage(t, result.problem)
  expect(result.problem.key).toMatch(/^params\./)
  expect(message).toContain(result.problem.param)
  expect(message).not.toMatch(ZOD_WORDING)
  return result.problem.param
}

/** How zod words its own messages: none of it may reach a person. */
const ZOD_WORDING = /Invalid|Expected|Required|received|String must|Number must|Array must/

describe('parseListQuery', () => {
  it('gives the defaults for no parameters', () => {
    expect(ok('')).toEqual({
      strategy: [],
      pillar: [],
      area: [],
      modalities: [],
      proposers: [],
      status: [],
      quadrant: [],
      start_year: [],
      interest_org: [],
      interest_stage: [],
      ref: [],
      archived: 'exclude',
      sort: 'ref',
      page: 1,
      pageSize: DEFAULT_PAGE_SIZE,
    })
    expect(ok('').q).toBeUndefined()
  })

  it('reads a selection of refs (the table\'s "export the selection") up to the selection limit', () => {
    expect(ok('ref=A-1,B-2&ref=C-3').ref).toEqual(['A-1', 'B-2', 'C-3'])
    const many = Array.from({ length: SELECTION_LIMIT + 1 }, (_, i) => `R-${i}`).join(',')
    expect(parseListQuery(new URLSearchParams(`ref=${many}`))).toMatchObject({
      ok: false,
      problem: { param: 'ref', key: 'params.tooMany', values: { max: SELECTION_LIMIT } },
    })
  })

  it('reads start years as a list and publication as yes or no', () => {
    expect(ok('start_year=2025,2026&start_year=2030').start_year).toEqual([2025, 2026, 2030])
    expect(ok('published=yes').published).toBe('yes')
    expect(parseListQuery(new URLSearchParams('start_year=soon')).ok).toBe(false)
    expect(parseListQuery(new URLSearchParams('published=maybe')).ok).toBe(false)
    expect(toSearchParams({ start_year: [2025, 2026], published: 'no' }).toString()).toBe(
      'start_year=2025%2C2026&published=no',
    )
  })

  it('reads code lists given as comma lists, repeated, or both', () => {
    expect(ok('proposers=KAZ,UZB').proposers).toEqual(['KAZ', 'UZB'])
    expect(ok('proposers=KAZ&proposers=UZB').proposers).toEqual(['KAZ', 'UZB'])
    expect(ok('proposers=KAZ,UZB&proposers=GEO').proposers).toEqual(['KAZ', 'UZB', 'GEO'])
    expect(ok('status=proposed,%20endorsed,&quadrant=quick_win').status).toEqual(['proposed', 'endorsed'])
    expect(ok('modalities=policy_dialogue,technical_assistance').modalities).toEqual([
      'policy_dialogue',
      'technical_assistance',
    ])
    expect(ok('quadrant=unscored').quadrant).toEqual(['unscored'])
  })

  it('reads names by repetition only, since names may contain commas', () => {
    const query = ok(
      'strategy=CITA%202030&pillar=Pillar%202%3A%20Greater%20diversification&pillar=A,%20B&area=10%20Trade%20reform',
    )
    expect(query.strategy).toEqual(['CITA 2030'])
    expect(query.pillar).toEqual(['Pillar 2: Greater diversification', 'A, B'])
    expect(query.area).toEqual(['10 Trade reform'])
  })

  it('reads the single parameters', () => {
    expect(ok('q=%20customs%20&archived=include&sort=-cost_usd_m&page=3&pageSize=20')).toMatchObject({
      q: 'customs',
      archived: 'include',
      sort: '-cost_usd_m',
      page: 3,
      pageSize: 20,
    })
    expect(ok(`pageSize=${MAX_PAGE_SIZE}`).pageSize).toBe(MAX_PAGE_SIZE)
  })

  it('treats an empty single parameter as absent', () => {
    const query = ok('q=&sort=&page=')
    expect(query).toMatchObject({ sort: 'ref', page: 1 })
    expect(query.q).toBeUndefined()
  })

  it('refuses an unknown parameter, naming it', () => {
    const result = parse('proposer=KAZ')
    expect(result).toEqual({
      ok: false,
      problem: { param: 'proposer', key: 'params.unknown', values: { param: 'proposer' } },
    })
    expect(refusedParam('q=x&colour=red')).toBe('colour')
  })

  it('accepts extra parameters the caller allows', () => {
    expect(ok('cols=ref,title_en&q=x', ['cols']).q).toBe('x')
    expect(refusedParam('cols=ref')).toBe('cols')
  })

  it('refuses bad values, naming the parameter', () => {
    expect(refusedParam('sort=colour')).toBe('sort')
    expect(refusedParam('sort=--ref')).toBe('sort')
    expect(refusedParam('sort=ref;drop')).toBe('sort')
    expect(refusedParam('page=0')).toBe('page')
    expect(refusedParam('page=abc')).toBe('page')
    expect(refusedParam('page=1.5')).toBe('page')
    expect(refusedParam('pageSize=0')).toBe('pageSize')
    expect(refusedParam(`pageSize=${MAX_PAGE_SIZE + 1}`)).toBe('pageSize')
    expect(refusedParam('status=proposed,maybe')).toBe('status')
    expect(refusedParam('proposers=XYZ')).toBe('proposers')
    expect(refusedParam('modalities=lobbying')).toBe('modalities')
    expect(refusedParam('quadrant=corner')).toBe('quadrant')
    expect(refusedParam('archived=all')).toBe('archived')
    expect(refusedParam(`q=${'x'.repeat(201)}`)).toBe('q')
  })

  it('refuses a single parameter given twice', () => {
    expect(refusedParam('sort=ref&sort=-ref')).toBe('sort')
    expect(refusedParam('page=1&page=2')).toBe('page')
  })
})

describe('sortOf', () => {
  it('splits the direction from the key', () => {
    expect(sortOf({ sort: 'ref' })).toEqual({ key: 'ref', descending: false })
    expect(sortOf({ sort: '-gap_usd_m' })).toEqual({ key: 'gap_usd_m', descending: true })
  })
})

describe('toSearchParams', () => {
  it('leaves defaults out', () => {
    expect(toSearchParams(ok('')).toString()).toBe('')
    expect(
      toSearchParams({ sort: 'ref', page: 1, pageSize: DEFAULT_PAGE_SIZE, archived: 'exclude' }).toString(),
    ).toBe('')
  })

  it('writes code lists as comma lists and names as repeats', () => {
    const params = toSearchParams({ proposers: ['KAZ', 'UZB'], pillar: ['A, B', 'C'] })
    expect(params.getAll('proposers')).toEqual(['KAZ,UZB'])
    expect(params.getAll('pillar')).toEqual(['A, B', 'C'])
  })

  it('round-trips through parseListQuery', () => {
    const queries = [
      '',
      'q=trade%20reform&strategy=CITA%202030&strategy=Digital%20Strategy%202030&pillar=A,%20B&area=10%20Trade%20reform',
      'modalities=policy_dialogue,investment_project&proposers=TKM,UZB&status=proposed,on_hold&quadrant=quick_win,unscored',
      'archived=only&sort=-updated_at&page=4&pageSize=25',
      'archived=include&sort=gap_usd_m&pageSize=200',
    ]
    for (const search of queries) {
      const query = ok(search)
      const again = ok(toSearchParams(query).toString())
      expect(again, search).toEqual(query)
      expect(toSearchParams(again).toString(), search).toBe(toSearchParams(query).toString())
    }
  })
})

describe('messages for a parameter the view cannot read', () => {
  const message = (search: string) => {
    const result = parse(search)
    if (result.ok) throw new Error(`expected ${search} to be refused`)
    return paramMessage(t, result.problem)
  }

  it('are ours and name the parameter, the value and what is allowed', () => {
    expect(message('status=bogus')).toBe(
      'status: "bogus" is not one of proposed, under_review, endorsed, in_preparation, approved, under_implementation, completed, on_hold, dropped.',
    )
    expect(message('sort=cost')).toMatch(
      /^sort: "cost" is not a column to sort by; use one of ref, title_en, /,
    )
    expect(message('pageSize=500')).toBe('pageSize is at most 200.')
    expect(message('page=0')).toBe('page is at least 1.')
    expect(message('page=two')).toBe('page must be a number.')
    expect(message('page=1.5')).toBe('page must be a whole number.')
    expect(message('q=' + 'x'.repeat(201))).toBe('q is at most 200 characters long.')
    expect(message('archived=all')).toBe('archived: "all" is not one of exclude, include, only.')
    expect(message('sort=ref&sort=-ref')).toBe('sort may be given only once.')
    expect(message('colour=red')).toBe('The parameter colour is not one this page reads.')
  })

  it('list what is allowed as each language lists: with 、 in Chinese, not with ", "', () => {
    const inLanguage = (language: string, search: string) => {
      const result = parse(search)
      if (result.ok) throw new Error(`expected ${search} to be refused`)
      return paramMessage(translator(language), result.problem)
    }
    expect(inLanguage('ru', 'archived=all')).toContain('exclude, include, only')
    expect(inLanguage('zh', 'archived=all')).toContain('exclude、include、only')
    expect(inLanguage('zh', 'status=bogus')).toContain('proposed、under_review、endorsed')
    expect(inLanguage('zh', 'sort=cost')).toContain('ref、title_en、')
    for (const search of ['archived=all', 'status=bogus', 'sort=cost', 'quadrant=best'])
      expect(inLanguage('zh', search)).not.toContain(', ')
  })

  it("never carry zod's own wording, whatever the parameter", () => {
    for (const search of [
      'status=bogus',
      'quadrant=best',
      'proposers=XXX',
      'modalities=loan',
      'interest=some',
      'interest_stage=maybe',
      'pageSize=0',
      'pageSize=x',
      'page=-1',
      'sort=%20',
      `pillar=${'p'.repeat(301)}`,
      Array.from({ length: 101 }, (_, k) => `area=a${k}`).join('&'),
    ])
      expect(message(search)).not.toMatch(ZOD_WORDING)
  })
})
