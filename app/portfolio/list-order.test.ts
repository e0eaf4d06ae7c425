import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { databaseTargets, type TestDatabase } from '../../tests/setup/db-targets'
import {
  fillTiedPortfolio,
  randomFilters,
  seeded,
  type TaxonomyNames,
} from '../../tests/setup/tied-portfolio'
import { STATUSES } from './codes'
import { listItems } from './list.server'
import { ListQuery, SORT_KEYS, sortOf } from './list-query'

// listItems reads a page in several narrow queries (see SORTS in items.server.ts and
// docs/performance.md). This checks it against the plain one-query definition of the order,
// `order by case when <col> is null then 1 else 0 end, <col> [desc], ref`, on a generated
// portfolio and seeded random views: filters, both directions, page sizes and pages that cross
// the end of the values, group boundaries, the last page and beyond. On PostgreSQL too when
// TEST_DATABASE_URL_PG is set.

const REFERENCE_COLUMNS: Record<string, string> = {
  ref: 'i.ref',
  title_en: 'i.title_en',
  strategy: 's.name',
  pillar: 'p.name',
  area: 'a.name',
  modalities: 'i.modalities_key',
  proposers: 'i.proposers_key',
  status: 'i.status',
  start_year: 'i.start_year',
  end_year: 'i.end_year',
  cost_usd_m: 'i.cost_kusd',
  secured_usd_m: 'i.secured_kusd',
  gap_usd_m: 'i.gap_kusd',
  quadrant: 'i.quadrant',
  updated_at: 'i.updated_at',
}

/** All matching refs in order, by the definition: one query, joins, EXISTS on the link tables. */
async function referenceOrder(db: Kysely<Database>, q: ListQuery): Promise<string[]> {
  const { key, descending } = sortOf(q)
  let b = db
    .selectFrom('items as i')
    .innerJoin('strategies as s', 's.id', 'i.strategy_id')
    .leftJoin('pillars as p', 'p.id', 'i.pillar_id')
    .leftJoin('areas as a', 'a.id', 'i.area_id')
    .select('i.ref')
  if (q.archived === 'exclude') b = b.where('i.archived', '=', 0)
  if (q.archived === 'only') b = b.where('i.archived', '=', 1)
  if (q.q)
    b = b.where(
      sql<boolean>`i.search_text like ${`%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
    )
  if (q.strategy.length) b = b.where('s.name', 'in', q.strategy)
  if (q.pillar.length) b = b.where('p.name', 'in', q.pillar)
  if (q.area.length) b = b.where('a.name', 'in', q.area)
  if (q.status.length) b = b.where('i.status', 'in', q.status)
  if (q.quadrant.length) b = b.where('i.quadrant', 'in', q.quadrant)
  if (q.proposers.length) {
    b = b.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('item_proposers as ip')
          .select('ip.item_id')
          .whereRef('ip.item_id', '=', 'i.id')
          .where('ip.country_code', 'in', q.proposers),
      ),
    )
  }
  if (q.modalities.length) {
    b = b.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('item_modalities as im')
          .select('im.item_id')
          .whereRef('im.item_id', '=', 'i.id')
          .where('im.type_code', 'in', q.modalities),
      ),
    )
  }
  // Statuses in pipeline order; quadrants by priority, unscored as empty (DOMAIN.md: quick wins first).
  const rank = (column: string, order: readonly string[]) =>
    sql`case ${sql.ref(column)} ${sql.join(
      order.map((value, index) => sql`when ${sql.lit(value)} then ${sql.lit(index)}`),
      sql` `,
    )} end`
  const column =
    key === 'quadrant'
      ? rank('i.quadrant', ['quick_win', 'low_hanging_fruit', 'strategic_phased', 'reconsider'])
      : key === 'status'
        ? rank('i.status', STATUSES)
        : sql.ref(REFERENCE_COLUMNS[key]!)
  const rows = await b
    .orderBy(sql`case when ${column} is null then 1 else 0 end`)
    .orderBy(column, descending ? 'desc' : 'asc')
    .orderBy('i.ref')
    .execute()
  return rows.map((r) => r.ref)
}

/** listItems' page of the view: the whole view's count, and exactly its slice of the defined order. */
async function expectPage(db: Kysely<Database>, view: ListQuery, page: number, all: string[]) {
  const got = await listItems(db, { ...view, page })
  const context = JSON.stringify({ ...view, page })
  expect(got.total, context).toBe(all.length)
  expect(
    got.items.map((i) => i.ref),
    context,
  ).toEqual(all.slice((page - 1) * view.pageSize, page * view.pageSize))
}

for (const target of databaseTargets()) {
  describe(`listItems pages in the defined order, on ${target.name}`, () => {
    let handle: TestDatabase
    let names: TaxonomyNames

    beforeAll(async () => {
      handle = await target.open()
      names = await fillTiedPortfolio(handle.db, 1000)
    }, 60_000)

    afterAll(async () => {
      await handle?.close()
    })

    it('for every sort key, both directions, and seeded random filters and pages', async () => {
      const db = handle.db
      const r = seeded(20261125)
      const views: ListQuery[] = []
      for (const key of SORT_KEYS) {
        for (const sort of [key, `-${key}`]) {
          views.push(ListQuery.parse({ sort, pageSize: 7 }))
          for (let k = 0; k < 6; k++) {
            views.push(
              ListQuery.parse({
                ...randomFilters(r, names, ['corridor', 'e', '铁路', 'рынок', 'RAIL', 'cita-1', 'x_y'], 0.3),
                sort,
                pageSize: r.pick([1, 3, 7, 20, 50]),
              }),
            )
          }
        }
      }
      for (const view of views) {
        const all = await referenceOrder(db, view)
        const pages = Math.max(1, Math.ceil(all.length / view.pageSize))
        for (const page of new Set([1, 2, pages - 1, pages, pages + 1, 1 + Math.floor(r.next() * pages)])) {
          if (page < 1) continue
          await expectPage(db, view, page, all)
        }
      }
    }, 120_000)

    it('for a text search alone (counted first, its page walked in sort order or read whole)', async () => {
      const db = handle.db
      // frequent and rare words, two characters (the trigram vocabulary on SQLite), a block of
      // refs (matches bunched at one end of the ref order, which a walk reaches late or never)
      const words = ['e', 'co', 'or', 'rail', 'tra', '铁路', '走廊', 'рынок', 'cita-', 'ene-', 'EN']
      const sorts = ['ref', '-ref', 'title_en', '-title_en', 'updated_at', '-cost_usd_m', 'status']
      for (const q of words) {
        for (const sort of sorts) {
          for (const archived of ['exclude', 'include', 'only'] as const) {
            const view = ListQuery.parse({ q, sort, archived, pageSize: q.length % 2 ? 7 : 50 })
            const all = await referenceOrder(db, view)
            const pages = Math.max(1, Math.ceil(all.length / view.pageSize))
            for (const page of new Set([1, 2, 5, Math.ceil(pages / 2), pages, pages + 1])) {
              await expectPage(db, view, page, all)
            }
          }
        }
      }
    }, 120_000)
  })
}
