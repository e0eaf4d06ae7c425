import fs from 'node:fs'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { actorOf, addPerson, PLAN_FILE } from '../../tests/setup/fixtures'
import { createPgTestDb } from '../../tests/setup/pg-db'
import { createTestDb } from '../../tests/setup/test-db'
import { importCsv } from '../importer/import.server'
import { setArchived } from '../portfolio/items.server'
import { transition } from '../workflow/workflow.server'
import { getMyWork } from './my-work.server'

// A working group's "returned for revision": their countries' items that are proposed now and were
// once sent back from review (found from those status changes, decision 0053), and no others: not
// an archived one, not one moved on since, not another country's. SQLite, and PostgreSQL when
// TEST_DATABASE_URL_PG is set.

const targets: Array<{
  name: string
  open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>
}> = [{ name: 'SQLite', open: createTestDb }]
const pgUrl = process.env.TEST_DATABASE_URL_PG
if (pgUrl) targets.push({ name: 'PostgreSQL', open: () => createPgTestDb(pgUrl) })

for (const target of targets) {
  describe(`a working group's returned items on ${target.name}`, () => {
    let handle: { db: Kysely<Database>; close(): Promise<void> }
    const secretariat = actorOf({ role: 'secretariat' })
    const kaz = actorOf({ role: 'working_group', countries: ['KAZ'] })

    beforeAll(async () => {
      handle = await target.open()
      for (const actor of [secretariat, kaz]) await addPerson(handle.db, actor)
      const imported = await importCsv(handle.db, fs.readFileSync(PLAN_FILE), secretariat.id)
      expect(imported.ok).toBe(true)
    }, 60_000)
    afterAll(async () => handle?.close())

    const proposed = (country: string) =>
      handle.db
        .selectFrom('items')
        .select('ref')
        .where('status', '=', 'proposed')
        .where('archived', '=', 0)
        .where('proposers_key', 'like', `%${country}%`)
        .orderBy('ref')
        .execute()
        .then((rows) => rows.map((r) => r.ref))
    const returnIt = async (ref: string) => {
      expect((await transition(handle.db, secretariat, ref, 'under_review', null)).kind).toBe('done')
      expect((await transition(handle.db, secretariat, ref, 'proposed', 'needs a cost estimate')).kind).toBe(
        'done',
      )
    }
    const returned = async () => {
      const list = (await getMyWork(handle.db, kaz)).lists.find((l) => l.key === 'returned')!
      return { total: list.total, refs: list.entries.map((e) => e.ref) }
    }

    it('lists the items sent back to them, proposed now, and no others', async () => {
      expect(await returned()).toEqual({ total: 0, refs: [] })
      const ours = await proposed('KAZ')
      expect(ours.length).toBeGreaterThanOrEqual(3)
      const theirs = (await proposed('UZB')).filter((ref) => !ours.includes(ref))
      expect(theirs.length).toBeGreaterThan(0)
      const [back, archived, movedOn] = ours
      for (const ref of [back!, archived!, movedOn!, theirs[0]!]) await returnIt(ref)
      expect(await setArchived(handle.db, secretariat, archived!, true)).toEqual({ kind: 'done' })
      expect((await transition(handle.db, secretariat, movedOn!, 'under_review', null)).kind).toBe('done')
      expect(await returned()).toEqual({ total: 1, refs: [back] })
    }, 60_000)
  })
}
