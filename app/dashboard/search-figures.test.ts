import fs from 'node:fs'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../db/connect'
import type { Database } from '../../db/schema'
import { expectAddsUp } from '../../tests/setup/dashboard-check'
import { actorOf, addPerson, PLAN_FILE, toCsv } from '../../tests/setup/fixtures'
import { createPgTestDb } from '../../tests/setup/pg-db'
import { createTestDb } from '../../tests/setup/test-db'
import { saveFlag, withdrawFlag } from '../cofinancing/cofinancing.server'
import { importCsv } from '../importer/import.server'
import type { Actor } from '../permissions/permissions'
import { saveScore } from '../prioritisation/scores.server'
import { baselineOf, getItemByRef, setArchived, updateItem } from '../portfolio/items.server'
import { ListQuery } from '../portfolio/list-query'
import { formValuesOf, ItemForm } from '../portfolio/schema'
import { setPublished } from '../publication/publication.server'
import { transition } from '../workflow/workflow.server'
import { portfolioVersion } from './figures-cache.server'
import { computeOverview, getOverview } from './overview.server'
import { searchFiguresServe } from './search-figures.server'
import { rebuildTallies } from './tallies.server'
import type { ViewRows } from './view-rows'

// A text search's dashboard figures are stored with the versions they were read at and brought up
// to date by the item writes logged since (decision 0053). After every kind of item write, on
// either of two app servers (two connections to one database), every search view's figures equal
// the item-by-item sums and the figures read afresh; a stored row made wrong on purpose stays
// wrong through writes that leave the search version alone (so they were brought up to date, not
// read again) and is gone once a text or archived state changes. SQLite, and PostgreSQL when
// TEST_DATABASE_URL_PG is set.

const NOW = new Date()

const VIEWS: Array<Partial<ListQuery>> = [
  { q: 'corridor' },
  { q: 'corridor', archived: 'include' },
  { q: 'road' },
  { q: 'a', archived: 'only' },
]

const targets: Array<{
  name: string
  open: () => Promise<{ db: Kysely<Database>; url: string; close(): Promise<void> }>
}> = [{ name: 'SQLite', open: createTestDb }]
const pgUrl = process.env.TEST_DATABASE_URL_PG
if (pgUrl) targets.push({ name: 'PostgreSQL', open: () => createPgTestDb(pgUrl) })

