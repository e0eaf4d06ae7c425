import type { DB } from '../../db/schema'
import { recordEvent } from '../history/history.server'
import type { Actor } from '../permissions/permissions'
import type { Status } from '../portfolio/codes'
import { lockItemRow } from '../portfolio/items.server'
import type { TransitionRefusal } from '../workflow/transitions'
import { transition } from '../workflow/workflow.server'
import { DECISION_TARGET, type Decision } from './schema'

// The two steps a committee decision takes on its item, shared by recording a decision and by
// amending one (corrections.server.ts), so both move and record the item the same way.

export type DecisionMove =
  | { kind: 'moved'; from: Status | null; to: Status | null }
  | { kind: 'refused'; refusal: TransitionRefusal }
  | { kind: 'stale' }
  | { kind: 'not_found' }

/**
 * Moves the item to the decision's status on the committee's behalf. A decision without a
 * status of its own, or one whose status the item already has (`item.status`, when known),
 * moves nothing: the item row is locked instead, so the history's next seq is read safely (0005).
 */
export async function moveForDecision(
  trx: DB,
  actor: Actor,
  item: { id: string; ref: string; status?: string },
  decision: Decision,
  reason: string,
): Promise<DecisionMove> {
  const target = DECISION_TARGET[decision]
  if (!target || target === item.status) {
    await lockItemRow(trx, item.id)
    return { kind: 'moved', from: null, to: null }
  }
  const moved = await transition(trx, actor, item.ref, target, reason, { onBehalfOf: 'steering_committee' })
  if (moved.kind === 'refused') return { kind: 'refused', refusal: moved.refusal }
  if (moved.kind === 'stale' || moved.kind === 'not_found') return { kind: moved.kind }
  return { kind: 'moved', from: moved.from, to: moved.to }
}

type MeetingNaming = { id: string; title: string; body: string; meeting_date: string }

/** The item's history entry for a decision (or its amendment), naming the meeting as it was. */
export async function recordDecisionEvent(
  trx: DB,
  itemId: string,
  actorId: string,
  at: string,
  meeting: MeetingNaming,
  decision: { decision: Decision; text: string; from: Status | null; to: Status | null },
  amended?: { reason: string; previous_decision: string; previous_text: string },
): Promise<void> {
  await recordEvent(trx, itemId, actorId, at, {
    kind: 'decision',
    details: {
      meeting_id: meeting.id,
      meeting_title: meeting.title,
      body: meeting.body,
      meeting_date: meeting.meeting_date,
      ...decision,
      ...(amended ? { amended } : {}),
    },
  })
}
