import { sql } from 'kysely'
import type { DB } from '../../db/schema'

// How many items a search finds, counted once and stored in the database until an item's search
// text or archived state next changes (migration 2026_12_04_0200_search_counts; decision 0050).
// search_version is moved by triggers on items in the writer's own transaction, so any writer,
// raw SQL included, makes every stored count unused; writes that cannot change a count (status,
// scores, flags, comments, publication) leave them in use. Stored in the database, not in a
// server's memory, so every app server reads the same counts. The version is read before the
// count: a stored count is at least as new as its version, and unused once a later one exists.

/**
 * The count stored under `key` for the current search version, else `count()`'s, stored for the
 * next reader. One statement when stored: the version and the count together.
 */
export async function storedSearchCount(db: DB, key: string, count: () => Promise<number>): Promise<number> {
  const { rows } = await sql<{ version: number | string; n: number | string | null }>`select v.version, c.n
    from search_version v left join search_counts c on c.key = ${key} and c.version = v.version
    where v.id = ${1}`.execute(db)
  const version = Number(rows[0]?.version ?? 0)
  if (rows[0]?.n != null) return Number(rows[0].n)
  const n = await count()
  // Counts of older versions are never read again.
  await db.deleteFrom('search_counts').where('version', '<', version).execute()
  await db
    .insertInto('search_counts')
    .values({ key, version, n })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({ version: eb.ref('excluded.version'), n: eb.ref('excluded.n') }))
        .where('search_counts.version', '<', version),
    )
    .execute()
  return n
}
