import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { databaseTargets, type TestDatabase } from '../../tests/setup/db-targets'
import {
  fillTiedPortfolio,
  randomFilters,
  seeded,
  type TaxonomyNames,
} from '../../tests/setup/tied-portfolio'
import type { ListedItem } from './item-view'
import { eachItemBatch } from './list-batches.server'
import { listItems } from './list.server'
import { ListQuery, MAX_PAGE_SIZE, SORT_KEYS } from './list-query'

// eachItemBatch (exports, bulk actions, agendas) continues each batch after the last row given,
// in the order listItems pages in. This holds it to listItems, item for item, on a generated
// portfolio with ties (equal titles, equal names under two parents, refs differing by case) and
// empty values, for every sort key, both directions, seeded random filters and small batch sizes,
// so that ties, group ends and the start of the empty values fall across batch boundaries. Both
// ways a batch is read (walking the sort index, or sorting the few matches) are reached: the
// latter for views of at most five batches. On PostgreSQL too when TEST_DATABASE_URL_PG is set.

/** Every item of the view as listItems pages it. */
async function listed(db: Kysely<Database>, view: ListQuery): Promise<ListedItem[]> {
  const all: ListedItem[] = []
  for (let page = 1; ; page++) {
    const { items, total } = await listItems(db, { ...view, page, pageSize: MAX_PAGE_SIZE })
    all.push(...items)
    if (items.length < MAX_PAGE_SIZE || all.length >= total) return all
  }
}

for (const target of databaseTargets()) {
  describe(`eachItemBatch gives a view's items in listItems' order, on ${target.name}`, () => {
    let handle: TestDatabase
    let names: TaxonomyNames
    let someRefs: string[] = []

    beforeAll(async () => {
      handle = await target.open()
      const db = handle.db
      names = await fillTiedPortfolio(db, 400, { equalCosts: true })
      const r = seeded(7)
      someRefs = (await db.selectFrom('items').select('ref').execute())
        .map((row) => row.ref)
        .filter(() => r.next() < 0.1)
    }, 60_000)

    afterAll(async () => {
      await handle?.close()
    })

    it('for every sort key, both directions, seeded random filters and batch sizes', async () => {
      const db = handle.db
      const r = seeded(20261202)
      let views = 0
      for (const key of SORT_KEYS) {
        for (const sort of [key, `-${key}`]) {
          const cases: ListQuery[] = [ListQuery.parse({ sort, archived: 'include' })]
          for (let k = 0; k < 4; k++) {
            cases.push(
              ListQuery.parse({
                ...randomFilters(r, names, ['corridor', 'e', '铁路', 'cita-1', 'x_y'], 0.25),
                ref: r.next() < 0.1 ? someRefs : undefined,
                sort,
              }),
            )
          }
          for (const view of cases) {
            const expected = await listed(db, view)
            const batchSize = r.pick([3, 8, 25, 130])
            const batches: ListedItem[][] = []
            for await (const batch of eachItemBatch(db, view, batchSize)) batches.push(batch)
            const context = JSON.stringify({ ...view, batchSize })
            expect(
              batches.every((b, i) => (i < batches.length - 1 ? b.length === batchSize : b.length > 0)),
              context,
            ).toBe(true)
            expect(
              batches.flat().map((i) => i.ref),
              context,
            ).toEqual(expected.map((i) => i.ref))
            expect(batches.flat(), context).toEqual(expected)
            views++
          }
        }
      }
      expect(views).toBe(SORT_KEYS.length * 2 * 5)
    }, 300_000)
  })
}
