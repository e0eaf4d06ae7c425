import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { COUNTRY_CODES, MODALITIES, QUADRANTS, STATUSES } from '../../app/portfolio/codes'
import { fillItems } from '../../scripts/bench-data'
import { insertUser } from './fixtures'

// A generated portfolio with the ties the generator does not make (an area name under two
// pillars, a pillar name under two strategies, repeated titles, refs differing by case), and
// seeded random views of it: what the tests holding listing, paging and batching to one defined
// order share.

/** A deterministic generator, so a failing view can be named and run again. */
export function seeded(seed: number) {
  let state = seed
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648), state / 2147483648)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const some = <T>(list: readonly T[], p: number): T[] => (next() < p ? list.filter(() => next() < 0.3) : [])
  return { next, pick, some }
}

export type Seeded = ReturnType<typeof seeded>
export interface TaxonomyNames {
  strategy: string[]
  pillar: string[]
  area: string[]
}

/** Fills `count` generated items with ties added, and answers the taxonomy's names for filters. */
export async function fillTiedPortfolio(
  db: Kysely<Database>,
  count: number,
  options: { equalCosts?: boolean } = {},
): Promise<TaxonomyNames> {
  const editor = await insertUser(db, 'secretariat')
  await fillItems(db, count, editor.id)
  await db
    .updateTable('areas')
    .set({ name: '1 Trade policy and measures' })
    .where('name', 'in', ['1 Regional power trade', '1 Road corridors'])
    .execute()
  await db
    .updateTable('pillars')
    .set({ name: 'Pillar 1: Energy security' })
    .where('name', 'like', 'Pillar 1: Trade%')
    .execute()
  await db.updateTable('items').set({ title_en: 'Same title' }).where('ref', 'like', '%0').execute()
  // Many equal amounts, so ties by value run across pages and batches.
  if (options.equalCosts)
    await db.updateTable('items').set({ cost_kusd: 5000 }).where('ref', 'like', '%3').execute()
  await db
    .updateTable('items')
    .set({ ref: sql<string>`lower(ref)` })
    .where('ref', 'like', '%7')
    .execute()
  const distinct = (rows: Array<{ name: string }>) => [...new Set(rows.map((r) => r.name))]
  return {
    strategy: distinct(await db.selectFrom('strategies').select('name').execute()),
    pillar: distinct(await db.selectFrom('pillars').select('name').execute()),
    area: distinct(await db.selectFrom('areas').select('name').execute()),
  }
}

/** A random view's filters (search words in several scripts included); the caller adds sort and paging. */
export function randomFilters(
  r: Seeded,
  names: TaxonomyNames,
  words: readonly string[],
  searchShare: number,
) {
  return {
    q: r.next() < searchShare ? r.pick(words) : undefined,
    strategy: r.some(names.strategy, 0.15),
    pillar: r.some(names.pillar, 0.1),
    area: r.some(names.area, 0.1),
    modalities: r.some(MODALITIES, 0.25),
    proposers: r.some(COUNTRY_CODES, 0.3),
    status: r.some(STATUSES, 0.25),
    quadrant: r.some(QUADRANTS, 0.25),
    archived: r.pick(['exclude', 'exclude', 'include', 'only']),
  }
}
