import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import type { Status } from '../portfolio/codes'
import { nowIso } from '../portfolio/items.server'
import type { TransitionRefusal } from '../workflow/transitions'
import { type Decision, type MeetingDetailsInput } from './schema'
import { moveForDecision, recordDecisionEvent } from './decision-steps.server'

// Correcting meetings (issue 11, "Meetings that can be corrected"): an open meeting's title and
// place, a draft's deletion, and amendments to recorded decisions. A decision row is never
// changed: each amendment is a row of its own with its reason, the latest one is in force, and
// both the original and the amendment stay in the item's history. Why these rules:
// docs/decisions/0031-correctable-meetings-and-feedback.md.

export type CorrectOutcome = { kind: 'done' } | { kind: 'not_found' } | Forbidden

/**
 * Corrects an open meeting's title and place (a typo, a moved venue). Body and date stay as
 * opened: they name the meeting in its snapshot and decide which meeting came before it.
 */
export async function correctMeetingDetails(
  db: DB,
  actor: Actor,
  id: string,
  input: MeetingDetailsInput,
): Promise<CorrectOutcome> {
  if (!can(actor, 'meeting:manage')) return forbiddenOutcome('meeting:manage')
  const result = await db
    .updateTable('meetings')
    .set({ title: input.title, place: input.place, updated_at: nowIso() })
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1 ? { kind: 'done' } : { kind: 'not_found' }
}

export type DeleteOutcome =
  | { kind: 'deleted'; title: string }
  | { kind: 'not_found' }
  /** an open meeting has a snapshot and may have decisions: it is the record, never deleted */
  | { kind: 'open' }
  | Forbidden

/** Deletes a draft meeting and its agenda; its items are untouched. */
export async function deleteDraftMeeting(db: DB, actor: Actor, id: string): Promise<DeleteOutcome> {
  if (!can(actor, 'meeting:manage')) return forbiddenOutcome('meeting:manage')
  return withinTransaction(db, async (trx): Promise<DeleteOutcome> => {
    const meeting = await trx
      .selectFrom('meetings')
      .select(['title', 'opened_at'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!meeting) return { kind: 'not_found' }
    if (meeting.opened_at !== null) return { kind: 'open' }
    await trx.deleteFrom('meeting_agenda').where('meeting_id', '=', id).execute()
    // the guard on opened_at keeps an opening that slipped in between from losing its meeting
    const deleted = await trx
      .deleteFrom('meetings')
      .where('id', '=', id)
      .where('opened_at', 'is', null)
      .executeTakeFirst()
    return Number(deleted.numDeletedRows) === 1 ? { kind: 'deleted', title: meeting.title } : { kind: 'open' }
  })
}

export type AmendOutcome =
  | {
      kind: 'amended'
      ref: string
      /** the status change the amendment made; both null when it made none */
      from: Status | null
      to: Status | null
      /** the item's status now */
      status: Status
    }
  | { kind: 'not_found' }
  /** no decision is recorded on that item at this meeting: record one first */
  | { kind: 'not_decided' }
  /** the amendment says what the decision in force already says */
  | { kind: 'unchanged'; ref: string }
  /** the workflow refused the status change the amendment asks for: nothing was recorded */
  | { kind: 'refused'; ref: string; refusal: TransitionRefusal }
  | { kind: 'stale'; ref: string }
  | Forbidden

/**
 * Amends the decision recorded on an item at a meeting, with a reason. When the amended decision
 * moves status (endorse, drop, return) and the item is not already there, the move goes through
 * the workflow on the committee's behalf, like the decision itself; a refused move records
 * nothing. An amendment to defer or note leaves the status as it is (the outcome tells it): the
 * workflow has no "undo", and a move back is a decision of its own.
 */
export async function amendDecision(
  db: DB,
  actor: Actor,
  meetingId: string,
  itemId: string,
  decision: Decision,
  text: string,
  reason: string,
): Promise<AmendOutcome> {
  if (!can(actor, 'meeting:amend')) return forbiddenOutcome('meeting:amend')
  return withinTransaction(db, (trx) =>
    amend(trx, actor, meetingId, itemId, decision, text.trim(), reason.trim()),
  )
}

async function amend(
  trx: DB,
  actor: Actor,
  meetingId: string,
  itemId: string,
  decision: Decision,
  text: string,
  reason: string,
): Promise<AmendOutcome> {
  const meeting = await trx
    .selectFrom('meetings')
    .select(['id', 'title', 'body', 'meeting_date'])
    .where('id', '=', meetingId)
    .executeTakeFirst()
  if (!meeting) return { kind: 'not_found' }
  const recorded = await trx
    .selectFrom('meeting_decisions as d')
    .innerJoin('items as i', 'i.id', 'd.item_id')
    .select(['d.id', 'd.decision', 'd.text', 'i.id as item_id', 'i.ref', 'i.status'])
    .where('d.meeting_id', '=', meetingId)
    .where('d.item_id', '=', itemId)
    .executeTakeFirst()
  if (!recorded) return { kind: 'not_decided' }
  const latest = await trx
    .selectFrom('meeting_decision_amendments')
    .select(['decision', 'text'])
    .where('decision_id', '=', recorded.id)
    .orderBy('amended_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  const inForce = latest ?? recorded
  if (inForce.decision === decision && inForce.text === text) return { kind: 'unchanged', ref: recorded.ref }

  const moved = await moveForDecision(
    trx,
    actor,
    { id: recorded.item_id, ref: recorded.ref, status: recorded.status },
    decision,
    reason,
  )
  if (moved.kind === 'refused') return { kind: 'refused', ref: recorded.ref, refusal: moved.refusal }
  if (moved.kind !== 'moved') return { kind: 'stale', ref: recorded.ref }
  const { from, to } = moved
  const now = nowIso()
  await trx
    .insertInto('meeting_decision_amendments')
    .values({
      id: randomUUID(),
      decision_id: recorded.id,
      decision,
      text,
      reason,
      status_from: from,
      status_to: to,
      amended_at: now,
      amended_by: actor.id,
    })
    .execute()
  await recordDecisionEvent(
    trx,
    recorded.item_id,
    actor.id,
    now,
    meeting,
    { decision, text, from, to },
    {
      reason,
      previous_decision: inForce.decision,
      previous_text: inForce.text,
    },
  )
  return { kind: 'amended', ref: recorded.ref, from, to, status: to ?? (recorded.status as Status) }
}
