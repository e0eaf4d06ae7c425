import { describe, expect, it, beforeEach } from 'vitest'
import { usePortfolio } from '../../tests/setup/portfolio'
import { addComment } from '../comments/comments.server'
import { transition } from '../workflow/workflow.server'
import { getActivity, pillarNames } from './activity.server'
import { translator } from '../i18n/i18n'
import { paramMessage } from '../portfolio/url-params'
import { ActivityQuery, activitySearchParams, parseActivityQuery } from './query'

const ROWS: Array<Record<string, string>> = [
  {
    ref: 'A-01',
    strategy: 'CITA 2030',
    pillar: 'Pillar 1: Trade expansion',
    title_en: 'Single window',
    proposers: 'KAZ',
    status: 'proposed',
  },
  {
    ref: 'A-02',
    strategy: 'CITA 2030',
    pillar: 'Pillar 2: Diversification',
    title_en: 'Dry port',
    proposers: 'GEO;KAZ',
    status: 'proposed',
  },
  {
    ref: 'A-03',
    strategy: 'Digital Strategy 2030',
    pillar: 'Pillar 1: Trade expansion',
    title_en: 'Cloud',
    proposers: 'MON',
    status: 'proposed',
  },
]

const query = (over: Partial<ActivityQuery> = {}): ActivityQuery => ({ ...ActivityQuery.parse({}), ...over })

describe('the activity page', () => {
  const t = usePortfolio({ items: ROWS, people: { secretariat: { role: 'secretariat' } } })
  const { secretariat } = t.people

  beforeEach(async () => {
    await transition(t.db, secretariat, 'A-01', 'under_review', null)
    await addComment(t.db, secretariat, 'A-02', 'Needs a feasibility study')
  })

  const refsAndKinds = async (q: ActivityQuery) =>
    (await getActivity(t.db, q)).entries.map((e) => `${e.ref} ${e.kind}`)

  it("lists every item's changes, newest first, with who made them", async () => {
    const page = await getActivity(t.db, query())
    const told = page.entries.map((e) => `${e.ref} ${e.kind}`)
    expect(told.slice(0, 2)).toEqual(['A-02 comment', 'A-01 transition'])
    // the import wrote its three events at one instant: their order among themselves is by id
    expect(told.slice(2).sort()).toEqual(['A-01 imported', 'A-02 imported', 'A-03 imported'])
    expect(page.entries[1]).toMatchObject({
      by: 'Test secretariat',
      title: 'Single window',
      details: { from: 'proposed', to: 'under_review' },
    })
    expect(page.older).toBeNull()
  })

  it('filters by proposer country, pillar (by name, across strategies) and kind, together', async () => {
    expect(
      (await refsAndKinds(query({ proposers: ['KAZ'] }))).filter((e) => !e.endsWith('imported')),
    ).toEqual(['A-02 comment', 'A-01 transition'])
    expect(await refsAndKinds(query({ proposers: ['MON'] }))).toEqual(['A-03 imported'])
    expect((await refsAndKinds(query({ pillar: ['Pillar 1: Trade expansion'] }))).sort()).toEqual([
      'A-01 imported',
      'A-01 transition',
      'A-03 imported',
    ])
    expect(await refsAndKinds(query({ kind: ['comment', 'transition'] }))).toEqual([
      'A-02 comment',
      'A-01 transition',
    ])
    expect(await refsAndKinds(query({ proposers: ['GEO'], kind: ['transition'] }))).toEqual([])
    expect(await pillarNames(t.db)).toEqual(['Pillar 1: Trade expansion', 'Pillar 2: Diversification'])
  })

  it('filters by UTC day, both ends included', async () => {
    const today = new Date().toISOString().slice(0, 10)
    expect(await refsAndKinds(query({ from: today, to: today, kind: ['comment'] }))).toEqual(['A-02 comment'])
    expect(await refsAndKinds(query({ to: '2000-01-01' }))).toEqual([])
    expect(await refsAndKinds(query({ from: '2999-01-01' }))).toEqual([])
  })

  it('pages back with a cursor, no entry twice or lost', async () => {
    for (let i = 0; i < 60; i++) await addComment(t.db, secretariat, 'A-03', `comment ${i}`)
    const first = await getActivity(t.db, query())
    expect(first.entries).toHaveLength(50)
    const second = await getActivity(t.db, query({ before: first.older! }))
    const all = [...first.entries, ...second.entries].map((e) => e.id)
    expect(all).toHaveLength(65)
    expect(new Set(all).size).toBe(65)
    expect(second.older).toBeNull()
  })

  it("reads its filters from the URL, with the table's name for proposers (the old country= still works)", () => {
    const query: ActivityQuery = {
      proposers: ['KAZ', 'UZB'],
      kind: ['comment'],
      pillar: ['Pillar 1'],
      from: '2026-11-01',
      to: '2026-11-30',
    }
    const params = 'kind=comment&pillar=Pillar%201&from=2026-11-01&to=2026-11-30'
    expect(parseActivityQuery(new URLSearchParams(`proposers=KAZ,UZB&${params}`))).toEqual({
      ok: true,
      query,
    })
    expect(parseActivityQuery(new URLSearchParams(`country=KAZ,UZB&${params}`))).toEqual({ ok: true, query })
    expect(activitySearchParams(query).toString()).toBe(
      'proposers=KAZ&proposers=UZB&pillar=Pillar+1&kind=comment&from=2026-11-01&to=2026-11-30',
    )
  })

  it('names the parameter at fault in our words, translated', () => {
    const t = translator()
    const refused = (search: string) => {
      const parsed = parseActivityQuery(new URLSearchParams(search))
      if (parsed.ok) throw new Error(`expected ${search} to be refused`)
      // the page still shows the newest activity
      expect(parsed.query).toEqual(ActivityQuery.parse({}))
      return { param: parsed.problem.param, message: paramMessage(t, parsed.problem) }
    }
    expect(refused('from=1 Nov')).toEqual({
      param: 'from',
      message: 'from: dates are written as YYYY-MM-DD.',
    })
    expect(refused('from=2026-11-30&to=2026-11-01')).toEqual({
      param: 'to',
      message: 'The "to" date is before the "from" date.',
    })
    expect(refused('proposers=XXX')).toEqual({
      param: 'proposers',
      message: 'proposers: "XXX" is not one of AZE, PRC, GEO, KAZ, KGZ, MON, PAK, TAJ, TKM, UZB, REG.',
    })
    expect(refused('country=XXX')).toMatchObject({
      param: 'country',
      message: /^country: "XXX" is not one of /,
    })
    expect(refused('kind=bogus').message).toMatch(/^kind: "bogus" is not one of created, edited, /)
    expect(refused('before=nope').message).toBe('before could not be read.')
  })
})
