import { titlesOf, type TextsByLanguage } from '../portfolio/item-text'
import type { DB } from '../../db/schema'
import type { Quadrant } from '../portfolio/codes'
import type { ListQuery } from '../portfolio/list-query'
import { eachItemBatch } from '../portfolio/list-batches.server'
import { countView } from '../portfolio/list.server'
import { effectiveScores } from './aggregate'

// The priority matrix and the ranked list (issue 4): the items of a portfolio view with the
// scores that place them. One read serves both, so the matrix and its table alternative always
// hold the same items.

/** More points than this make an unreadable matrix; the page says so and asks for filters. */
export const MATRIX_LIMIT = 1000

export interface PriorityItem {
  ref: string
  title: string
  /** the item's title in each language (app/portfolio/item-text.ts); `title` is the English one */
  titles: TextsByLanguage
  /** the item's translations_outdated (item-text.ts outdatedLanguages) */
  outdated: string | null
  pillar: string | null
  status: string
  quadrant: Quadrant
  /** the scores in force: the members' medians, or the secretariat's direct scores */
  importance: number | null
  ease: number | null
  /** how many members scored it; 0 means the direct scores place it */
  scoredBy: number
  cost_usd_m: number | null
}

export interface Priorities {
  /** ranked: by quadrant, then importance, then ease (both descending), then ref */
  items: PriorityItem[]
  /** matching items in the view, scored or not */
  total: number
  /** true when the view held more than MATRIX_LIMIT items and only the first were read */
  truncated: boolean
  pillars: string[]
}

const QUADRANT_RANK: Record<Quadrant, number> = {
  quick_win: 0,
  low_hanging_fruit: 1,
  strategic_phased: 2,
  reconsider: 3,
  unscored: 4,
}

export function rank(a: PriorityItem, b: PriorityItem): number {
  return (
    QUADRANT_RANK[a.quadrant] - QUADRANT_RANK[b.quadrant] ||
    (b.importance ?? -1) - (a.importance ?? -1) ||
    (b.ease ?? -1) - (a.ease ?? -1) ||
    (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
  )
}

export async function getPriorities(db: DB, query: ListQuery, limit = MATRIX_LIMIT): Promise<Priorities> {
  const items: PriorityItem[] = []
  const total = await countView(db, query)
  for await (const batch of eachItemBatch(db, { ...query, sort: 'ref' }, 500)) {
    const ids = batch.map((item) => item.id)
    const members = new Map(
      (
        await db
          .selectFrom('items')
          .select(['id', 'scores_count', 'importance_median', 'ease_median'])
          .where('id', 'in', ids)
          .execute()
      ).map((row) => [row.id, row]),
    )
    for (const item of batch) {
      if (items.length >= limit) break
      const m = members.get(item.id) ?? { scores_count: 0, importance_median: null, ease_median: null }
      const scores = effectiveScores(item, m)
      items.push({
        ref: item.ref,
        title: item.title_en,
        titles: titlesOf(item),
        outdated: item.translations_outdated,
        pillar: item.pillar,
        status: item.status,
        quadrant: item.quadrant,
        importance: scores.importance,
        ease: scores.ease,
        scoredBy: m.scores_count,
        cost_usd_m: item.cost_usd_m,
      })
    }
    if (items.length >= limit) break
  }
  items.sort(rank)
  const pillars = [...new Set(items.map((i) => i.pillar).filter((p): p is string => !!p))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  )
  return { items, total, truncated: total > items.length, pillars }
}
