import { describe, expect, it } from 'vitest'
import { usePortfolio } from '../../tests/setup/portfolio'
import { getHistory } from '../history/history.server'
import { getItemByRef } from '../portfolio/items.server'
import { amendDecision, correctMeetingDetails, deleteDraftMeeting } from './corrections.server'
import {
  addByRefs,
  getDecisions,
  getMeetingSummary,
  openMeeting,
  recordDecision,
  updateMeeting,
} from './meetings.server'
import { getMeetingPack } from './pack.server'
import { MEETING_ROWS, newMeeting } from './test-fixtures'

// Issue 11, "Meetings that can be corrected": amendments keep the original and say why; an open
// meeting's title and place can be corrected; a draft can be edited or deleted, an open one not.

const MEETING = {
  title: 'RTG 2026 first meeting',
  body: 'regional_trade_group' as const,
  meeting_date: '2026-03-10',
  place: 'Tbilisi',
}

describe('correcting meetings', () => {
  const t = usePortfolio({
    items: MEETING_ROWS,
    people: {
      secretariat: { role: 'secretariat' },
      member: { role: 'steering_committee' },
    },
  })
  const { secretariat, member } = t.people
  const id = async (ref: string) => (await getItemByRef(t.db, ref))!.id
  const status = async (ref: string) => (await getItemByRef(t.db, ref))!.status

  /** An open meeting with M-01 and M-03 (both under review) on its agenda. */
  async function openWithAgenda(): Promise<string> {
    const meeting = await newMeeting(t.db, secretariat, MEETING)
    await addByRefs(t.db, secretariat, meeting, ['M-01', 'M-03'])
    expect(await openMeeting(t.db, secretariat, meeting)).toMatchObject({ kind: 'opened' })
    return meeting
  }

  describe('amending a decision', () => {
    it('keeps the original, puts the amendment in force with its reason, and tells both in the history', async () => {
      const meeting = await openWithAgenda()
      const m03 = await id('M-03')
      await recordDecision(t.db, secretariat, meeting, m03, 'note', 'Noted the study.')
      const outcome = await amendDecision(
        t.db,
        secretariat,
        meeting,
        m03,
        'defer',
        'Deferred to the next meeting.',
        '  The minutes were misread.  ',
      )
      expect(outcome).toEqual({ kind: 'amended', ref: 'M-03', from: null, to: null, status: 'under_review' })

      const [decision] = await getDecisions(t.db, meeting)
      expect(decision).toMatchObject({
        ref: 'M-03',
        decision: 'defer',
        text: 'Deferred to the next meeting.',
        amendment: {
          reason: 'The minutes were misread.',
          original_decision: 'note',
          original_text: 'Noted the study.',
          count: 1,
        },
      })
      // the original row is untouched
      const stored = await t.db
        .selectFrom('meeting_decisions')
        .select(['decision', 'text'])
        .where('item_id', '=', m03)
        .executeTakeFirstOrThrow()
      expect(stored).toEqual({ decision: 'note', text: 'Noted the study.' })

      const decisions = (await getHistory(t.db, 'M-03'))!.filter((e) => e.kind === 'decision')
      expect(decisions.map((e) => e.details)).toEqual([
        expect.objectContaining({
          decision: 'defer',
          amended: {
            reason: 'The minutes were misread.',
            previous_decision: 'note',
            previous_text: 'Noted the study.',
          },
        }),
        expect.not.objectContaining({ amended: expect.anything() }),
      ])
      expect(decisions[1]!.details).toMatchObject({ decision: 'note', text: 'Noted the study.' })
    })

    it('the pack shows the amended decision, marked as such', async () => {
      const meeting = await openWithAgenda()
      await recordDecision(t.db, secretariat, meeting, await id('M-03'), 'note', 'Noted.')
      await amendDecision(t.db, secretariat, meeting, await id('M-03'), 'defer', 'Deferred.', 'Typo')
      const pack = (await getMeetingPack(t.db, meeting))!
      const row = pack.decisions.find((d) => d.ref === 'M-03')!
      expect(row.decision).toMatchObject({
        decision: 'defer',
        text: 'Deferred.',
        amendment: { reason: 'Typo', original_decision: 'note' },
      })
      expect(pack.decisions.find((d) => d.ref === 'M-01')!.decision).toBeNull()
    })

    it('an amendment to a decision that moves status goes through the workflow; the latest is in force', async () => {
      const meeting = await openWithAgenda()
      const m01 = await id('M-01')
      await recordDecision(t.db, secretariat, meeting, m01, 'note', 'Noted.')
      expect(
        await amendDecision(t.db, secretariat, meeting, m01, 'endorse', 'Endorsed.', 'It was endorsed'),
      ).toEqual({
        kind: 'amended',
        ref: 'M-01',
        from: 'under_review',
        to: 'endorsed',
        status: 'endorsed',
      })
      expect(await status('M-01')).toBe('endorsed')
      // a second amendment to a decision that changes no status leaves the status and says so
      expect(
        await amendDecision(t.db, secretariat, meeting, m01, 'note', 'Noted after all.', 'Second thoughts'),
      ).toEqual({ kind: 'amended', ref: 'M-01', from: null, to: null, status: 'endorsed' })
      const [decision] = await getDecisions(t.db, meeting)
      expect(decision).toMatchObject({
        decision: 'note',
        text: 'Noted after all.',
        // the status change shown is the last one made
        status_from: 'under_review',
        status_to: 'endorsed',
        amendment: { reason: 'Second thoughts', original_decision: 'note', count: 2 },
      })
    })

    it('a move the workflow refuses records nothing', async () => {
      const meeting = await openWithAgenda()
      const m01 = await id('M-01')
      await recordDecision(t.db, secretariat, meeting, m01, 'endorse', 'Endorsed.')
      // endorsed -> proposed is no move of the workflow
      const outcome = await amendDecision(
        t.db,
        secretariat,
        meeting,
        m01,
        'return',
        'Returned.',
        'Wrong item',
      )
      expect(outcome).toMatchObject({ kind: 'refused', ref: 'M-01' })
      expect(await status('M-01')).toBe('endorsed')
      expect((await getDecisions(t.db, meeting))[0]!.amendment).toBeNull()
    })

    it('needs a recorded decision, a change, and the right to amend', async () => {
      const meeting = await openWithAgenda()
      const m01 = await id('M-01')
      expect(await amendDecision(t.db, secretariat, meeting, m01, 'note', 'N', 'R')).toEqual({
        kind: 'not_decided',
      })
      await recordDecision(t.db, secretariat, meeting, m01, 'note', 'Noted.')
      expect(await amendDecision(t.db, secretariat, meeting, m01, 'note', ' Noted. ', 'R')).toEqual({
        kind: 'unchanged',
        ref: 'M-01',
      })
      expect(await amendDecision(t.db, member, meeting, m01, 'defer', 'D', 'R')).toEqual({
        kind: 'forbidden',
        action: 'meeting:amend',
      })
      expect(await amendDecision(t.db, secretariat, 'no-such-meeting', m01, 'defer', 'D', 'R')).toEqual({
        kind: 'not_found',
      })
    })
  })

  describe('editing and deleting', () => {
    it("an open meeting's title and place can be corrected; its body and date cannot change", async () => {
      const meeting = await openWithAgenda()
      expect(
        await updateMeeting(t.db, secretariat, meeting, { ...MEETING, meeting_date: '2026-04-01' }),
      ).toEqual({
        kind: 'open',
      })
      expect(
        await correctMeetingDetails(t.db, secretariat, meeting, {
          title: 'RTG first meeting',
          place: 'Batumi',
        }),
      ).toEqual({ kind: 'done' })
      expect(await getMeetingSummary(t.db, meeting)).toMatchObject({
        title: 'RTG first meeting',
        place: 'Batumi',
        meeting_date: '2026-03-10',
        body: 'regional_trade_group',
      })
    })

    it('a draft can be edited and deleted with its agenda; the items stay as they were', async () => {
      const meeting = await newMeeting(t.db, secretariat, MEETING)
      await addByRefs(t.db, secretariat, meeting, ['M-01'])
      expect(await updateMeeting(t.db, secretariat, meeting, { ...MEETING, place: 'Baku' })).toEqual({
        kind: 'done',
      })
      expect(await deleteDraftMeeting(t.db, secretariat, meeting)).toEqual({
        kind: 'deleted',
        title: MEETING.title,
      })
      expect(await getMeetingSummary(t.db, meeting)).toBeNull()
      expect(await t.db.selectFrom('meeting_agenda').selectAll().execute()).toEqual([])
      expect(await status('M-01')).toBe('under_review')
      expect(await deleteDraftMeeting(t.db, secretariat, meeting)).toEqual({ kind: 'not_found' })
    })

    it('an open meeting is never deleted', async () => {
      const meeting = await openWithAgenda()
      expect(await deleteDraftMeeting(t.db, secretariat, meeting)).toEqual({ kind: 'open' })
      expect(await getMeetingSummary(t.db, meeting)).not.toBeNull()
    })
  })
})
