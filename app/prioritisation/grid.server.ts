import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { titlesOf } from '../portfolio/item-text'
import { lockItemRow } from '../portfolio/items.server'
import { listItems } from '../portfolio/list.server'
import { MAX_PAGE_SIZE, type ListQuery } from '../portfolio/list-query'
import type { ScoreInput } from './schema'
import { saveScore } from './scores.server'

// The scoring grid (issue 11, "Bulk work"; docs/decisions/0030-bulk-work.md): a committee member
// scores the items of a view one row each, saved row by row through saveScore (its rules, its
// history event). A member sees the median so far of an item only once they have scored it, so
// their own score is their own judgement. A row carries the time of the member's score it was
// shown with; a save made against an older one (another window changed it) is refused with the
// score now stored, the same optimistic rule as the item form's version.

export interface GridRow {
  ref: string
  titles: ReturnType<typeof titlesOf>
  archived: boolean
  mine: {
    strategic_importance: number
    ease_of_implementation: number
    note: string | null
    updated_at: string
  } | null
  /** the members' medians so far: only when the reader has scored the item */
  median: GridMedian | null
}

export interface GridMedian {
  importance: number
  ease: number
  count: number
}

export interface Grid {
  rows: GridRow[]
  total: number
}

/** The rows of the view's first page (at most MAX_PAGE_SIZE items), with the reader's scores. */
export async function getGrid(db: DB, actor: Actor, query: ListQuery): Promise<Grid | Forbidden> {
  if (!can(actor, 'score:write')) return forbiddenOutcome('score:write')
  const page = await listItems(db, { ...query, pageSize: Math.min(query.pageSize, MAX_PAGE_SIZE) })
  const ids = page.items.map((i) => i.id)
  const [scores, medians] = ids.length
    ? await Promise.all([
        db
          .selectFrom('item_scores')
          .select(['item_id', 'strategic_importance', 'ease_of_implementation', 'note', 'updated_at'])
          .where('user_id', '=', actor.id)
          .where('item_id', 'in', ids)
          .execute(),
        db
          .selectFrom('items')
          .select(['id', 'scores_count', 'importance_median', 'ease_median'])
          .where('id', 'in', ids)
          .execute(),
      ])
    : [[], []]
  const mineById = new Map(scores.map((s) => [s.item_id, s]))
  const medianById = new Map(medians.map((m) => [m.id, m]))
  return {
    total: page.total,
    rows: page.items.map((item) => {
      const own = mineById.get(item.id)
      return {
        ref: item.ref,
        titles: titlesOf(item),
        archived: item.archived,
        mine: own
          ? {
              strategic_importance: own.strategic_importance,
              ease_of_implementation: own.ease_of_implementation,
              note: own.note,
              updated_at: own.updated_at,
            }
          : null,
        median: own ? medianOf(medianById.get(item.id)) : null,
      }
    }),
  }
}

function medianOf(
  row: { scores_count: number; importance_median: number | null; ease_median: number | null } | undefined,
) {
  if (!row || row.importance_median == null || row.ease_median == null) return null
  return {
    importance: Number(row.importance_median),
    ease: Number(row.ease_median),
    count: Number(row.scores_count),
  }
}

export type GridRowOutcome =
  | { kind: 'saved'; updated_at: string; median: GridMedian | null }
  /** the member's score changed since the row was shown: nothing was written */
  | {
      kind: 'conflict'
      current: {
        strategic_importance: number
        ease_of_implementation: number
        note: string | null
        updated_at: string
      }
    }
  | { kind: 'not_found' }
  | { kind: 'archived' }
  | Forbidden

/**
 * Saves one row: the member's score of the item, if their stored score is still the one the row
 * was shown with (`seen`: its updated_at, '' for none). Answers the new time and the median so far.
 */
export function saveGridRow(
  db: DB,
  actor: Actor,
  ref: string,
  input: ScoreInput,
  seen: string,
): Promise<GridRowOutcome> {
  if (!can(actor, 'score:write')) return Promise.resolve(forbiddenOutcome('score:write'))
  return withinTransaction(db, async (trx): Promise<GridRowOutcome> => {
    const item = await trx.selectFrom('items').select('id').where('ref', '=', ref).executeTakeFirst()
    if (!item) return { kind: 'not_found' }
    // the item's lock orders this save after any other score of the item, as saveScore does
    await lockItemRow(trx, item.id)
    const own = () =>
      trx
        .selectFrom('item_scores')
        .select(['strategic_importance', 'ease_of_implementation', 'note', 'updated_at'])
        .where('item_id', '=', item.id)
        .where('user_id', '=', actor.id)
        .executeTakeFirst()
    const before = await own()
    if ((before?.updated_at ?? '') !== seen && before) return { kind: 'conflict', current: before }
    const outcome = await saveScore(trx, actor, ref, input)
    if (outcome.kind !== 'done') return outcome
    const after = await own()
    const median = await trx
      .selectFrom('items')
      .select(['scores_count', 'importance_median', 'ease_median'])
      .where('id', '=', item.id)
      .executeTakeFirst()
    return { kind: 'saved', updated_at: after?.updated_at ?? '', median: medianOf(median) }
  })
}
