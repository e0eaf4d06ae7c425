import fs from 'node:fs'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../db/connect'
import type { Database } from '../../db/schema'
import { expectAddsUp } from '../../tests/setup/dashboard-check'
import { actorOf, addPerson, PLAN_FILE } from '../../tests/setup/fixtures'
import { createPgTestDb } from '../../tests/setup/pg-db'
import { createTestDb } from '../../tests/setup/test-db'
import { saveFlag } from '../cofinancing/cofinancing.server'
import { importCsv } from '../importer/import.server'
import { ListQuery } from '../portfolio/list-query'
import { transition } from '../workflow/workflow.server'
import { portfolioVersion } from './figures-cache.server'
import { computeOverview, getOverview } from './overview.server'
import { searchFiguresServe } from './search-figures.server'
import { setTallied, tallied } from './tallies.server'

// The figures of views the summary rows do not serve are stored in the database per portfolio
// version: a second app server (a second connection) reads what the first stored, and after any
// item write, on either, both read figures that add up item by item again. SQLite, and
// PostgreSQL when TEST_DATABASE_URL_PG is set.

const NOW = new Date()

const VIEWS: Array<Partial<ListQuery>> = [
  { proposers: ['KAZ', 'UZB'] },
  { q: 'corridor' },
  { interest_org: ['ADB'] },
  { modalities: ['policy_dialogue'], status: ['proposed', 'under_review'] },
]

const targets: Array<{
  name: string
  open: () => Promise<{ db: Kysely<Database>; url: string; close(): Promise<void> }>
}> = [{ name: 'SQLite', open: createTestDb }]
const pgUrl = process.env.TEST_DATABASE_URL_PG
if (pgUrl) targets.push({ name: 'PostgreSQL', open: () => createPgTestDb(pgUrl) })

for (const target of targets) {
  describe(`stored dashboard figures on ${target.name}`, () => {
    let handle: { db: Kysely<Database>; url: string; close(): Promise<void> }
    let other: Kysely<Database>
    const secretariat = actorOf({ role: 'secretariat' })
    const partner = actorOf({ role: 'partner', organisation: 'ADB' })

    beforeAll(async () => {
      handle = await target.open()
      other = connect(handle.url)
      for (const actor of [secretariat, partner]) await addPerson(handle.db, actor)
      const imported = await importCsv(handle.db, fs.readFileSync(PLAN_FILE), secretariat.id)
      expect(imported.ok).toBe(true)
    }, 60_000)
    afterAll(async () => {
      await other?.destroy()
      await handle?.close()
    })

    const storedKeys = async (db: Kysely<Database>) =>
      (await db.selectFrom('dashboard_cache').select(['key', 'version']).execute()).length

    it('are stored once per version and read back by another server', async () => {
      for (const view of VIEWS) {
        const query = ListQuery.parse(view)
        expect(tallied(query)).toBe(false)
        const first = await getOverview(handle.db, query, NOW)
        expect(await getOverview(other, query, NOW)).toEqual(first)
        expect(first).toEqual(await computeOverview(handle.db, query, NOW))
      }
      // Views of proposers alone add up the proposer-set rows each time (decision 0043): not stored;
      // a search alone is stored with the versions it is exact at and brought up to date (0053).
      const stored = VIEWS.filter(
        (view) => !setTallied(ListQuery.parse(view)) && !searchFiguresServe(ListQuery.parse(view)),
      )
      expect(stored.length).toBe(VIEWS.length - 2)
      expect(await storedKeys(handle.db)).toBe(stored.length)
      expect(await handle.db.selectFrom('dashboard_search_figures').select('key').execute()).toHaveLength(1)
    })

    it('are read afresh after an item write on either server, and add up', async () => {
      const kaz = await handle.db
        .selectFrom('items')
        .select('ref')
        .where('status', '=', 'proposed')
        .where('proposers_key', 'like', '%KAZ%')
        .orderBy('ref')
        .executeTakeFirstOrThrow()
      const query = ListQuery.parse(VIEWS[0])
      const before = await getOverview(handle.db, query, NOW)
      const version = await portfolioVersion(handle.db)

      expect((await transition(other, secretariat, kaz.ref, 'under_review', null)).kind).toBe('done')
      expect(await portfolioVersion(handle.db)).toBe(version + 1)
      const after = await getOverview(handle.db, query, NOW)
      expect(after.byStatus.find((r) => r.status === 'under_review')!.items).toBe(
        before.byStatus.find((r) => r.status === 'under_review')!.items + 1,
      )
      await expectAddsUp(handle.db, query, after, NOW)

      expect(
        (await saveFlag(handle.db, partner, kaz.ref, { instrument: 'grant', stage: 'interest', note: '' }))
          .kind,
      ).toBe('done')
      for (const view of VIEWS) {
        const query = ListQuery.parse(view)
        await expectAddsUp(other, query, await getOverview(other, query, NOW), NOW)
      }
      // Only the current version's figures are kept.
      const versions = await handle.db.selectFrom('dashboard_cache').select('version').distinct().execute()
      expect(versions.map((v) => Number(v.version))).toEqual([await portfolioVersion(handle.db)])
    }, 60_000)
  })
}
