import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { lockItemRow, nowIso } from '../portfolio/items.server'
import { recordEvent } from '../history/history.server'
import { aggregate, effectiveQuadrant, type ScoreAggregate } from './aggregate'
import type { ScoreInput } from './schema'

// Steering committee members' scores (docs/decisions/0012-prioritisation.md). A score change,
// the item's stored aggregate and quadrant, and the history event commit together. Scores do
// not bump the item's version: scoring is not editing, and must not make an open edit form meet
// a conflict (as with comments, 0007).

export type ScoreOutcome =
  | { kind: 'done'; changed: boolean }
  | Forbidden
  | { kind: 'not_found' }
  | { kind: 'archived' }

export interface MemberScoreView {
  userId: string
  name: string
  strategic_importance: number
  ease_of_implementation: number
  note: string | null
  updated_at: string
}

export interface ItemScores {
  members: MemberScoreView[]
  aggregate: ScoreAggregate | null
}

interface LockedItem {
  id: string
  quadrant: string
  strategic_importance: number | null
  ease_of_implementation: number | null
}

/** Finds the live item and takes its row lock (PostgreSQL) before its scores are read. */
async function lockItem(trx: DB, ref: string): Promise<(LockedItem & { archived: boolean }) | null> {
  const found = await trx.selectFrom('items').select('id').where('ref', '=', ref).executeTakeFirst()
  if (!found) return null
  await lockItemRow(trx, found.id)
  const row = await trx
    .selectFrom('items')
    .select(['id', 'quadrant', 'strategic_importance', 'ease_of_implementation', 'archived'])
    .where('id', '=', found.id)
    .executeTakeFirstOrThrow()
  return { ...row, archived: Number(row.archived) === 1 }
}

/** Recomputes and stores the item's aggregate and quadrant from its scores; returns the quadrant. */
export async function refreshAggregate(
  trx: DB,
  item: Pick<LockedItem, 'id' | 'strategic_importance' | 'ease_of_implementation'>,
): Promise<string> {
  const scores = await trx
    .selectFrom('item_scores')
    .select(['strategic_importance', 'ease_of_implementation'])
    .where('item_id', '=', item.id)
    .execute()
  const agg = aggregate(scores)
  const members = {
    scores_count: agg?.count ?? 0,
    importance_median: agg?.importance.median ?? null,
    ease_median: agg?.ease.median ?? null,
  }
  const quadrant = effectiveQuadrant(item, members)
  await trx
    .updateTable('items')
    .set({ ...members, quadrant })
    .where('id', '=', item.id)
    .execute()
  return quadrant
}

function onItem(
  db: DB,
  actor: Actor,
  ref: string,
  change: (trx: DB, item: LockedItem) => Promise<ScoreOutcome>,
): Promise<ScoreOutcome> {
  if (!can(actor, 'score:write')) return Promise.resolve(forbiddenOutcome('score:write'))
  return withinTransaction(db, async (trx): Promise<ScoreOutcome> => {
    const item = await lockItem(trx, ref)
    if (!item) return { kind: 'not_found' }
    if (item.archived) return { kind: 'archived' }
    return change(trx, item)
  })
}

/** Sets or changes the member's own score of the item. */
export function saveScore(db: DB, actor: Actor, ref: string, input: ScoreInput): Promise<ScoreOutcome> {
  return onItem(db, actor, ref, async (trx, item) => {
    const values = {
      strategic_importance: input.strategic_importance,
      ease_of_implementation: input.ease_of_implementation,
      note: input.note || null,
    }
    const existing = await trx
      .selectFrom('item_scores')
      .selectAll()
      .where('item_id', '=', item.id)
      .where('user_id', '=', actor.id)
      .executeTakeFirst()
    if (
      existing &&
      existing.strategic_importance === values.strategic_importance &&
      existing.ease_of_implementation === values.ease_of_implementation &&
      existing.note === values.note
    ) {
      return { kind: 'done', changed: false }
    }
    const now = nowIso()
    if (existing)
      await trx
        .updateTable('item_scores')
        .set({ ...values, updated_at: now })
        .where('item_id', '=', item.id)
        .where('user_id', '=', actor.id)
        .execute()
    else
      await trx
        .insertInto('item_scores')
        .values({ item_id: item.id, user_id: actor.id, ...values, updated_at: now })
        .execute()
    const quadrant = await refreshAggregate(trx, item)
    await recordEvent(trx, item.id, actor.id, now, {
      kind: 'scored',
      details: {
        action: existing ? 'updated' : 'scored',
        ...values,
        quadrant: { old: item.quadrant, new: quadrant },
      },
    })
    return { kind: 'done', changed: true }
  })
}

/** Takes the member's own score back; the item is placed by the others' (or the direct scores). */
export function withdrawScore(db: DB, actor: Actor, ref: string): Promise<ScoreOutcome> {
  return onItem(db, actor, ref, async (trx, item) => {
    const existing = await trx
      .selectFrom('item_scores')
      .selectAll()
      .where('item_id', '=', item.id)
      .where('user_id', '=', actor.id)
      .executeTakeFirst()
    if (!existing) return { kind: 'done', changed: false }
    await trx
      .deleteFrom('item_scores')
      .where('item_id', '=', item.id)
      .where('user_id', '=', actor.id)
      .execute()
    const now = nowIso()
    const quadrant = await refreshAggregate(trx, item)
    await recordEvent(trx, item.id, actor.id, now, {
      kind: 'scored',
      details: {
        action: 'withdrawn',
        strategic_importance: existing.strategic_importance,
        ease_of_implementation: existing.ease_of_implementation,
        note: existing.note,
        quadrant: { old: item.quadrant, new: quadrant },
      },
    })
    return { kind: 'done', changed: true }
  })
}

/** The members' scores of an item, by name, and their aggregate. */
export async function getScores(db: DB, itemId: string): Promise<ItemScores> {
  const rows = await db
    .selectFrom('item_scores as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.user_id as userId',
      'u.name',
      's.strategic_importance',
      's.ease_of_implementation',
      's.note',
      's.updated_at',
    ])
    .where('s.item_id', '=', itemId)
    .orderBy('u.name')
    .execute()
  return { members: rows, aggregate: aggregate(rows) }
}
