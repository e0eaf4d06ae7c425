import { beforeEach, describe, expect, it } from 'vitest'
import { usePortfolio } from '../../tests/setup/portfolio'
import { baselineOf, getItemByRef, setArchived, updateItem } from '../portfolio/items.server'
import { formValuesOf, ItemForm } from '../portfolio/schema'
import { getHistory } from '../history/history.server'
import {
  addByRefs,
  addFromView,
  carryDeferred,
  carryTargets,
  createMeeting,
  getAgenda,
  getDecisions,
  moveAgendaItem,
  openMeeting,
  previousMeeting,
  recordDecision,
  removeAgendaItem,
} from './meetings.server'
import { getMeetingPack } from './pack.server'
import { MEETING_ROWS, newMeeting } from './test-fixtures'
import { AGENDA_LIMIT, MAX_PICKED } from './schema'
import { fillItems } from '../../scripts/bench-data'
import { insertUser } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'

const MEETING = {
  title: 'RTG 2026 first meeting',
  body: 'regional_trade_group' as const,
  meeting_date: '2026-03-10',
  place: 'Tbilisi',
}

describe('meetings', () => {
  const t = usePortfolio({
    items: MEETING_ROWS,
    people: { secretariat: { role: 'secretariat' }, viewer: { role: 'viewer' } },
  })
  const { secretariat, viewer } = t.people
  const id = async (ref: string) => (await getItemByRef(t.db, ref))!.id
  const refsOf = async (meetingId: string) => (await getAgenda(t.db, meetingId)).map((a) => a.ref)

  describe('building the agenda', () => {
    it('adds a table view in its order, then hand-picked refs; never an item twice', async () => {
      const meeting = await newMeeting(t.db, secretariat, MEETING)
      const fromView = await addFromView(
        t.db,
        secretariat,
        meeting,
        'http://localhost:3000/items?status=under_review&sort=-ref&cols=ref,title',
      )
      expect(fromView).toMatchObject({ kind: 'added', added: ['M-05', 'M-03', 'M-01'], already: [] })
      const picked = await addByRefs(t.db, secretariat, meeting, ['m-02', 'M-01', 'NOPE-1'])
      expect(picked).toMatchObject({ kind: 'added', added: ['M-02'], already: ['M-01'], unknown: ['NOPE-1'] })
      // the same view again adds nothing new
      expect(await addFromView(t.db, secretariat, meeting, '?status=under_review')).toMatchObject({
        added: [],
        already: ['M-01', 'M-03', 'M-05'],
      })
      expect(await refsOf(meeting)).toEqual(['M-05', 'M-03', 'M-01', 'M-02'])
      expect((await getAgenda(t.db, meeting)).map((a) => a.source)).toEqual([
        'view',
        'view',
        'view',
        'picked',
      ])
    })

    it('refuses a view with a bad parameter, and archived items', async () => {
      const meeting = await newMeeting(t.db, secretariat, MEETING)
      expect(await addFromView(t.db, secretariat, meeting, '?stauts=proposed')).toMatchObject({
        kind: 'bad_view',
        problem: { param: 'stauts', key: 'params.unknown' },
      })
      await setArchived(t.db, secretariat, 'M-04', true)
      expect(await addByRefs(t.db, secretariat, meeting, ['M-04'])).toMatchObject({
        added: [],
        archived: ['M-04'],
      })
      expect(await addFromView(t.db, secretariat, meeting, '?archived=include')).toMatchObject({
        added: ['M-01', 'M-02', 'M-03', 'M-05'],
      })
    })

    it('moves items up and down, stopping at the ends, and removes them', async () => {
      const meeting = await newMeeting(t.db, secretariat, MEETING)
      await addByRefs(t.db, secretariat, meeting, ['M-01', 'M-02', 'M-03'])
      expect(await moveAgendaItem(t.db, secretariat, meeting, await id('M-03'), 'up')).toEqual({
        kind: 'done',
      })
      expect(await refsOf(meeting)).toEqual(['M-01', 'M-03', 'M-02'])
      await moveAgendaItem(t.db, secretariat, meeting, await id('M-01'), 'up')
      await moveAgendaItem(t.db, secretariat, meeting, await id('M-02'), 'down')
      expect(await refsOf(meeting)).toEqual(['M-01', 'M-03', 'M-02'])
      await moveAgendaItem(t.db, secretariat, meeting, await id('M-01'), 'down')
      expect(await refsOf(meeting)).toEqual(['M-03', 'M-01', 'M-02'])
      expect(await removeAgendaItem(t.db, secretariat, meeting, await id('M-01'))).toEqual({ kind: 'done' })
      await moveAgendaItem(t.db, secretariat, meeting, await id('M-02'), 'up')
      expect(await refsOf(meeting)).toEqual(['M-02', 'M-03'])
      expect(await moveAgendaItem(t.db, secretariat, meeting, await id('M-05'), 'up')).toEqual({
        kind: 'not_on_agenda',
      })
    })

    it("is the secretariat's: anyone else is refused, and nothing is written", async () => {
      const refused = { kind: 'forbidden', action: 'meeting:manage' }
      expect(await createMeeting(t.db, viewer, MEETING)).toEqual(refused)
      const meeting = await newMeeting(t.db, secretariat, MEETING)
      expect(await addByRefs(t.db, viewer, meeting, ['M-01'])).toEqual(refused)
      expect(await refsOf(meeting)).toEqual([])
    })
  })

  describe('opening', () => {
    it('freezes a snapshot: the pack shows what the committee saw, whatever changes later', async () => {
      const meeting = await newMeeting(t.db, secretariat, MEETING)
      await addByRefs(t.db, secretariat, meeting, ['M-02', 'M-01'])
      expect(await openMeeting(t.db, secretariat, meeting)).toMatchObject({ kind: 'opened' })
      expect(await openMeeting(t.db, secretariat, meeting)).toEqual({ kind: 'open' })
      // the agenda is frozen
      expect(await addByRefs(t.db, secretariat, meeting, ['M-03'])).toEqual({ kind: 'open' })
      expect(await moveAgendaItem(t.db, secretariat, meeting, await id('M-01'), 'up')).toEqual({
        kind: 'open',
      })

      const before = (await getMeetingPack(t.db, meeting))!
      expect(before.frozen).toBe(true)
      expect(before.items.map((i) => [i.number, i.ref, i.title_en, i.cost_usd_m])).toEqual([
        [1, 'M-02', 'Dry port', 50],
        [2, 'M-01', 'Single window', 20],
      ])

      const item = (await getItemByRef(t.db, 'M-02'))!
      const form = ItemForm.parse({
        ...formValuesOf(item),
        title_en: 'Dry port, renamed',
        cost_usd_m: '75',
        version: item.version,
      })
      expect((await updateItem(t.db, secretariat, 'M-02', form, JSON.stringify(baselineOf(item)))).kind).toBe(
        'saved',
      )

      const after = (await getMeetingPack(t.db, meeting))!
      expect(after.items.find((i) => i.ref === 'M-02')).toMatchObject({
        title_en: 'Dry port',
        cost_usd_m: 50,
      })
      expect(after.summary.total).toEqual({ items: 2, cost_kusd: 70000, secured_kusd: 5000, gap_kusd: 65000 })
    })

    it('refuses an empty agenda and one with an item archived since', async () => {
      const meeting = await newMeeting(t.db, secretariat, MEETING)
      expect(await openMeeting(t.db, secretariat, meeting)).toEqual({ kind: 'empty' })
      await addByRefs(t.db, secretariat, meeting, ['M-01', 'M-04'])
      await setArchived(t.db, secretariat, 'M-04', true)
      expect(await openMeeting(t.db, secretariat, meeting)).toEqual({ kind: 'archived', refs: ['M-04'] })
      expect((await getMeetingPack(t.db, meeting))!.frozen).toBe(false)
    })

    it('groups the pack by pillar then area, with figures by status, quadrant and pillar', async () => {
      const meeting = await newMeeting(t.db, secretariat, MEETING)
      await addFromView(t.db, secretariat, meeting, '?sort=-ref')
      await openMeeting(t.db, secretariat, meeting)
      const pack = (await getMeetingPack(t.db, meeting))!
      expect(
        pack.groups.map((g) => [g.pillar, g.areas.map((a) => [a.area, a.items.map((i) => i.ref)])]),
      ).toEqual([
        [
          'Pillar 1: Market access',
          [
            ['1 Trade policy', ['M-01']],
            ['2 Border infrastructure', ['M-02']],
          ],
        ],
        ['Pillar 2: Diversification', [['10 Trade reform', ['M-04', 'M-03']]]],
        ['Pillar 3: Institutions', [['19 Monitoring', ['M-05']]]],
      ])
      expect(pack.summary.byStatus).toEqual([
        { status: 'proposed', count: 2 },
        { status: 'under_review', count: 3 },
      ])
      expect(pack.summary.byQuadrant).toEqual([{ quadrant: 'unscored', count: 5 }])
      expect(pack.summary.byPillar).toEqual([
        {
          pillar: 'Pillar 1: Market access',
          items: 2,
          cost_kusd: 70000,
          secured_kusd: 5000,
          gap_kusd: 65000,
        },
        { pillar: 'Pillar 2: Diversification', items: 2, cost_kusd: 1500, secured_kusd: 500, gap_kusd: 1000 },
        { pillar: 'Pillar 3: Institutions', items: 1, cost_kusd: null, secured_kusd: 0, gap_kusd: null },
      ])
      expect(pack.changes).toEqual({ previous: null, report: null })
    })
  })

  describe('decisions', () => {
    let meeting: string
    beforeEach(async () => {
      meeting = await newMeeting(t.db, secretariat, MEETING)
      await addByRefs(t.db, secretariat, meeting, ['M-01', 'M-02', 'M-03', 'M-05'])
    })

    it('are recorded once the meeting is open', async () => {
      expect(await recordDecision(t.db, secretariat, meeting, await id('M-01'), 'note', 'Noted.')).toEqual({
        kind: 'not_open',
      })
      await openMeeting(t.db, secretariat, meeting)
      expect(await recordDecision(t.db, secretariat, meeting, await id('M-04'), 'note', 'Noted.')).toEqual({
        kind: 'not_on_agenda',
      })
    })

    it('endorse moves the item through the workflow on behalf of the committee, and shows in its timeline', async () => {
      await openMeeting(t.db, secretariat, meeting)
      const outcome = await recordDecision(
        t.db,
        secretariat,
        meeting,
        await id('M-01'),
        'endorse',
        '  Endorsed by the RTG.  ',
      )
      expect(outcome).toEqual({ kind: 'recorded', ref: 'M-01', from: 'under_review', to: 'endorsed' })
      expect((await getItemByRef(t.db, 'M-01'))!.status).toBe('endorsed')
      const history = (await getHistory(t.db, 'M-01'))!
      expect(history.slice(0, 2).map(({ kind, by, details }) => ({ kind, by, details }))).toEqual([
        {
          kind: 'decision',
          by: 'Test secretariat',
          details: {
            meeting_id: meeting,
            meeting_title: MEETING.title,
            body: 'regional_trade_group',
            meeting_date: '2026-03-10',
            decision: 'endorse',
            text: 'Endorsed by the RTG.',
            from: 'under_review',
            to: 'endorsed',
          },
        },
        {
          kind: 'transition',
          by: 'Test secretariat',
          details: { from: 'under_review', to: 'endorsed', reason: 'Endorsed by the RTG.' },
        },
      ])
      expect(await recordDecision(t.db, secretariat, meeting, await id('M-01'), 'note', 'Again')).toEqual({
        kind: 'already_decided',
        ref: 'M-01',
      })
      // the pack still shows the status the committee saw, and the decision
      const pack = (await getMeetingPack(t.db, meeting))!
      expect(pack.items.find((i) => i.ref === 'M-01')!.status).toBe('under_review')
      expect(pack.decisions.find((d) => d.ref === 'M-01')!.decision).toMatchObject({
        decision: 'endorse',
        status_from: 'under_review',
        status_to: 'endorsed',
      })
    })

    it("return and drop go through the workflow too (the secretariat's own moves)", async () => {
      await openMeeting(t.db, secretariat, meeting)
      expect(
        await recordDecision(t.db, secretariat, meeting, await id('M-03'), 'return', 'Add a cost breakdown'),
      ).toMatchObject({ kind: 'recorded', to: 'proposed' })
      expect(
        await recordDecision(t.db, secretariat, meeting, await id('M-02'), 'drop', 'Duplicates another item'),
      ).toMatchObject({ kind: 'recorded', from: 'proposed', to: 'dropped' })
      expect((await getItemByRef(t.db, 'M-02'))!.status).toBe('dropped')
    })

    it("a refused move is reported with the workflow's reason and records nothing", async () => {
      await openMeeting(t.db, secretariat, meeting)
      const events = async () => (await getHistory(t.db, 'M-02'))!.length
      const before = await events()
      // M-02 is proposed: nothing leads from proposed to endorsed
      const outcome = await recordDecision(
        t.db,
        secretariat,
        meeting,
        await id('M-02'),
        'endorse',
        'Endorsed',
      )
      expect(outcome).toMatchObject({
        kind: 'refused',
        ref: 'M-02',
        refusal: { outcome: 'not_allowed_from_state', from: 'proposed', to: 'endorsed' },
      })
      expect((await getItemByRef(t.db, 'M-02'))!.status).toBe('proposed')
      expect(await events()).toBe(before)
      expect(await getDecisions(t.db, meeting)).toEqual([])
      // and the item can still be decided on
      expect(
        await recordDecision(
          t.db,
          secretariat,
          meeting,
          await id('M-02'),
          'defer',
          'Wait for the feasibility study',
        ),
      ).toMatchObject({ kind: 'recorded', from: null, to: null })
    })

    it('note and defer change no status but are in the timeline', async () => {
      await openMeeting(t.db, secretariat, meeting)
      const version = (await getItemByRef(t.db, 'M-05'))!.version
      await recordDecision(t.db, secretariat, meeting, await id('M-05'), 'note', 'The committee took note.')
      expect(await getItemByRef(t.db, 'M-05')).toMatchObject({ status: 'under_review', version })
      expect((await getHistory(t.db, 'M-05'))![0]).toMatchObject({
        kind: 'decision',
        details: { decision: 'note', from: null, to: null },
      })
    })

    it('deferred items are carried to the next meeting in one step; the next pack lists the changes since', async () => {
      await openMeeting(t.db, secretariat, meeting)
      await recordDecision(t.db, secretariat, meeting, await id('M-02'), 'defer', 'Next time')
      await recordDecision(t.db, secretariat, meeting, await id('M-05'), 'defer', 'Next time')
      await recordDecision(t.db, secretariat, meeting, await id('M-01'), 'endorse', 'Endorsed')

      const next = await newMeeting(t.db, secretariat, {
        ...MEETING,
        title: 'RTG 2026 second meeting',
        meeting_date: '2026-09-10',
      })
      // offered first: the same body's next draft; an earlier draft is not offered at all
      const other = await newMeeting(t.db, secretariat, {
        ...MEETING,
        body: 'digital_strategy_steering_committee' as const,
        title: 'DSSC',
        meeting_date: '2026-04-01',
      })
      await newMeeting(t.db, secretariat, { ...MEETING, title: 'Old draft', meeting_date: '2020-01-01' })
      const summaryOf = (await getMeetingPack(t.db, meeting))!.meeting
      expect((await carryTargets(t.db, summaryOf)).map((m) => m.id)).toEqual([next, other])
      await addByRefs(t.db, secretariat, next, ['M-05', 'M-01'])
      expect(await carryDeferred(t.db, secretariat, meeting, next)).toEqual({
        kind: 'carried',
        added: ['M-02'],
        already: ['M-05'],
        archived: [],
      })
      expect(await refsOf(next)).toEqual(['M-05', 'M-01', 'M-02'])
      expect((await getAgenda(t.db, next)).map((a) => a.source)).toEqual(['picked', 'picked', 'carried'])
      expect(await carryDeferred(t.db, secretariat, next, meeting)).toEqual({ kind: 'open' })

      await openMeeting(t.db, secretariat, next)
      const summary = (await getMeetingPack(t.db, next))!
      expect(summary.changes.previous).toMatchObject({ id: meeting })
      expect(
        summary.changes.report!.sections.status.map((s) => [s.ref, s.before.status, s.after.status]),
      ).toEqual([['M-01', 'under_review', 'endorsed']])
      expect(
        await previousMeeting(t.db, {
          id: next,
          body: 'regional_trade_group',
          opened_at: summary.meeting.opened_at,
        }),
      ).toMatchObject({ id: meeting })
      // another body's meetings are not "previous"
      expect(
        await previousMeeting(t.db, {
          id: next,
          body: 'digital_strategy_steering_committee',
          opened_at: summary.meeting.opened_at,
        }),
      ).toBeNull()
    })
  })
})

