import { withinTransaction } from '../../db/transactions'
import type { DB } from '../../db/schema'
import { historyOf, recordEvent } from '../history/history.server'
import type { Actor, MoveOptions } from '../permissions/permissions'
import type { Status } from '../portfolio/codes'
import type { ItemView } from '../portfolio/item-view'
import { getItemByRef, nowIso } from '../portfolio/items.server'
import {
  availableTransitions,
  blockedTransitions,
  checkTransition,
  resumeTargetOf,
  type AvailableTransition,
  type TransitionRefusal,
  type WorkflowContext,
} from './transitions'
import type { HistoryEntry } from '../history/events'

// Moving items through the workflow. The rules are in transitions.ts (and whose move it is in
// app/permissions); this module applies them to the stored item and writes the change with its
// event, which tells the item's followers (app/history, app/notifications).

export type TransitionOutcome =
  /** `from` and `to`: the move made (for an item on hold, `to` is where it resumed) */
  | { kind: 'done'; item: ItemView; from: Status; to: Status }
  | { kind: 'not_found' }
  /** refused by the rules: `refusal.outcome` says why ('forbidden' among them), nothing was written */
  | { kind: 'refused'; refusal: TransitionRefusal }
  /** the item kept changing under us (three tries, or one in the caller's transaction): nothing was written */
  | { kind: 'stale' }

const ATTEMPTS = 3

/**
 * Moves the item to `to`: checks the move against the stored item (whatever the page showed),
 * sets status, version and updated_at/by, and records the transition with its reason, all in one
 * transaction: the caller's when `db` is one (a meeting's decision writes more in it), else its
 * own. A refused move writes nothing. If someone else changed the item between the read and the
 * write, the move is tried again against their version, up to three times in a transaction of
 * its own; in the caller's it answers 'stale' at once, and the caller decides.
 */
export async function transition(
  db: DB,
  actor: Actor,
  ref: string,
  to: string,
  reason: string | null | undefined,
  options: MoveOptions = {},
): Promise<TransitionOutcome> {
  const attempts = db.isTransaction ? 1 : ATTEMPTS
  for (let attempt = 0; attempt < attempts; attempt++) {
    const outcome = await withinTransaction(db, (trx) => tryTransition(trx, actor, ref, to, reason, options))
    if (outcome.kind !== 'stale') return outcome
  }
  return { kind: 'stale' }
}

async function tryTransition(
  trx: DB,
  actor: Actor,
  ref: string,
  to: string,
  reason: string | null | undefined,
  options: MoveOptions,
): Promise<TransitionOutcome> {
  const item = await getItemByRef(trx, ref)
  if (!item) return { kind: 'not_found' }
  const context = await contextOf(trx, item)
  const check = checkTransition(actor, item, to, reason, context, options)
  if (check.outcome !== 'allowed') return { kind: 'refused', refusal: check }
  const now = nowIso()
  const result = await trx
    .updateTable('items')
    .set({ status: check.to, version: item.version + 1, updated_at: now, updated_by: actor.id })
    .where('id', '=', item.id)
    .where('version', '=', item.version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return { kind: 'stale' }
  const move = { from: check.from, to: check.to, reason: reason?.trim() || null }
  await recordEvent(trx, item.id, actor.id, now, { kind: 'transition', details: move })
  const moved = await getItemByRef(trx, item.ref)
  return moved ? { kind: 'done', item: moved, from: check.from, to: check.to } : { kind: 'not_found' }
}

/** What the rules need from the history: only an item on hold needs it read. */
async function contextOf(db: DB, item: ItemView): Promise<WorkflowContext> {
  return { resumeTo: item.status === 'on_hold' ? resumeTargetOf(await historyOf(db, item.id)) : null }
}

export interface ItemWorkflow {
  history: HistoryEntry[]
  /** the moves this user may make now */
  transitions: AvailableTransition[]
  /** moves this user could make but for something the item lacks */
  blocked: ReturnType<typeof blockedTransitions>
}

/** What the item page shows of the workflow for `actor`: one history read serves both. */
export async function getItemWorkflow(db: DB, actor: Actor, item: ItemView): Promise<ItemWorkflow> {
  const history = await historyOf(db, item.id)
  const context: WorkflowContext = { resumeTo: item.status === 'on_hold' ? resumeTargetOf(history) : null }
  return {
    history,
    transitions: availableTransitions(actor, item, context),
    blocked: blockedTransitions(actor, item, context),
  }
}
