import type { Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { generatedRow } from '../../scripts/bench-import-data'
import { insertUser, toCsv } from '../../tests/setup/fixtures'
import { importRowByRow } from '../../tests/setup/reference-import'
import type { CountryCode } from '../portfolio/codes'
import { followItem } from '../notifications/follows.server'
import { checkedRows, importRows, type ImportRow } from './import.server'
import { readInterchangeCsv } from './interchange'

// The batched importer (docs/decisions/0041-import-batches.md) on SQLite (batches.test.ts) and
// PostgreSQL (db/postgres-import.test.ts): a file of more rows than one statement takes leaves
// the same database as the row-by-row importer it replaced, and all or nothing of it.

export interface SuiteDb {
  db: Kysely<Database>
  close(): Promise<void>
}

const NOW = '2026-12-02T04:00:00.000Z'
const LATER = '2026-12-02T05:00:00.000Z'

/** Rows `first`..`last` of the bench's generated file; `changed` rows get a new title, status and cost. */
function rowsOf(first: number, last: number, changed: (n: number) => boolean = () => false) {
  const rows: Array<Record<string, string>> = []
  for (let n = first; n <= last; n++) {
    const row = generatedRow(n, 'B')
    if (changed(n)) {
      row.title_en = `${row.title_en} (revised)`
      row.status = n % 2 ? 'on_hold' : 'under_review'
      row.cost_usd_m = String(Number(row.cost_usd_m) + 1)
      row.proposers = 'KAZ;UZB'
      if (n % 7 === 0) row.strategy = 'A strategy first seen in the update'
    }
    rows.push(row)
  }
  return rows
}

async function checked(db: Kysely<Database>, rows: Array<Record<string, string>>): Promise<ImportRow[]> {
  const result = await checkedRows(db, readInterchangeCsv(toCsv(rows)))
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors.slice(0, 3))}`)
  return result.rows
}

/** Everything an import writes, by ref and name rather than by the ids each database made. */
async function contents(db: Kysely<Database>) {
  const names = new Map<string, string>()
  for (const table of ['strategies', 'pillars', 'areas'] as const)
    for (const r of await db.selectFrom(table).select(['id', 'name']).execute()) names.set(r.id, r.name)
  const roles = new Map(
    (await db.selectFrom('users').select(['id', 'role']).execute()).map((u) => [u.id, u.role]),
  )
  const refs = new Map(
    (await db.selectFrom('items').select(['id', 'ref']).execute()).map((r) => [r.id, r.ref]),
  )
  const byRef = <T extends { item_id: string }>(rows: T[]) =>
    rows.map(({ item_id, ...rest }) => ({ ref: refs.get(item_id), ...rest }))
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort()
  const items = (await db.selectFrom('items').selectAll().execute()).map(({ id: _id, ...item }) => ({
    ...item,
    created_by: item.created_by && roles.get(item.created_by),
    updated_by: item.updated_by && roles.get(item.updated_by),
    strategy_id: names.get(item.strategy_id),
    pillar_id: item.pillar_id && names.get(item.pillar_id),
    area_id: item.area_id && names.get(item.area_id),
  }))
  return {
    items: sorted(items),
    proposers: sorted(byRef(await db.selectFrom('item_proposers').selectAll().execute())),
    modalities: sorted(byRef(await db.selectFrom('item_modalities').selectAll().execute())),
    events: sorted(
      byRef(
        (
          await db
            .selectFrom('item_events')
            .select(['item_id', 'seq', 'kind', 'actor_id', 'at', 'data'])
            .execute()
        ).map((e) => ({
          ...e,
          actor_id: e.actor_id && roles.get(e.actor_id),
          data: JSON.parse(e.data) as unknown,
        })),
      ),
    ),
    statusChanges: sorted(byRef(await db.selectFrom('item_status_changes').selectAll().execute())),
    taxonomy: sorted([...names.values()]),
    notifications: sorted(
      byRef(
        await db.selectFrom('notifications').select(['item_id', 'user_id', 'kind', 'created_at']).execute(),
      ).map((n) => ({ ...n, user_id: roles.get(n.user_id) })),
    ),
    mail: (await db.selectFrom('email_outbox').select('id').execute()).length,
  }
}

export function importBatchesSuite(open: () => Promise<SuiteDb>): void {
  let batched: SuiteDb
  let rowByRow: SuiteDb
  beforeEach(async () => {
    batched = await open()
    rowByRow = await open()
  })
  afterEach(async () => {
    await batched.close()
    await rowByRow.close()
  })

  describe('a large import, in batches', () => {
    it('leaves the same items, lists, history and notifications as importing row by row', async () => {
      // The same people in both (compared by role): a working group member following items by
      // country, and the secretariat importing.
      const people = async (db: Kysely<Database>) => ({
        wg: await insertUser(db, 'working_group', ['KAZ']),
        secretariat: await insertUser(db, 'secretariat'),
      })
      const a = await people(batched.db)
      const b = await people(rowByRow.db)

      // 600 new items: more than one statement's rows of every table.
      const first = rowsOf(1, 600)
      await importRows(batched.db, await checked(batched.db, first), a.secretariat.id, NOW)
      await importRowByRow(rowByRow.db, await checked(rowByRow.db, first), b.secretariat.id, NOW)
      await followItem(batched.db, a.wg, 'B-000010', true)
      await followItem(rowByRow.db, b.wg, 'B-000010', true)
      // Then 500 rows again: 200 old ones, half of them changed (titles, statuses the workflow does
      // and does not allow, costs, proposers, a new strategy), half unchanged; 300 new.
      const second = rowsOf(401, 900, (n) => n <= 600 && n % 2 === 0)
      await importRows(batched.db, await checked(batched.db, second), a.secretariat.id, LATER)
      await importRowByRow(rowByRow.db, await checked(rowByRow.db, second), b.secretariat.id, LATER)

      const got = await contents(batched.db)
      const want = await contents(rowByRow.db)
      expect(got.items).toHaveLength(900)
      expect(got.events.length).toBe(900 + 100)
      expect(got.notifications.length).toBeGreaterThan(0)
      expect(got).toEqual(want)
    }, 240_000) // 1,100 rows imported twice on each path: over a minute on a busy PostgreSQL

    it('writes nothing when a row late in the file fails in the database', async () => {
      const rows = await checked(batched.db, rowsOf(1, 1200))
      // Past the file's checks, a country the database does not know breaks a foreign key, in
      // the last statement of the proposers after 1,199 good rows were sent.
      rows[1199]!.values.proposers = ['ZZZ' as CountryCode]
      await expect(importRows(batched.db, rows, null, NOW)).rejects.toThrow()
      const count = async (
        table: 'items' | 'item_events' | 'item_proposers' | 'strategies' | 'item_status_changes',
      ) =>
        Number(
          (
            await batched.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      for (const table of [
        'items',
        'item_events',
        'item_proposers',
        'strategies',
        'item_status_changes',
      ] as const)
        expect(await count(table), table).toBe(0)
    })

    it('writes nothing of an update file whose late row fails, leaving the items as they were', async () => {
      await importRows(batched.db, await checked(batched.db, rowsOf(1, 600)), null, NOW)
      const before = await contents(batched.db)
      const rows = await checked(
        batched.db,
        rowsOf(1, 600, () => true),
      )
      rows[599]!.values.proposers = ['ZZZ' as CountryCode]
      await expect(importRows(batched.db, rows, null, LATER)).rejects.toThrow()
      expect(await contents(batched.db)).toEqual(before)
    })
  })
}
