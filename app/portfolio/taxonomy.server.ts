import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'

export interface Taxonomy {
  strategies: Array<{
    id: string
    name: string
    pillars: Array<{ id: string; name: string; areas: Array<{ id: string; name: string }> }>
  }>
}

/** The taxonomy's names only, as the filter panel offers them: what a page's loader need send of it (no ids). */
export interface TaxonomyNameTree {
  strategies: Array<{ name: string; pillars: Array<{ name: string; areas: Array<{ name: string }> }> }>
}

/** The taxonomy without its ids: the portfolio page sends the filter panel only this (decision 0055). */
export function taxonomyNameTree(taxonomy: Taxonomy): TaxonomyNameTree {
  return {
    strategies: taxonomy.strategies.map((s) => ({
      name: s.name,
      pillars: s.pillars.map((p) => ({ name: p.name, areas: p.areas.map((a) => ({ name: a.name })) })),
    })),
  }
}

// One collator, made once: localeCompare with options builds one for every comparison, which made
// sorting the filter panel's few hundred names a visible part of each /items request.
const NAME_ORDER = new Intl.Collator('en', { numeric: true })

/** Areas are numbered ("2 Modernization...", "10 Trade reform"): order them by that number, then by name. */
export function compareNames(a: string, b: string): number {
  return NAME_ORDER.compare(a, b)
}

export async function getTaxonomy(db: DB): Promise<Taxonomy> {
  const [strategies, pillars, areas] = await Promise.all([
    db.selectFrom('strategies').select(['id', 'name']).execute(),
    db.selectFrom('pillars').select(['id', 'name', 'strategy_id']).execute(),
    db.selectFrom('areas').select(['id', 'name', 'pillar_id']).execute(),
  ])
  const byName = <T extends { name: string }>(list: T[]) => list.sort((a, b) => compareNames(a.name, b.name))
  return {
    strategies: byName(strategies).map((s) => ({
      id: s.id,
      name: s.name,
      pillars: byName(pillars.filter((p) => p.strategy_id === s.id)).map((p) => ({
        id: p.id,
        name: p.name,
        areas: byName(areas.filter((a) => a.pillar_id === p.id)).map((a) => ({ id: a.id, name: a.name })),
      })),
    })),
  }
}

export interface TaxonomyIds {
  strategy_id: string
  pillar_id: string | null
  area_id: string | null
}

/** Checks that the chosen pillar is the strategy's and the area the pillar's; answers the field at fault. */
export async function checkTaxonomyIds(
  db: DB,
  ids: { strategy_id: string; pillar_id?: string | null; area_id?: string | null },
): Promise<{ field: string } | null> {
  const strategy = await db
    .selectFrom('strategies')
    .select('id')
    .where('id', '=', ids.strategy_id)
    .executeTakeFirst()
  if (!strategy) return { field: 'strategy_id' }
  if (ids.pillar_id) {
    const pillar = await db
      .selectFrom('pillars')
      .select('id')
      .where('id', '=', ids.pillar_id)
      .where('strategy_id', '=', ids.strategy_id)
      .executeTakeFirst()
    if (!pillar) return { field: 'pillar_id' }
  }
  if (ids.area_id) {
    const area = await db
      .selectFrom('areas')
      .select('id')
      .where('id', '=', ids.area_id)
      .where('pillar_id', '=', ids.pillar_id ?? '')
      .executeTakeFirst()
    if (!area) return { field: 'area_id' }
  }
  return null
}

/** A strategy, pillar or area made by an import; `within` names the strategy or pillar it belongs to. */
export interface NewTaxonomyName {
  kind: 'strategy' | 'pillar' | 'area'
  name: string
  within: string | null
}

/**
 * A strategy, pillar or area by its name, or else by its Russian or Chinese name: our XLSX export
 * writes names in the reader's language (docs/decisions/0027-pdf-fonts-and-localized-outputs.md),
 * and such a file imported again must find the same ones, not make new ones named in Russian.
 */
async function findNamed(
  db: DB,
  table: 'strategies' | 'pillars' | 'areas',
  within: { column: 'strategy_id' | 'pillar_id'; id: string } | null,
  name: string,
): Promise<{ id: string } | undefined> {
  const query = (column: 'name' | 'name_ru' | 'name_zh') => {
    let q = db.selectFrom(table).select('id').where(column, '=', name)
    // the parent's column exists on the table it is given with; Kysely cannot see that across three
    if (within) q = q.where(within.column as never, '=', within.id as never)
    return q.orderBy('id').executeTakeFirst()
  }
  return (await query('name')) ?? (await query('name_ru')) ?? (await query('name_zh'))
}

/** Finds strategy, pillar and area by name, creating those not seen yet (each annual plan brings new ones). */
export async function findOrCreateTaxonomy(
  db: DB,
  names: { strategy: string; pillar?: string | null; area?: string | null },
  now: string,
): Promise<TaxonomyIds & { created: NewTaxonomyName[] }> {
  const created: NewTaxonomyName[] = []
  let strategy = await findNamed(db, 'strategies', null, names.strategy)
  if (!strategy) {
    strategy = { id: randomUUID() }
    await db
      .insertInto('strategies')
      .values({ id: strategy.id, name: names.strategy, created_at: now })
      .execute()
    created.push({ kind: 'strategy', name: names.strategy, within: null })
  }
  if (!names.pillar) return { strategy_id: strategy.id, pillar_id: null, area_id: null, created }
  let pillar = await findNamed(db, 'pillars', { column: 'strategy_id', id: strategy.id }, names.pillar)
  if (!pillar) {
    pillar = { id: randomUUID() }
    await db
      .insertInto('pillars')
      .values({ id: pillar.id, strategy_id: strategy.id, name: names.pillar, created_at: now })
      .execute()
    created.push({ kind: 'pillar', name: names.pillar, within: names.strategy })
  }
  if (!names.area) return { strategy_id: strategy.id, pillar_id: pillar.id, area_id: null, created }
  let area = await findNamed(db, 'areas', { column: 'pillar_id', id: pillar.id }, names.area)
  if (!area) {
    area = { id: randomUUID() }
    await db
      .insertInto('areas')
      .values({ id: area.id, pillar_id: pillar.id, name: names.area, created_at: now })
      .execute()
    created.push({ kind: 'area', name: names.area, within: names.pillar })
  }
  return { strategy_id: strategy.id, pillar_id: pillar.id, area_id: area.id, created }
}
