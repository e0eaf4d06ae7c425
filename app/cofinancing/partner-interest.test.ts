import { beforeEach, describe, expect, it } from 'vitest'
import { insertUser, listQuery } from '../../tests/setup/fixtures'
import { usePortfolio } from '../../tests/setup/portfolio'
import { listItems } from '../portfolio/list.server'
import { parseListQuery, toSearchParams, type ListQuery } from '../portfolio/list-query'
import { flagOrganisations, saveFlag, withdrawFlag } from './cofinancing.server'
import { FlagForm, type FlagFormInput } from './schema'

// The portfolio table's partner-interest filter and column (issue 3): the same parameters in the
// table's URL and in /api/v1/items, filtered in the database.

const ROWS: Array<Record<string, string>> = [
  {
    ref: 'P-01',
    strategy: 'CITA 2030',
    title_en: 'Single window',
    proposers: 'KAZ',
    status: 'proposed',
    cost_usd_m: '20',
  },
  {
    ref: 'P-02',
    strategy: 'CITA 2030',
    title_en: 'Dry port',
    proposers: 'GEO',
    status: 'endorsed',
    cost_usd_m: '10',
  },
  { ref: 'P-03', strategy: 'CITA 2030', title_en: 'Rail corridor', proposers: 'KAZ', status: 'endorsed' },
  {
    ref: 'P-04',
    strategy: 'CITA 2030',
    title_en: 'Customs data exchange',
    proposers: 'UZB',
    status: 'proposed',
  },
  { ref: 'P-05', strategy: 'CITA 2030', title_en: 'Border crossing', proposers: 'KAZ', status: 'proposed' },
]

const flag = (input: FlagFormInput) => FlagForm.parse(input)

function query(search: string): ListQuery {
  const parsed = parseListQuery(new URLSearchParams(search))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem))
  return parsed.query
}

describe('the partner-interest parameters', () => {
  it('read interest once, organisations repeated (names may have commas) and stages as codes', () => {
    expect(
      query(
        'interest=none&interest_org=ADB&interest_org=Korea,%20Republic%20of&interest_stage=interest,committed',
      ),
    ).toMatchObject({
      interest: 'none',
      interest_org: ['ADB', 'Korea, Republic of'],
      interest_stage: ['interest', 'committed'],
    })
    expect(parseListQuery(new URLSearchParams('interest=maybe'))).toMatchObject({
      ok: false,
      problem: { param: 'interest' },
    })
    expect(parseListQuery(new URLSearchParams('interest_stage=promised'))).toMatchObject({
      ok: false,
      problem: { param: 'interest_stage' },
    })
    expect(parseListQuery(new URLSearchParams('interest=any&interest=none'))).toMatchObject({
      ok: false,
      problem: { param: 'interest' },
    })
  })

  it('round-trip through the canonical link', () => {
    const q = query('interest=any&interest_org=ADB&interest_org=AIIB&interest_stage=committed')
    expect(toSearchParams(q).toString()).toBe(
      'interest_org=ADB&interest_org=AIIB&interest_stage=committed&interest=any',
    )
    expect(query(toSearchParams(q).toString())).toEqual(q)
  })
})

