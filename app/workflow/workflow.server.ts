import type { Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import type { Actor, Role } from '../permissions/permissions'
import type { ItemView } from '../portfolio/item-view'
import { getItemByRef, nowIso } from '../portfolio/items.server'
import type { HistoryEntry, ItemEvent } from './events'
import { recordEvent } from './history.server'
import { announceTransition } from '../notifications/notify.server'
import {
  availableTransitions,
  blockedTransitions,
  checkTransition,
  resumeTargetOf,
  type AvailableTransition,
  type TransitionRefusal,
  type WorkflowContext,
} from './transitions'

// Moving items through the workflow and reading their history. The rules are in transitions.ts;
// this module applies them to the stored item and writes the change with its event.

export type TransitionOutcome =
  | { kind: 'done'; item: ItemView }
  | { kind: 'not_found' }
  | { kind: 'refused'; refusal: TransitionRefusal }
  /** the item kept changing under us (three tries): nothing was written */
  | { kind: 'stale' }

const ATTEMPTS = 3

/**
 * Moves the item to `to`, in one transaction: checks the move against the stored item (whatever
 * the page showed), sets status, version and updated_at/by, and records the transition with its
 * reason. A refused move writes nothing. If someone else changed the item between the read and
 * the write, the whole thing is tried again against their version.
 */
export async function transition(
  db: Kysely<Database>,
  actor: Actor,
  ref: string,
  to: string,
  reason: string | null | undefined,
): Promise<TransitionOutcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const outcome = await db.transaction().execute((trx) => transitionIn(trx, actor, ref, to, reason))
    if (outcome.kind !== 'stale') return outcome
  }
  return { kind: 'stale' }
}

export interface TransitionOptions {
  /**
   * A role whose authority the move may also rest on: a meeting's decision is the committee's,
   * recorded by the secretariat on its behalf (docs/decisions/0014-meetings.md). The move is
   * checked as the actor first; only if their role may not make it is it checked as this role.
   * The change is still recorded under the actor's name.
   */
  onBehalfOf?: Role
}

/**
 * One try of `transition` inside the caller's transaction, so a caller can write more in the same
 * transaction (a meeting decision). Answers 'stale' when the item changed between its read and
 * its write: the caller should roll back and try again. Writes nothing unless the move is done.
 */
export async function transitionIn(
  trx: DB,
  actor: Actor,
  ref: string,
  to: string,
  reason: string | null | undefined,
  options: TransitionOptions = {},
): Promise<TransitionOutcome> {
  const item = await getItemByRef(trx, ref)
  if (!item) return { kind: 'not_found' }
  const context = await contextOf(trx, item)
  let check = checkTransition(actor, item, to, reason, context)
  if (check.outcome === 'forbidden' && options.onBehalfOf)
    check = checkTransition({ ...actor, role: options.onBehalfOf, countries: [] }, item, to, reason, context)
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
  const eventId = await recordEvent(trx, item.id, actor.id, now, { kind: 'transition', details: move })
  await announceTransition(trx, { item, eventId, actorId: actor.id, at: now }, move)
  const moved = await getItemByRef(trx, item.ref)
  return moved ? { kind: 'done', item: moved } : { kind: 'not_found' }
}

/** What the rules need from the history: only an item on hold needs it read. */
async function contextOf(db: DB, item: ItemView): Promise<WorkflowContext> {
  return { resumeTo: item.status === 'on_hold' ? resumeTargetOf(await historyOf(db, item.id)) : null }
}

/** An item's history, newest first, with the names of who made each change; null for an unknown ref. */
export async function getHistory(db: DB, ref: string): Promise<HistoryEntry[] | null> {
  const item = await db.selectFrom('items').select('id').where('ref', '=', ref).executeTakeFirst()
  return item ? historyOf(db, item.id) : null
}

async function historyOf(db: DB, itemId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('item_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.seq', 'e.kind', 'e.at', 'e.data', 'u.name as by'])
    .where('e.item_id', '=', itemId)
    .orderBy('e.seq', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    seq: row.seq,
    at: row.at,
    by: row.by,
    ...({ kind: row.kind, details: JSON.parse(row.data) } as ItemEvent),
  }))
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