describe('an agenda of a large register', () => {
  const d = useTestDb('each')

  it('refuses a view of more items than an agenda holds, before reading it, and adds nothing', async () => {
    await fillItems(d.db, AGENDA_LIMIT + 100, null)
    const secretariat = await insertUser(d.db, 'secretariat')
    const meeting = await newMeeting(d.db, secretariat, MEETING)
    const outcome = await addFromView(d.db, secretariat, meeting, '/items')
    expect(outcome).toMatchObject({ kind: 'too_many', present: 0, limit: AGENDA_LIMIT })
    if (outcome.kind === 'too_many') expect(outcome.adding).toBeGreaterThan(AGENDA_LIMIT)
    expect(await getAgenda(d.db, meeting)).toEqual([])
  })

  it('fills up to its limit by hand, then refuses one more, saying how many it has', async () => {
    await fillItems(d.db, AGENDA_LIMIT + 100, null)
    const secretariat = await insertUser(d.db, 'secretariat')
    const meeting = await newMeeting(d.db, secretariat, MEETING)
    const refs = (
      await d.db
        .selectFrom('items')
        .select('ref')
        .where('archived', '=', 0)
        .orderBy('ref')
        .limit(AGENDA_LIMIT + 1)
        .execute()
    ).map((r) => r.ref)
    for (let k = 0; k < AGENDA_LIMIT; k += MAX_PICKED)
      expect(
        await addByRefs(d.db, secretariat, meeting, refs.slice(k, Math.min(k + MAX_PICKED, AGENDA_LIMIT))),
      ).toMatchObject({ kind: 'added' })
    expect(await addByRefs(d.db, secretariat, meeting, refs.slice(AGENDA_LIMIT - 1))).toEqual({
      kind: 'too_many',
      adding: 1,
      present: AGENDA_LIMIT,
      limit: AGENDA_LIMIT,
    })
    expect(await getAgenda(d.db, meeting)).toHaveLength(AGENDA_LIMIT)
  })
})