describe('filtering the portfolio by partner interest', () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      adb: { role: 'partner', organisation: 'ADB' },
      aiib: { role: 'partner', organisation: 'AIIB' },
      wb: { role: 'partner', organisation: 'World Bank' },
    },
  })
  const { adb, aiib, wb } = t.people

  const refs = async (search: string) => (await listItems(t.db, query(search))).items.map((i) => i.ref)

  beforeEach(async () => {
    // P-01: ADB committed, AIIB interest. P-02: AIIB in discussion. P-03: World Bank, withdrawn.
    await saveFlag(t.db, adb, 'P-01', flag({ instrument: 'loan', stage: 'committed', amount_usd_m: '5' }))
    await saveFlag(t.db, aiib, 'P-01', flag({ instrument: 'grant', stage: 'interest' }))
    await saveFlag(t.db, aiib, 'P-02', flag({ instrument: 'grant', stage: 'in_discussion' }))
    await saveFlag(t.db, wb, 'P-03', flag({ instrument: 'grant', stage: 'interest' }))
    await withdrawFlag(t.db, wb, 'P-03')
  })

  it('any: items with a live flag; none: items without one (withdrawn flags do not count)', async () => {
    expect(await refs('interest=any')).toEqual(['P-01', 'P-02'])
    expect(await refs('interest=none')).toEqual(['P-03', 'P-04', 'P-05'])
    expect(await refs('')).toHaveLength(5)
  })

  it('by organisation, several widening; the organisation alone means "flagged by"', async () => {
    expect(await refs('interest_org=ADB')).toEqual(['P-01'])
    expect(await refs('interest_org=AIIB')).toEqual(['P-01', 'P-02'])
    expect(await refs('interest_org=ADB&interest_org=AIIB')).toEqual(['P-01', 'P-02'])
    expect(await refs('interest_org=World%20Bank')).toEqual([])
    // What a partner looks for: the items their organisation has not flagged yet.
    expect(await refs('interest=none&interest_org=AIIB')).toEqual(['P-03', 'P-04', 'P-05'])
    expect(await refs('interest=none&interest_org=ADB')).toEqual(['P-02', 'P-03', 'P-04', 'P-05'])
  })

  it('by stage; organisation and stage must hold for the same flag', async () => {
    expect(await refs('interest_stage=committed')).toEqual(['P-01'])
    expect(await refs('interest_stage=interest,in_discussion')).toEqual(['P-01', 'P-02'])
    expect(await refs('interest_org=AIIB&interest_stage=committed')).toEqual([])
    expect(await refs('interest_org=ADB&interest_stage=committed')).toEqual(['P-01'])
    // Items no partner has committed to.
    expect(await refs('interest=none&interest_stage=committed')).toEqual(['P-02', 'P-03', 'P-04', 'P-05'])
  })

  it('narrows together with the other filters, search, sorts and paging', async () => {
    expect(await refs('interest=any&status=endorsed')).toEqual(['P-02'])
    expect(await refs('interest=none&proposers=KAZ')).toEqual(['P-03', 'P-05'])
    expect(await refs('interest=any&q=dry')).toEqual(['P-02'])
    // P-01's gap 20 - 5 committed = 15, P-02's 10.
    expect(await refs('interest=any&sort=-gap_usd_m')).toEqual(['P-01', 'P-02'])
    expect(await refs('interest=none&sort=-status')).toEqual(['P-03', 'P-04', 'P-05'])
    const page = await listItems(t.db, query('interest=none&pageSize=2&page=2'))
    expect({ total: page.total, refs: page.items.map((i) => i.ref) }).toEqual({ total: 3, refs: ['P-05'] })
    // Archived items stay out unless asked for.
    await t.db.updateTable('items').set({ archived: 1 }).where('ref', '=', 'P-02').execute()
    expect(await refs('interest=any')).toEqual(['P-01'])
    expect(await refs('interest=any&archived=include')).toEqual(['P-01', 'P-02'])
  })

  it('each row carries the live flags by organisation with their stage (the column)', async () => {
    const page = await listItems(t.db, listQuery({ interest: 'any' }))
    expect(page.items.map((i) => [i.ref, i.interest])).toEqual([
      [
        'P-01',
        [
          { organisation: 'ADB', stage: 'committed' },
          { organisation: 'AIIB', stage: 'interest' },
        ],
      ],
      ['P-02', [{ organisation: 'AIIB', stage: 'in_discussion' }]],
    ])
    expect((await listItems(t.db, listQuery({ q: 'P-03' }))).items[0]!.interest).toEqual([])
  })

  it('offers every organisation that has flagged or has a partner user', async () => {
    await insertUser(t.db, 'partner', [], 'EBRD')
    expect(await flagOrganisations(t.db)).toEqual(['ADB', 'AIIB', 'EBRD', 'World Bank'])
  })
})
