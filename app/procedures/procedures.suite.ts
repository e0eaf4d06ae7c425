import type { Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { insertUser, seedItems } from '../../tests/setup/fixtures'
import { getHistory } from '../history/history.server'
import { MEETING_ROWS } from '../meetings/test-fixtures'
import { getInbox } from '../notifications/inbox.server'
import type { Actor } from '../permissions/permissions'
import { getItemByRef } from '../portfolio/items.server'
import { transition } from '../workflow/workflow.server'
import {
  awaitingVote,
  castVote,
  closeDueProcedures,
  getProcedure,
  listProcedures,
  openProcedure,
} from './procedures.server'
import { outcomeOf, tallyOf, type ProcedureRule, type Vote } from './rules'
import { OpenForm } from './schema'

// Written procedures, run on SQLite (procedures.test.ts) and on PostgreSQL
// (db/postgres-procedures.test.ts) unchanged. Time is passed in (`now`), never read from the
// clock, so the deadline is tested without waiting for it.

export interface SuiteDb {
  db: Kysely<Database>
  close(): Promise<void>
}

const OPENED = '2026-03-01T09:00:00.000Z'
const DEADLINE = '2026-03-08T17:00:00.000Z'
const BEFORE = '2026-03-05T12:00:00.000Z'
const AFTER = '2026-03-08T17:00:01.000Z'

/** The open form as the secretariat fills it (deadline as a datetime-local field, in UTC). */
const form = (refs: string, deadline = '2026-03-08T17:00') =>
  OpenForm.parse({ title: 'Endorsement of the spring items', deadline, refs })

export function proceduresSuite(open: () => Promise<SuiteDb>): void {
  let t: SuiteDb
  let secretariat: Actor
  let members: Actor[]
  let wg: Actor
  let viewer: Actor

  beforeEach(async () => {
    t = await open()
    await seedItems(t.db, MEETING_ROWS)
    secretariat = await insertUser(t.db, 'secretariat')
    members = []
    for (let i = 0; i < 5; i++) members.push(await insertUser(t.db, 'steering_committee'))
    wg = await insertUser(t.db, 'working_group', ['KAZ'])
    viewer = await insertUser(t.db, 'viewer')
  })
  afterEach(async () => {
    await t.close()
  })

  const opened = async (refs = 'M-01 M-03', rule: ProcedureRule = 'majority_no_objection') => {
    const outcome = await openProcedure(t.db, secretariat, form(refs), rule, OPENED)
    if (outcome.kind !== 'opened') throw new Error(`not opened: ${outcome.kind}`)
    return outcome.id
  }
  const vote = (who: Actor, id: string, v: Vote, comment = '', now = BEFORE) =>
    castVote(t.db, who, id, { vote: v, comment }, now)
  const statusOf = async (ref: string) => (await getItemByRef(t.db, ref))!.status

  describe('opening', () => {
    it('puts items under review to every active member, with a deadline; only the secretariat opens', async () => {
      expect(await openProcedure(t.db, members[0]!, form('M-01'), 'majority_no_objection', OPENED)).toEqual({
        kind: 'forbidden',
        action: 'procedure:manage',
      })
      const id = await opened()
      const procedure = (await getProcedure(t.db, secretariat, id, BEFORE))!
      expect(procedure).toMatchObject({ deadline: DEADLINE, closed_at: null, outcome: null, items: 2 })
      expect(procedure.itemList.map((i) => i.ref)).toEqual(['M-01', 'M-03'])
      expect(procedure.tally).toEqual({ members: 5, endorse: 0, object: 0, abstain: 0 })
    })

    it('refuses a past deadline, unknown refs, items not under review, and items already in an open procedure', async () => {
      expect(
        await openProcedure(t.db, secretariat, form('M-01', '2026-02-28T09:00'), 'unanimous', OPENED),
      ).toEqual({
        kind: 'deadline_past',
      })
      expect(await openProcedure(t.db, secretariat, form('M-01 NOPE-9'), 'unanimous', OPENED)).toEqual({
        kind: 'unknown',
        refs: ['NOPE-9'],
      })
      expect(await openProcedure(t.db, secretariat, form('M-01 M-02'), 'unanimous', OPENED)).toEqual({
        kind: 'not_under_review',
        refs: ['M-02'],
      })
      await opened('m-01')
      expect(await openProcedure(t.db, secretariat, form('M-05 M-01'), 'unanimous', OPENED)).toEqual({
        kind: 'already_open',
        refs: ['M-01'],
      })
    })

    it('tells each member once, in their inbox, with a link to vote; it shows in their work until they vote', async () => {
      const id = await opened()
      for (const member of members) {
        const inbox = await getInbox(t.db, member.id)
        expect(inbox.entries.map((e) => [e.kind, e.details.procedure_id])).toEqual([['procedure', id]])
        expect(await awaitingVote(t.db, member.id, BEFORE)).toEqual([
          { id, title: 'Endorsement of the spring items', deadline: DEADLINE, items: 2 },
        ])
      }
      expect((await getInbox(t.db, wg.id)).entries).toEqual([])
      await vote(members[0]!, id, 'endorse')
      expect(await awaitingVote(t.db, members[0]!.id, BEFORE)).toEqual([])
      expect(await awaitingVote(t.db, members[1]!.id, AFTER)).toEqual([])
    })
  })

  describe('voting and the outcome', () => {
    it('endorses the items when a majority voted and none objected, moving them through the workflow', async () => {
      const id = await opened()
      expect(await vote(members[0]!, id, 'endorse', 'A good use of funds')).toEqual({
        kind: 'voted',
        closed: false,
      })
      expect(await vote(members[1]!, id, 'endorse')).toEqual({ kind: 'voted', closed: false })
      expect(await vote(members[2]!, id, 'abstain')).toEqual({ kind: 'voted', closed: false })
      // three of five voted: a majority, but the procedure runs to its deadline
      expect(await statusOf('M-01')).toBe('under_review')
      const closed = (await getProcedure(t.db, viewer, id, AFTER))!
      expect(closed).toMatchObject({ outcome: 'endorsed', closed_at: AFTER })
      expect(closed.itemList.map((i) => [i.ref, i.status, i.result])).toEqual([
        ['M-01', 'endorsed', 'endorsed'],
        ['M-03', 'endorsed', 'endorsed'],
      ])
      const history = (await getHistory(t.db, 'M-01'))!
      expect(history.slice(0, 2).map((e) => e.kind)).toEqual(['procedure', 'transition'])
      expect(history[0]!.details).toMatchObject({
        action: 'closed',
        outcome: 'endorsed',
        from: 'under_review',
        to: 'endorsed',
        tally: { members: 5, endorse: 2, object: 0, abstain: 1 },
      })
    })

    it('one objection keeps the items under review, and the objection is kept with its comment', async () => {
      const id = await opened()
      await vote(members[0]!, id, 'endorse')
      await vote(members[1]!, id, 'endorse')
      await vote(members[2]!, id, 'endorse')
      await vote(members[3]!, id, 'object', 'The cost estimate is from 2019')
      const closed = (await getProcedure(t.db, secretariat, id, AFTER))!
      expect(closed.outcome).toBe('not_endorsed')
      expect(closed.itemList.map((i) => [i.status, i.result])).toEqual([
        ['under_review', 'unchanged'],
        ['under_review', 'unchanged'],
      ])
      expect(closed.objections).toEqual(['The cost estimate is from 2019'])
      // the committee and the secretariat see who voted what; others see the counts and the objection
      expect(closed.votes!.find((v) => v.userId === members[3]!.id)).toMatchObject({ vote: 'object' })
      const seenByViewer = (await getProcedure(t.db, viewer, id, AFTER))!
      expect(seenByViewer.votes).toBeNull()
      expect(seenByViewer.objections).toEqual(['The cost estimate is from 2019'])
      expect(seenByViewer.tally).toEqual({ members: 5, endorse: 3, object: 1, abstain: 0 })
    })

    it('without a quorum (a majority of members voting) nothing is endorsed', async () => {
      const id = await opened()
      await vote(members[0]!, id, 'endorse')
      await vote(members[1]!, id, 'endorse')
      expect(await closeDueProcedures(t.db, AFTER)).toBe(1)
      expect((await getProcedure(t.db, secretariat, id, AFTER))!.outcome).toBe('not_endorsed')
      expect(await statusOf('M-01')).toBe('under_review')
    })

    it('closes as soon as every member has voted, before the deadline', async () => {
      const id = await opened()
      for (const member of members.slice(0, 4)) await vote(member, id, 'endorse')
      expect(await vote(members[4]!, id, 'endorse')).toEqual({ kind: 'voted', closed: true })
      expect(await statusOf('M-03')).toBe('endorsed')
      expect((await getProcedure(t.db, secretariat, id, BEFORE))!).toMatchObject({
        outcome: 'endorsed',
        closed_at: BEFORE,
        canVote: false,
      })
    })

    it('refuses a second vote, a vote after the deadline, and votes from outside the electorate', async () => {
      const id = await opened()
      await vote(members[0]!, id, 'endorse')
      expect(await vote(members[0]!, id, 'object')).toEqual({ kind: 'already_voted' })
      expect(await vote(wg, id, 'endorse')).toEqual({ kind: 'forbidden', action: 'procedure:vote' })
      const late = await insertUser(t.db, 'steering_committee')
      expect(await vote(late, id, 'endorse')).toEqual({ kind: 'not_member' })
      // a vote after the deadline closes the procedure (no timer needed) and is not counted
      expect(await vote(members[1]!, id, 'endorse', '', AFTER)).toEqual({ kind: 'closed' })
      const closed = (await getProcedure(t.db, secretariat, id, AFTER))!
      expect(closed.tally).toEqual({ members: 5, endorse: 1, object: 0, abstain: 0 })
      expect(closed.outcome).toBe('not_endorsed')
    })

    it('closes once, however many readers arrive after the deadline', async () => {
      const id = await opened()
      for (const member of members.slice(0, 3)) await vote(member, id, 'endorse')
      await Promise.all([
        getProcedure(t.db, viewer, id, AFTER),
        listProcedures(t.db, AFTER),
        closeDueProcedures(t.db, AFTER),
      ])
      const history = (await getHistory(t.db, 'M-01'))!
      expect(history.filter((e) => e.kind === 'transition')).toHaveLength(1)
      expect(history.filter((e) => e.kind === 'procedure').map((e) => e.details.action)).toEqual([
        'closed',
        'opened',
      ])
    })

    it('an item moved meanwhile is not moved again: the refusal is kept beside it', async () => {
      const id = await opened()
      for (const member of members.slice(0, 3)) await vote(member, id, 'endorse')
      expect(await transition(t.db, secretariat, 'M-03', 'proposed', 'Needs a new budget')).toMatchObject({
        kind: 'done',
      })
      const closed = (await getProcedure(t.db, secretariat, id, AFTER))!
      expect(closed.itemList.map((i) => [i.ref, i.status, i.result, i.refusal])).toEqual([
        ['M-01', 'endorsed', 'endorsed', null],
        ['M-03', 'proposed', 'refused', 'not_allowed_from_state'],
      ])
    })

    it('follows the rule the procedure was opened under', async () => {
      const id = await opened('M-01', 'unanimous')
      for (const member of members.slice(0, 4)) await vote(member, id, 'endorse')
      await vote(members[4]!, id, 'abstain')
      expect((await getProcedure(t.db, secretariat, id, BEFORE))!.outcome).toBe('not_endorsed')
    })
  })

  describe('endorsement is the committee’s, never one member’s', () => {
    it('a member cannot endorse an item alone', async () => {
      expect(await transition(t.db, members[0]!, 'M-01', 'endorsed', null)).toMatchObject({
        kind: 'refused',
        refusal: { outcome: 'forbidden' },
      })
      expect(await statusOf('M-01')).toBe('under_review')
    })
  })
}

/** The outcome rules on their own: no database. */
export function rulesSuite(): void {
  const tally = (members: number, ...votes: Vote[]) => tallyOf(members, votes)
  it.each([
    ['majority, none objected', tally(5, 'endorse', 'endorse', 'abstain'), 'endorsed'],
    ['no quorum (2 of 5)', tally(5, 'endorse', 'endorse'), 'not_endorsed'],
    ['exactly half is not a majority (2 of 4)', tally(4, 'endorse', 'endorse'), 'not_endorsed'],
    ['one objection', tally(5, 'endorse', 'endorse', 'endorse', 'object'), 'not_endorsed'],
    ['all abstained', tally(3, 'abstain', 'abstain', 'abstain'), 'not_endorsed'],
    ['no members', tally(0), 'not_endorsed'],
  ] as const)('majority_no_objection: %s', (_, counted, want) => {
    expect(outcomeOf('majority_no_objection', counted)).toBe(want)
  })
  it('majority_endorse: more endorse than object, among a majority voting', () => {
    expect(outcomeOf('majority_endorse', tally(5, 'endorse', 'endorse', 'object'))).toBe('endorsed')
    expect(outcomeOf('majority_endorse', tally(5, 'endorse', 'object', 'abstain'))).toBe('not_endorsed')
  })
  it('unanimous: every member endorses', () => {
    expect(outcomeOf('unanimous', tally(3, 'endorse', 'endorse', 'endorse'))).toBe('endorsed')
    expect(outcomeOf('unanimous', tally(3, 'endorse', 'endorse'))).toBe('not_endorsed')
  })
}
