import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets, type TestDatabase } from '../../tests/setup/db-targets'
import {
  fillTiedPortfolio,
  randomFilters,
  seeded,
  type TaxonomyNames,
} from '../../tests/setup/tied-portfolio'
import { toApiItem } from '../portfolio/item-view'
import { ListQuery, SORT_KEYS } from '../portfolio/list-query'
import { listItems } from '../portfolio/list.server'
import { apiItemsJson } from './items.server'

// GET /api/v1/items writes its JSON text from the rows (items.server.ts) instead of building the
// item views and stringifying them. A program reading the API must get exactly what it got
// before: the same text, byte for byte, as `JSON.stringify({ ...listItems(), items: items.map(toApiItem) })`,
// for every sort, filters, pages past the end, and the values that are easy to get wrong (text
// that needs escaping, empty taxonomy levels and lists, flags, amounts). On PostgreSQL too when
// TEST_DATABASE_URL_PG is set.

for (const target of databaseTargets()) {
  describe(`the JSON list's text, on ${target.name}`, () => {
    let handle: TestDatabase
    let names: TaxonomyNames

    beforeAll(async () => {
      handle = await target.open()
      const db = handle.db
      names = await fillTiedPortfolio(db, 300)
      // Values that need care in JSON and that the generator does not make.
      await db
        .updateTable('items')
        .set({
          description_en:
            'Quotes " and \\ back\nslash, tab\t, \u2028 line separator, emoji 🚆, 铁路 и дорога',
          title_ru: 'Ж/д «коридор»',
          partners: 'ADB; World Bank ;EBRD',
          pillar_id: null,
          area_id: null,
          cost_kusd: null,
          modalities_key: null,
          published: 1,
        })
        .where('ref', 'like', '%1')
        .execute()
      // Partner interest is on the table's rows, never in the API's answer.
      const item = await db.selectFrom('items').select('id').orderBy('ref').executeTakeFirstOrThrow()
      const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow()
      await db
        .insertInto('cofinancing_flags')
        .values({
          id: 'flag-1',
          item_id: item.id,
          organisation: 'ADB',
          user_id: user.id,
          instrument: 'grant',
          amount_kusd: 100,
          stage: 'interest',
          note: null,
          withdrawn: 0,
          created_at: '2026-12-01T00:00:00.000Z',
          updated_at: '2026-12-01T00:00:00.000Z',
        })
        .execute()
    }, 60_000)

    afterAll(async () => {
      await handle?.close()
    })

    it('is what stringifying the listed items as API items gives, for every sort, filters and pages', async () => {
      const db = handle.db
      const r = seeded(20261201)
      const views: ListQuery[] = [ListQuery.parse({}), ListQuery.parse({ page: 99 })]
      for (const key of SORT_KEYS)
        for (const sort of [key, `-${key}`]) {
          views.push(ListQuery.parse({ sort, pageSize: 50 }))
          views.push(
            ListQuery.parse({
              ...randomFilters(r, names, ['corridor', '铁路', 'quotes'], 0.3),
              sort,
              pageSize: r.pick([1, 7, 50]),
              page: r.pick([1, 2, 3]),
            }),
          )
        }
      for (const view of views) {
        const page = await listItems(db, view)
        const expected = JSON.stringify({ ...page, items: page.items.map(toApiItem) })
        expect(await apiItemsJson(db, view), JSON.stringify(view)).toBe(expected)
      }
    })
  })
}
