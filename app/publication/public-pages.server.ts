import type { DB } from '../../db/schema'
import type { ListQuery } from '../portfolio/list-query'
import { getTaxonomy, type Taxonomy } from '../portfolio/taxonomy.server'
import { getPublicOverview, listPublicItems } from './public.server'

/** The taxonomy a visitor may filter on: only the names published items use. */
async function publicTaxonomy(db: DB): Promise<Taxonomy> {
  const taxonomy = await getTaxonomy(db)
  const used = await db
    .selectFrom('items')
    .select(['strategy_id', 'pillar_id', 'area_id'])
    .where('published', '=', 1)
    .where('archived', '=', 0)
    .groupBy(['strategy_id', 'pillar_id', 'area_id'])
    .execute()
  const ids = new Set(used.flatMap((u) => [u.strategy_id, u.pillar_id, u.area_id]).filter(Boolean))
  return {
    ...taxonomy,
    strategies: taxonomy.strategies
      .filter((s) => ids.has(s.id))
      .map((s) => ({
        ...s,
        pillars: s.pillars
          .filter((p) => ids.has(p.id))
          .map((p) => ({ ...p, areas: p.areas.filter((a) => ids.has(a.id)) })),
      })),
  }
}

/** The public front page: figures and charts over the published items of a view. */
export async function getPublicPortfolio(db: DB, query: ListQuery) {
  return { overview: await getPublicOverview(db, query), taxonomy: await publicTaxonomy(db) }
}

/** The public table: a page of published items, public fields only. */
export async function getPublicTable(db: DB, query: ListQuery) {
  return { page: await listPublicItems(db, query), taxonomy: await publicTaxonomy(db) }
}
