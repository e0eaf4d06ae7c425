import { describe, expect, it } from 'vitest'
import { usePortfolio } from '../../tests/setup/portfolio'
import { getAgenda } from '../meetings/meetings.server'
import { newMeeting } from '../meetings/test-fixtures'
import { followOf } from '../notifications/follows.server'
import { getHistory } from '../history/history.server'
import { getItemByRef } from '../portfolio/items.server'
import { SELECTION_LIMIT } from '../portfolio/list-query'
import { bulkAddToAgenda, bulkFollow, bulkMove, resolveSelection } from './bulk.server'

const ROWS: Array<Record<string, string>> = [
  { ref: 'B-01', strategy: 'CITA 2030', title_en: 'Single window', proposers: 'KAZ', status: 'proposed' },
  { ref: 'B-02', strategy: 'CITA 2030', title_en: 'Dry port', proposers: 'GEO', status: 'proposed' },
  { ref: 'B-03', strategy: 'CITA 2030', title_en: 'Rail corridor', proposers: 'KAZ', status: 'completed' },
  { ref: 'B-04', strategy: 'CITA 2030', title_en: 'Border post', proposers: 'KAZ', status: 'proposed' },
]

const statusOf = async (db: Parameters<typeof getItemByRef>[0], ref: string) =>
  (await getItemByRef(db, ref))?.status

describe('bulk work', () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      secretariat: { role: 'secretariat' },
      wgKaz: { role: 'working_group', countries: ['KAZ'] },
      viewer: { role: 'viewer' },
    },
  })
  const { secretariat, wgKaz, viewer } = t.people

  it('moves the items the workflow allows and lists each refused one with its reason', async () => {
    const outcome = await bulkMove(t.db, wgKaz, ['B-01', 'B-02', 'B-03', 'NOPE', 'B-04'], 'under_review', '')
    expect(outcome.kind).toBe('done')
    if (outcome.kind !== 'done') return
    expect(outcome.results.map((r) => [r.ref, r.kind])).toEqual([
      ['B-01', 'moved'],
      ['B-02', 'refused'],
      ['B-03', 'refused'],
      ['NOPE', 'not_found'],
      ['B-04', 'moved'],
    ])
    // GEO's item is not the KAZ group's to submit; a completed item has no move to under review
    expect(outcome.results[1]).toMatchObject({ refusal: { outcome: 'forbidden' } })
    expect(outcome.results[2]).toMatchObject({ refusal: { outcome: 'not_allowed_from_state' } })
    expect(await statusOf(t.db, 'B-01')).toBe('under_review')
    expect(await statusOf(t.db, 'B-02')).toBe('proposed')
    expect(await statusOf(t.db, 'B-03')).toBe('completed')
    expect(await statusOf(t.db, 'B-04')).toBe('under_review')
    // each moved item has its own history event, as a move from the item page would
    const history = await getHistory(t.db, 'B-04')
    expect(history?.[0]).toMatchObject({
      kind: 'transition',
      details: { from: 'proposed', to: 'under_review' },
    })
    expect((await getHistory(t.db, 'B-02'))?.[0]?.kind).toBe('imported')
  })

  it('refuses a move that needs a reason for every item without one, moving none', async () => {
    await bulkMove(t.db, secretariat, ['B-01', 'B-04'], 'under_review', '')
    const returned = await bulkMove(t.db, secretariat, ['B-01', 'B-04'], 'proposed', '')
    expect(returned.kind === 'done' && returned.results.map((r) => r.kind)).toEqual(['refused', 'refused'])
    const withReason = await bulkMove(t.db, secretariat, ['B-01', 'B-04'], 'proposed', 'Costs missing')
    expect(withReason.kind === 'done' && withReason.results.map((r) => r.kind)).toEqual(['moved', 'moved'])
  })

  it('answers forbidden to someone who makes no moves', async () => {
    expect(await bulkMove(t.db, viewer, ['B-01'], 'under_review', '')).toMatchObject({ kind: 'forbidden' })
    expect(await statusOf(t.db, 'B-01')).toBe('proposed')
  })

  it('resolves "all matching" to the view\'s refs in its order, and refuses a selection past the limit', async () => {
    expect(await resolveSelection(t.db, { all: true, view: '?proposers=KAZ&sort=-ref&page=2' })).toEqual({
      kind: 'ok',
      refs: ['B-04', 'B-03', 'B-01'],
    })
    expect(await resolveSelection(t.db, { all: true, view: '?status=dropped' })).toEqual({ kind: 'empty' })
    expect(await resolveSelection(t.db, { all: true, view: '?bogus=1' })).toMatchObject({ kind: 'bad_view' })
    const many = Array.from({ length: SELECTION_LIMIT + 1 }, (_, i) => `X-${i}`)
    expect(await resolveSelection(t.db, { all: false, ref: many })).toEqual({
      kind: 'too_many',
      limit: SELECTION_LIMIT,
      count: SELECTION_LIMIT + 1,
    })
    expect(await resolveSelection(t.db, { all: false, ref: ['B-01', 'B-01', 'B-02'] })).toEqual({
      kind: 'ok',
      refs: ['B-01', 'B-02'],
    })
  })

  it('adds the selection to a draft agenda, listing what was already there or unknown', async () => {
    const meeting = await newMeeting(t.db, secretariat, {
      title: 'SC 1',
      body: 'regional_trade_group',
      meeting_date: '2027-01-20',
      place: 'Tashkent',
    })
    await bulkAddToAgenda(t.db, secretariat, meeting, ['B-02'])
    expect(await bulkAddToAgenda(t.db, secretariat, meeting, ['B-01', 'B-02', 'NOPE'])).toMatchObject({
      kind: 'added',
      added: ['B-01'],
      already: ['B-02'],
      unknown: ['NOPE'],
    })
    expect((await getAgenda(t.db, meeting)).map((e) => e.ref)).toEqual(['B-02', 'B-01'])
    expect(await bulkAddToAgenda(t.db, wgKaz, meeting, ['B-03'])).toMatchObject({ kind: 'forbidden' })
  })

  it('follows and unfollows each item of the selection', async () => {
    expect(await bulkFollow(t.db, viewer, ['B-01', 'B-02', 'NOPE'], true)).toMatchObject({
      kind: 'done',
      results: [
        { ref: 'B-01', kind: 'done' },
        { ref: 'B-02', kind: 'done' },
        { ref: 'NOPE', kind: 'not_found' },
      ],
    })
    const item = (await getItemByRef(t.db, 'B-02'))!
    expect(await followOf(t.db, viewer, item)).toBe('explicit')
    await bulkFollow(t.db, viewer, ['B-02'], false)
    expect(await followOf(t.db, viewer, item)).toBe('none')
  })
})