for (const target of targets) {
  describe(`a search's dashboard figures brought up to date on ${target.name}`, () => {
    let handle: { db: Kysely<Database>; url: string; close(): Promise<void> }
    let other: Kysely<Database>
    const people: Record<'secretariat' | 'member' | 'partner', Actor> = {
      secretariat: actorOf({ role: 'secretariat' }),
      member: actorOf({ role: 'steering_committee' }),
      partner: actorOf({ role: 'partner', organisation: 'ADB' }),
    }
    /** The first servers' connections, alternately: each write on one, read on both. */
    const servers = () => [handle.db, other]
    let corridor: string[] = []

    beforeAll(async () => {
      handle = await target.open()
      other = connect(handle.url)
      for (const actor of Object.values(people)) await addPerson(handle.db, actor)
      const imported = await importCsv(handle.db, fs.readFileSync(PLAN_FILE), people.secretariat.id)
      expect(imported.ok).toBe(true)
      corridor = (
        await handle.db
          .selectFrom('items')
          .select('ref')
          .where('search_text', 'like', '%corridor%')
          .where('archived', '=', 0)
          .orderBy('ref')
          .execute()
      ).map((r) => r.ref)
      expect(corridor.length).toBeGreaterThan(5)
    }, 60_000)
    afterAll(async () => {
      await other?.destroy()
      await handle?.close()
    })

    const searchVersion = async () =>
      Number(
        (await handle.db.selectFrom('search_version').select('version').executeTakeFirstOrThrow()).version,
      )

    /** Every view, read on each server: equal to the item-by-item sums and to the figures read afresh. */
    async function expectExact() {
      for (const db of servers())
        for (const view of VIEWS) {
          const query = ListQuery.parse(view)
          expect(searchFiguresServe(query), JSON.stringify(view)).toBe(true)
          const overview = await getOverview(db, query, NOW)
          await expectAddsUp(db, query, overview, NOW)
          expect(overview, JSON.stringify(view)).toEqual(await computeOverview(db, query, NOW))
        }
    }

    /** The stored rows of q=corridor and the versions they are exact at. */
    const storedCorridor = async () => {
      const rows = await handle.db.selectFrom('dashboard_search_figures').selectAll().execute()
      const row = rows.find(
        (r) => JSON.parse(r.key)[1].q === 'corridor' && JSON.parse(r.key)[1].archived === 'exclude',
      )
      expect(row).toBeDefined()
      return { ...row!, version: Number(row!.version), search_version: Number(row!.search_version) }
    }

    it('are read once, stored, and read back by the other server', async () => {
      await expectExact()
      expect(await handle.db.selectFrom('dashboard_search_figures').select('key').execute()).toHaveLength(
        VIEWS.length,
      )
      expect((await storedCorridor()).version).toBe(await portfolioVersion(handle.db))
    }, 60_000)

    it('follow status moves, edits of amounts, proposers and types, scores, flags and publication', async () => {
      const texts = await searchVersion()
      expect((await transition(other, people.secretariat, corridor[0]!, 'under_review', null)).kind).toBe(
        'done',
      )
      await expectExact()

      const before = (await getItemByRef(handle.db, corridor[1]!))!
      const input = ItemForm.parse({
        ...formValuesOf(before),
        proposers: ['MON', 'KAZ'],
        modalities: ['knowledge_services'],
        cost_usd_m: '123.4',
        secured_usd_m: '3',
        start_year: '2031',
      })
      expect(
        await updateItem(
          handle.db,
          people.secretariat,
          before.ref,
          input,
          JSON.stringify(baselineOf(before)),
        ),
      ).toEqual({ kind: 'saved', ref: before.ref })
      await expectExact()

      expect(
        (
          await saveScore(other, people.member, corridor[2]!, {
            strategic_importance: 5,
            ease_of_implementation: 1,
            note: '',
          })
        ).kind,
      ).toBe('done')
      await expectExact()

      const flagged = await saveFlag(handle.db, people.partner, corridor[3]!, {
        instrument: 'grant',
        stage: 'committed',
        amount_usd_m: 25,
        note: '',
      })
      expect(flagged.kind).toBe('done')
      await expectExact()
      expect((await withdrawFlag(other, people.partner, corridor[3]!)).kind).toBe('done')
      await expectExact()

      // Publication changes nothing a search view adds up: no change is logged for it.
      const logged = await handle.db.selectFrom('dashboard_changes').select('version').execute()
      expect((await setPublished(other, people.secretariat, corridor.slice(0, 3), true)).kind).toBe('done')
      expect(await handle.db.selectFrom('dashboard_changes').select('version').execute()).toHaveLength(
        logged.length,
      )
      await expectExact()

      // None of these changed a text or archived state: every read above brought stored rows up to date.
      expect(await searchVersion()).toBe(texts)
      expect((await storedCorridor()).version).toBe(await portfolioVersion(handle.db))
    }, 120_000)

    it('follow a re-import that changes a status and amounts', async () => {
      const plan = (await getItemByRef(handle.db, corridor[4]!))!
      const csv = toCsv([
        {
          ref: plan.ref,
          strategy: plan.strategy,
          pillar: plan.pillar ?? '',
          area: plan.area ?? '',
          title_en: plan.title_en,
          proposers: 'KGZ;TAJ',
          modalities: 'knowledge_services',
          status: 'under_review',
          cost_usd_m: '77',
          start_year: '2026',
        },
      ])
      const imported = await importCsv(other, csv, people.secretariat.id)
      expect(imported.ok, JSON.stringify(imported)).toBe(true)
      await expectExact()
    }, 60_000)

    it('follow archiving, restoring and a text edit, which change which items a search holds', async () => {
      expect(await setArchived(other, people.secretariat, corridor[5]!, true)).toEqual({ kind: 'done' })
      await expectExact()
      expect(await setArchived(handle.db, people.secretariat, corridor[5]!, false)).toEqual({ kind: 'done' })
      await expectExact()
      const road = await handle.db
        .selectFrom('items')
        .select('ref')
        .where('search_text', 'not like', '%corridor%')
        .where('archived', '=', 0)
        .orderBy('ref')
        .executeTakeFirstOrThrow()
      const before = (await getItemByRef(handle.db, road.ref))!
      const input = ItemForm.parse({ ...formValuesOf(before), title_en: `${before.title_en} corridor road` })
      expect(
        await updateItem(other, people.secretariat, before.ref, input, JSON.stringify(baselineOf(before))),
      ).toEqual({ kind: 'saved', ref: before.ref })
      await expectExact()
    }, 60_000)

    it('are brought up to date, not read again, until the search version moves', async () => {
      await expectExact()
      const planted = async () => {
        const row = await storedCorridor()
        const rows = JSON.parse(row.body) as ViewRows
        rows.years.push({ year: 1900, items: 100 })
        await handle.db
          .updateTable('dashboard_search_figures')
          .set({ body: JSON.stringify(rows) })
          .where('key', '=', row.key)
          .execute()
      }
      const query = ListQuery.parse(VIEWS[0])
      const year1900 = async (db: Kysely<Database>) =>
        (await getOverview(db, query, NOW)).byStartYear.find((r) => r.year === 1900)?.items
      await planted()
      const texts = await searchVersion()
      const version = await portfolioVersion(handle.db)
      expect((await transition(other, people.secretariat, corridor[6]!, 'under_review', null)).kind).toBe(
        'done',
      )
      expect(await year1900(handle.db)).toBe(100)
      expect(await year1900(other)).toBe(100)
      expect(await searchVersion()).toBe(texts)
      expect((await storedCorridor()).version).toBe(version + 1)

      // A text or archived state changed: the view's items are read again.
      expect(await setArchived(handle.db, people.secretariat, corridor[6]!, true)).toEqual({ kind: 'done' })
      expect(await year1900(other)).toBeUndefined()

      // Items written around the app (counted afresh by rebuildTallies): read again too.
      await planted()
      expect(await year1900(handle.db)).toBe(100)
      await rebuildTallies(other)
      expect(await year1900(handle.db)).toBeUndefined()
      await expectExact()
    }, 60_000)
  })
}
