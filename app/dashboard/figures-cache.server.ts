import type { DB } from '../../db/schema'
import type { ViewRows } from './view-rows'

// The dashboard figures of views the summary rows do not serve (text search, partner interest,
// proposers, types, ...), kept in the database so every app server answers the same, and valid
// only while nothing changed: each is stored with the portfolio version it was read at, and every
// item write increments that version in its own transaction (bumpPortfolioVersion, from
// recordEvent). The version is read before the figures, so figures stored under a version were
// read at that version or later, and a later write makes them unused: never stale
// (docs/decisions/0038-dashboard-tallies.md).

/** The portfolio's version: one more after each committed item write. */
export async function portfolioVersion(db: DB): Promise<number> {
  const row = await db
    .selectFrom('portfolio_version')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst()
  return Number(row?.version ?? 0)
}

/** Log rows older than this many versions are deleted: stored search figures that old are read afresh. */
export const KEEP_VERSIONS = 1000

/** What one item's write changed in the rows a view of items adds up (syncItemTallies). */
export interface FigureChange {
  itemId: string
  change: ViewRows
}

/**
 * Call in the transaction of every write that can change what a view holds or adds up to. On
 * PostgreSQL the row stays locked until the transaction ends, so item writers commit one at a time,
 * in the order of their versions. `changes`, logged under the new version (dashboard_changes), is
 * what the write changed item by item; 'all' says any item may have changed, so no stored search
 * figures are brought up to date across it (decision 0053).
 */
export async function bumpPortfolioVersion(
  db: DB,
  changes: readonly FigureChange[] | 'all' = [],
): Promise<void> {
  await db
    .updateTable('portfolio_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute()
  if (changes !== 'all' && changes.length === 0) return
  // this transaction's own version: the row is locked by it on PostgreSQL, and SQLite has one writer
  const version = await portfolioVersion(db)
  const rows =
    changes === 'all'
      ? [{ version, item_id: '', delta: null }]
      : changes.map((c) => ({ version, item_id: c.itemId, delta: JSON.stringify(c.change) }))
  for (let k = 0; k < rows.length; k += 500)
    await db
      .insertInto('dashboard_changes')
      .values(rows.slice(k, k + 500))
      .execute()
  await db
    .deleteFrom('dashboard_changes')
    .where('version', '<=', version - KEEP_VERSIONS)
    .execute()
}

/** The figures stored under `key` at the current version, else `read`'s, stored for the next reader. */
export async function cachedFigures<T>(db: DB, key: string, read: () => Promise<T>): Promise<T> {
  const version = await portfolioVersion(db)
  const hit = await db
    .selectFrom('dashboard_cache')
    .select('body')
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst()
  if (hit) return JSON.parse(hit.body) as T
  const figures = await read()
  // Figures of older versions are never read again.
  await db.deleteFrom('dashboard_cache').where('version', '<', version).execute()
  await db
    .insertInto('dashboard_cache')
    .values({ key, version, body: JSON.stringify(figures) })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({ version: eb.ref('excluded.version'), body: eb.ref('excluded.body') }))
        .where('dashboard_cache.version', '<', version),
    )
    .execute()
  return figures
}
