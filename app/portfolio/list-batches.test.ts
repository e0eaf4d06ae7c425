import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { fillItems } from '../../scripts/bench-data'
import { insertUser } from '../../tests/setup/fixtures'
import { createPgTestDb } from '../../tests/setup/pg-db'
import { createTestDb } from '../../tests/setup/test-db'
import { COUNTRY_CODES, MODALITIES, QUADRANTS, STATUSES } from './codes'
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

function random(seed: number) {
  let state = seed
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648), state / 2147483648)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const some = <T>(list: readonly T[], p: number): T[] => (next() < p ? list.filter(() => next() < 0.3) : [])
  return { next, pick, some }
}

/** Every item of the view as listItems pages it. */
async function listed(db: Kysely<Database>, view: ListQuery): Promise<ListedItem[]> {
  const all: ListedItem[] = []
  for (let page = 1; ; page++) {
    const { items, total } = await listItems(db, { ...view, page, pageSize: MAX_PAGE_SIZE })
    all.push(...items)
    if (items.length < MAX_PAGE_SIZE || all.length >= total) return all
  }
}

const targets: Array<{
  name: string
  open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>
}> = [{ name: 'SQLite', open: createTestDb }]
const pgUrl = process.env.TEST_DATABASE_URL_PG
if (pgUrl) targets.push({ name: 'PostgreSQL', open: () => createPgTestDb(pgUrl) })

for (const target of targets) {
  describe(`eachItemBatch gives a view's items in listItems' order, on ${target.name}`, () => {
    let handle: { db: Kysely<Database>; close(): Promise<void> }
    const names = { strategy: [] as string[], pillar: [] as string[], area: [] as string[] }
    let someRefs: string[] = []

    beforeAll(async () => {
      handle = await target.open()
      const db = handle.db
      const editor = await insertUser(db, 'secretariat')
      await fillItems(db, 400, editor.id)
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
      // Many equal amounts, so ties by value run across batches.
      await db.updateTable('items').set({ cost_kusd: 5000 }).where('ref', 'like', '%3').execute()
      await db
        .updateTable('items')
        .set({ ref: sql<string>`lower(ref)` })
        .where('ref', 'like', '%7')
        .execute()
      names.strategy = (await db.selectFrom('strategies').select('name').execute()).map((r) => r.name)
      names.pillar = [
        ...new Set((await db.selectFrom('pillars').select('name').execute()).map((r) => r.name)),
      ]
      names.area = [...new Set((await db.selectFrom('areas').select('name').execute()).map((r) => r.name))]
      const r = random(7)
      someRefs = (await db.selectFrom('items').select('ref').execute())
        .map((row) => row.ref)
        .filter(() => r.next() < 0.1)
    }, 60_000)

    afterAll(async () => {
      await handle?.close()
    })

    it('for every sort key, both directions, seeded random filters and batch sizes', async () => {
      const db = handle.db
      const r = random(20261202)
      let views = 0
      for (const key of SORT_KEYS) {
        for (const sort of [key, `-${key}`]) {
          const cases: ListQuery[] = [ListQuery.parse({ sort, archived: 'include' })]
          for (let k = 0; k < 4; k++) {
            cases.push(
              ListQuery.parse({
                q: r.next() < 0.25 ? r.pick(['corridor', 'e', '铁路', 'cita-1', 'x_y']) : undefined,
                ref: r.next() < 0.1 ? someRefs : undefined,
                strategy: r.some(names.strategy, 0.15),
                pillar: r.some(names.pillar, 0.1),
                area: r.some(names.area, 0.1),
                modalities: r.some(MODALITIES, 0.25),
                proposers: r.some(COUNTRY_CODES, 0.3),
                status: r.some(STATUSES, 0.25),
                quadrant: r.some(QUADRANTS, 0.25),
                archived: r.pick(['exclude', 'exclude', 'include', 'only']),
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
