import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { databaseTargets, type TestDatabase } from '../../tests/setup/db-targets'
import { insertUser } from '../../tests/setup/fixtures'
import {
  fillTiedPortfolio,
  randomFilters,
  seeded,
  type Seeded,
  type TaxonomyNames,
} from '../../tests/setup/tied-portfolio'
import { saveFlag, withdrawFlag } from '../cofinancing/cofinancing.server'
import { FlagForm, STAGES, type Stage } from '../cofinancing/schema'
import { itemsOfView, listItems } from './list.server'
import { interestOf, ListQuery } from './list-query'

// The partner-interest filter reads items.interest_key (decision 0048), kept by triggers on the
// flags. This holds it to what the flag-table subquery it replaced gave, on seeded random flags
// and views, after each kind of change a flag or its item can go through; and holds every stored
// key to the key recomputed from the live flags. On PostgreSQL too when TEST_DATABASE_URL_PG is set.

// Short names may hold ':' and LIKE's wildcards; none holds ';' (people/schema.ts). 'A' is a
// prefix of 'A:B' and 'AB', so a test matching too loosely finds the wrong items.
const ORGANISATIONS = ['ADB', 'AIIB', 'A', 'A:B', 'AB', 'x_y', '50%', 'EBRD']

/** The filter as it was: `i.id [not] in (select item_id from cofinancing_flags where ...)`. */
async function referenceRefs(db: Kysely<Database>, view: ListQuery): Promise<string[]> {
  const interest = interestOf(view)!
  const rest = { ...view, interest: undefined, interest_org: [], interest_stage: [] }
  let flagged = db.selectFrom('cofinancing_flags as f').select('f.item_id').where('f.withdrawn', '=', 0)
  if (interest.organisations.length) flagged = flagged.where('f.organisation', 'in', interest.organisations)
  if (interest.stages.length) flagged = flagged.where('f.stage', 'in', interest.stages as Stage[])
  const rows = await itemsOfView(db, rest)
    .where('i.id', interest.has ? 'in' : 'not in', flagged)
    .select('i.ref')
    .orderBy('i.ref')
    .execute()
  return rows.map((r) => r.ref)
}

/** Every item whose stored key differs from the key its live flags make now. */
async function staleKeys(db: Kysely<Database>) {
  const flags = await db
    .selectFrom('cofinancing_flags')
    .select(['item_id', 'organisation', 'stage'])
    .where('withdrawn', '=', 0)
    .execute()
  const entries = new Map<string, string[]>()
  for (const f of flags)
    entries.set(f.item_id, [...(entries.get(f.item_id) ?? []), `${f.stage}:${f.organisation}`])
  const items = await db.selectFrom('items').select(['id', 'ref', 'interest_key']).execute()
  // Compared as sets: the order inside the key follows each database's collation and no test reads it.
  const asSet = (key: string | null) => (key === null ? null : key.split(';').filter(Boolean).sort())
  return items
    .filter((i) => {
      const live = entries.get(i.id)
      const stored = asSet(i.interest_key)
      if (!live) return stored !== null
      return (
        i.interest_key === null ||
        !/^;.*;$/.test(i.interest_key) ||
        JSON.stringify(stored) !== JSON.stringify(live.sort())
      )
    })
    .map((i) => ({ ref: i.ref, stored: i.interest_key, live: entries.get(i.id) ?? null }))
}

function randomInterest(r: Seeded) {
  const kind = r.pick(['any', 'none', 'org', 'stage', 'both', 'none-org', 'none-stage', 'none-both'])
  const organisations = () => r.some(ORGANISATIONS, 1).slice(0, 3).concat(r.pick(ORGANISATIONS))
  const stages = () => [...new Set([r.pick(STAGES), ...r.some(STAGES, 0.5)])]
  return {
    interest: kind.startsWith('none') ? 'none' : kind === 'any' ? 'any' : r.pick([undefined, 'any']),
    interest_org: ['org', 'both', 'none-org', 'none-both'].includes(kind) ? organisations() : [],
    interest_stage: ['stage', 'both', 'none-stage', 'none-both'].includes(kind) ? stages() : [],
  }
}

