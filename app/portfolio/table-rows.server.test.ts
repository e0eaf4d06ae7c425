import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets, type TestDatabase } from '../../tests/setup/db-targets'
import { insertUser } from '../../tests/setup/fixtures'
import {
  fillTiedPortfolio,
  randomFilters,
  seeded,
  type TaxonomyNames,
} from '../../tests/setup/tied-portfolio'
import { LANGUAGES } from '../i18n/languages'
import { toTableRow } from './item-view'
import { ListQuery, SORT_KEYS } from './list-query'
import { listItems } from './list.server'
import { listTableRows } from './table-rows.server'
import { packRows, unpackRows } from './table-rows'

// The portfolio page reads only its table's columns (listTableRows); this holds it to what the
// page sent before, the whole items of listItems made into rows by toTableRow, row for row and
// value for value: every sort key both ways, seeded random filters, several pages, each reader's
// language, items titled in Russian or Chinese only, published and archived items, partner
// interest; and the rows come back the same from the JSON text the page sends them as. On
// PostgreSQL too when TEST_DATABASE_URL_PG is set.

for (const target of databaseTargets()) {
  describe(`listTableRows sends the rows toTableRow made of listItems' page, on ${target.name}`, () => {
    let handle: TestDatabase
    let names: TaxonomyNames

    beforeAll(async () => {
      handle = await target.open()
      const db = handle.db
      names = await fillTiedPortfolio(db, 300)
      await db
        .updateTable('items')
        .set({ title_ru: sql<string>`'Проект ' || ref`, translations_outdated: ';title_ru;' })
        .where('ref', 'like', '%1')
        .execute()
      await db
        .updateTable('items')
        .set({ title_zh: sql<string>`'项目 ' || ref`, title_en: '' })
        .where('ref', 'like', '%2')
        .execute()
      await db.updateTable('items').set({ published: 1 }).where('ref', 'like', '%4').execute()
      const partner = await insertUser(db, 'partner', [], 'ADB')
      const flagged = await db.selectFrom('items').select('id').where('ref', 'like', '%5').execute()
      const now = new Date().toISOString()
      for (const [index, { id }] of flagged.entries())
        for (const [organisation, withdrawn] of [
          ['ADB', 0],
          ['WB', index % 2],
        ] as const)
          await db
            .insertInto('cofinancing_flags')
            .values({
              id: randomUUID(),
              item_id: id,
              organisation,
              user_id: partner.id,
              instrument: 'loan',
              amount_kusd: null,
              stage: index % 3 === 0 ? 'committed' : 'interest',
              note: null,
              withdrawn,
              created_at: now,
              updated_at: now,
            })
            .execute()
    }, 60_000)

    afterAll(async () => {
      await handle?.close()
    })

    it('for every sort key, both directions, random filters, pages and readers', async () => {
      const db = handle.db
      const r = seeded(20261205)
      let rows = 0
      for (const key of SORT_KEYS)
        for (const sort of [key, `-${key}`]) {
          const views = [
            ListQuery.parse({ sort, archived: 'include', pageSize: '50' }),
            ListQuery.parse({ sort, page: '3', pageSize: '25' }),
            ListQuery.parse({
              ...randomFilters(r, names, ['corridor', 'проект', '项目', 'cita-1'], 0.25),
              sort,
            }),
            ListQuery.parse({ sort, page: '99' }),
          ]
          for (const view of views)
            for (const reader of LANGUAGES) {
              const before = await listItems(db, view)
              const after = await listTableRows(db, view, reader)
              expect(after).toEqual({
                ...before,
                items: before.items.map((item) => toTableRow(item, reader)),
              })
              // and the page sends them as one JSON text (decision 0059): the browser gets them back
              expect(unpackRows(packRows(after.items))).toEqual(after.items)
              rows += after.items.length
            }
        }
      expect(rows).toBeGreaterThan(1000)
    }, 240_000)
  })
}
