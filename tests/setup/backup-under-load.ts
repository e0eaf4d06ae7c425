import fs from 'node:fs'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import { addComment } from '../../app/comments/comments.server'
import { createItem, updateItem } from '../../app/portfolio/items.server'
import { ItemForm } from '../../app/portfolio/schema'
import { rebuildTallies } from '../../app/dashboard/tallies.server'
import { backupDatabase, restoreDatabase } from '../../db/backup'
import { connect } from '../../db/connect'
import { migrations } from '../../db/migrations/index'
import type { Database } from '../../db/schema'
import { tableDigests } from '../../db/table-digest'
import { insertUser, seedItems } from './fixtures'
import { PLAN_FILE } from './fixtures'

// The backup test of both databases (db/backup.test.ts, db/postgres-backup.test.ts): a backup
// taken while another connection keeps writing (items, their history, comments), restored into
// an empty database and compared table by table, row by row, with the source as it was at the
// backup's moment.

const WRITER_REF = /^W-(\d+)$/
/**
 * Tables of sums over all items (and the versions that count writes, with the search's log of text
 * changes, decision 0050, and the dashboard's log of what writes changed, 0053), kept by every item
 * write.
 */
const SUMMARIES = new Set([
  'dashboard_tallies',
  'dashboard_set_tallies',
  'item_totals',
  'portfolio_version',
  'search_version',
  'search_changes',
  'search_counts',
  'dashboard_changes',
  'dashboard_search_figures',
])

/** Writes item W-n with its history (created, then edited) and a comment, in one transaction, until stopped. */
function startWriter(
  db: Kysely<Database>,
  actor: Awaited<ReturnType<typeof insertUser>>,
  strategyId: string,
) {
  let written = 0
  let stopped = false
  let failure: unknown = null
  const done = (async () => {
    while (!stopped) {
      const ref = `W-${written + 1}`
      const input = ItemForm.parse({ ref, title_en: `Written under load ${ref}`, strategy_id: strategyId })
      await db.transaction().execute(async (trx) => {
        expect(await createItem(trx, actor, input)).toEqual({ kind: 'saved', ref })
        expect(
          await updateItem(
            trx,
            actor,
            ref,
            { ...input, title_en: `Edited under load ${ref}`, version: 1 },
            null,
          ),
        ).toEqual({ kind: 'saved', ref })
        expect(await addComment(trx, actor, ref, `Comment on ${ref}`)).toMatchObject({ kind: 'done' })
      })
      written++
      // SQLite's driver answers synchronously: let the backup's own steps have their turn.
      await nextTurn()
    }
  })().catch((error: unknown) => {
    failure = error
  })
  return {
    written: () => written,
    async until(count: number) {
      while (written < count && !failure) await new Promise((resolve) => setTimeout(resolve, 10))
      if (failure) throw failure
    },
    async stop() {
      stopped = true
      await done
      if (failure) throw failure
    },
  }
}

export interface BackupCase {
  /** the source database, empty but migrated */
  source: { db: Kysely<Database>; url: string }
  /** an empty database (no tables) to restore into */
  emptyUrl: string
  /** a file name that does not exist yet */
  backupFile: string
}

/** Runs the whole check; answers how many writes the backup held and how many were made in all. */
export async function checkBackupUnderLoad({ source, emptyUrl, backupFile }: BackupCase) {
  const db = source.db
  const secretariat = await insertUser(db, 'secretariat')
  await seedItems(db, fs.readFileSync(PLAN_FILE))
  const strategy = await db.selectFrom('strategies').select('id').executeTakeFirstOrThrow()

  const writer = startWriter(db, secretariat, strategy.id)
  await writer.until(5)
  expect(await backupDatabase(source.url, backupFile)).toMatchObject({ kind: 'written' })
  const afterBackup = writer.written()
  await writer.until(afterBackup + 5)
  await writer.stop()

  expect(await restoreDatabase(emptyUrl, backupFile)).toEqual({ kind: 'restored', migrated: [] })
  const restored = connect(emptyUrl)
  try {
    // The backup holds writes 1..k, each whole (item, both history events, comment), none after.
    const refs = (await restored.selectFrom('items').select('ref').execute())
      .map((row) => WRITER_REF.exec(row.ref)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b)
    const held = refs.length
    expect(held).toBeGreaterThanOrEqual(5)
    expect(refs).toEqual(Array.from({ length: held }, (_, i) => i + 1))
    expect(writer.written()).toBeGreaterThan(held)

    // The source, less what was written after the backup's moment, equals the restore everywhere.
    const later = new Set(
      (await db.selectFrom('items').select(['id', 'ref']).execute())
        .filter((row) => Number(WRITER_REF.exec(row.ref)?.[1] ?? 0) > held)
        .map((row) => row.id),
    )
    const expected = await tableDigests(db, {
      skip: (table, row) =>
        SUMMARIES.has(table) || later.has(String(table === 'items' ? row.id : row.item_id)),
    })
    const actual = await tableDigests(restored, { skip: (table) => SUMMARIES.has(table) })
    expect(actual).toEqual(expected)
    // The summaries (sums over all items, which later writes changed in the source) agree with
    // the restored items themselves: counted afresh, they come out the same.
    const totals = await restored
      .selectFrom('item_totals')
      .select(['archived', 'n'])
      .orderBy('archived')
      .execute()
    const counted = await restored
      .selectFrom('items')
      .select(['archived', (eb) => eb.fn.countAll().as('n')])
      .groupBy('archived')
      .orderBy('archived')
      .execute()
    expect(totals.filter((t) => Number(t.n) > 0).map((t) => [Number(t.archived), Number(t.n)])).toEqual(
      counted.map((c) => [Number(c.archived), Number(c.n)]),
    )
    const kept = (await tableDigests(restored)).dashboard_tallies
    await rebuildTallies(restored)
    expect((await tableDigests(restored)).dashboard_tallies).toEqual(kept)
    expect(actual.items!.rows).toBe(80 + held)
    expect(actual.item_events!.rows).toBeGreaterThanOrEqual(2 * held)
    expect(actual.comments!.rows).toBe(held)

    // It opens and is as current as this version: every migration recorded, none left to run.
    expect(
      await restored
        .selectFrom('kysely_migration' as never)
        .selectAll()
        .execute(),
    ).toHaveLength(Object.keys(migrations).length)
    return { held, written: writer.written() }
  } finally {
    await restored.destroy()
  }
}