for (const target of databaseTargets()) {
  describe(`the partner-interest filter from the stored key, on ${target.name}`, () => {
    let handle: TestDatabase
    let names: TaxonomyNames
    let itemIds: string[]
    const r = seeded(20261203)

    async function addFlags(db: Kysely<Database>, n: number) {
      const user = await insertUser(db, 'partner', [], 'ADB')
      const now = new Date().toISOString()
      for (let k = 0; k < n; k++) {
        const item_id = r.pick(itemIds)
        const organisation = r.pick(ORGANISATIONS)
        await db
          .insertInto('cofinancing_flags')
          .values({
            id: randomUUID(),
            item_id,
            organisation,
            user_id: user.id,
            instrument: 'loan',
            stage: r.pick(STAGES),
            amount_kusd: null,
            note: null,
            withdrawn: r.next() < 0.15 ? 1 : 0,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.columns(['item_id', 'organisation']).doNothing())
          .execute()
      }
    }

    async function checkViews(db: Kysely<Database>, count: number) {
      for (let k = 0; k < count; k++) {
        const view = ListQuery.parse({
          ...(r.next() < 0.5 ? {} : randomFilters(r, names, ['corridor', 'e', 'rail'], 0.2)),
          ...randomInterest(r),
          archived: r.pick(['exclude', 'include', 'only']),
          sort: 'ref',
          pageSize: r.pick([7, 50]),
        })
        const context = JSON.stringify(view)
        const all = await referenceRefs(db, view)
        const found = (await itemsOfView(db, view).select('i.ref').orderBy('i.ref').execute()).map(
          (x) => x.ref,
        )
        expect(found, context).toEqual(all)
        const pages = Math.max(1, Math.ceil(all.length / view.pageSize))
        for (const page of new Set([1, pages, 1 + Math.floor(r.next() * pages)])) {
          const got = await listItems(db, { ...view, page })
          expect(got.total, context).toBe(all.length)
          expect(
            got.items.map((i) => i.ref),
            `${context} page ${page}`,
          ).toEqual(all.slice((page - 1) * view.pageSize, page * view.pageSize))
        }
      }
    }

    beforeAll(async () => {
      handle = await target.open()
      names = await fillTiedPortfolio(handle.db, 400)
      itemIds = (await handle.db.selectFrom('items').select('id').orderBy('id').execute()).map((x) => x.id)
      await addFlags(handle.db, 300)
    }, 60_000)

    afterAll(async () => {
      await handle?.close()
    })

    it('gives what the flag subquery gave, through withdrawals, stage changes, renames and archiving', async () => {
      const db = handle.db
      await checkViews(db, 40)
      const live = () => db.selectFrom('cofinancing_flags').select(['id', 'item_id']).execute()
      for (let round = 0; round < 4; round++) {
        const flags = await live()
        const some = () => flags.filter(() => r.next() < 0.1).map((f) => f.id)
        // withdrawn, revived, moved to another stage
        await db.updateTable('cofinancing_flags').set({ withdrawn: 1 }).where('id', 'in', some()).execute()
        await db.updateTable('cofinancing_flags').set({ withdrawn: 0 }).where('id', 'in', some()).execute()
        for (const id of some())
          await db
            .updateTable('cofinancing_flags')
            .set({ stage: r.pick(STAGES) })
            .where('id', 'in', [id])
            .execute()
        // an organisation's name changed on its flags (as the people migration did), where no clash
        const from = r.pick(ORGANISATIONS)
        const to = `${from}-${round}`
        await db
          .updateTable('cofinancing_flags')
          .set({ organisation: to })
          .where('organisation', '=', from)
          .execute()
        ORGANISATIONS.push(to)
        // items archived and restored, and a flag deleted outright
        const archived = itemIds.filter(() => r.next() < 0.05)
        await db.updateTable('items').set({ archived: 1 }).where('id', 'in', archived).execute()
        await db
          .updateTable('items')
          .set({ archived: 0 })
          .where(
            'id',
            'in',
            itemIds.filter(() => r.next() < 0.02),
          )
          .execute()
        await db.deleteFrom('cofinancing_flags').where('id', 'in', some().slice(0, 2).concat('')).execute()
        await addFlags(db, 40)
        expect(await staleKeys(db)).toEqual([])
        await checkViews(db, 20)
      }
    }, 180_000)

    it('is kept by the app writers: saving, restaging and withdrawing a flag', async () => {
      const db = handle.db
      const items = await db
        .selectFrom('items')
        .select('ref')
        .where('archived', '=', 0)
        .orderBy('ref')
        .limit(6)
        .execute()
      const adb = await insertUser(db, 'partner', [], 'ADB')
      const colon = await insertUser(db, 'partner', [], 'A:B')
      const form = (stage: string) => FlagForm.parse({ instrument: 'grant', stage, amount_usd_m: '1' })
      for (const [k, { ref }] of items.entries()) {
        expect(await saveFlag(db, adb, ref, form(STAGES[k % 3]!))).toEqual({ kind: 'done', changed: true })
        if (k % 2) await saveFlag(db, colon, ref, form('committed'))
        if (k % 3 === 0) await saveFlag(db, adb, ref, form('committed'))
        if (k % 4 === 1) await withdrawFlag(db, adb, ref)
      }
      expect(await staleKeys(db)).toEqual([])
      const withdrawn = await listItems(
        db,
        ListQuery.parse({ interest_org: ['ADB'], archived: 'include', pageSize: 200, sort: 'ref' }),
      )
      expect(withdrawn.items.map((i) => i.ref)).not.toContain(items[1]!.ref)
    })

    it('rebuilds every key from the flags alone (each flag touched once)', async () => {
      const db = handle.db
      await sql`update items set interest_key = null`.execute(db)
      await sql`update cofinancing_flags set withdrawn = withdrawn + 0, stage = stage`.execute(db)
      expect(await staleKeys(db)).toEqual([])
    })
  })
}
