import { PostgresAdapter, sql, type Kysely } from 'kysely'
import type { Database } from './schema'

// The query planner's statistics after a bulk write (docs/decisions/0041-import-batches.md).
// PostgreSQL's autovacuum gets there eventually, but until it does a freshly loaded table is
// planned as if empty (issue 13: the first page 90 ms, offset 50,000 260 ms, until ANALYZE; then
// 30 and 40 ms). SQLite's `PRAGMA optimize` runs ANALYZE only on the tables whose size changed a
// lot since it last ran, with a bounded number of rows read per index (analysis_limit).

/**
 * Runs work that an answer need not wait for: at once (`rightAway`, the default: the command line,
 * a request), or after the answer is recorded (the job runner's `JobContext.afterwards`, decision
 * 0069). A statistics refresh after a big import took half a second on PostgreSQL.
 */
export type Afterwards = (task: () => Promise<void>) => Promise<void>
export const rightAway: Afterwards = (task) => task()

/**
 * Refreshes the planner's statistics; call it after a bulk write commits, outside any transaction.
 * `tables`: on PostgreSQL only those (a snapshot's 100,000 rows need snapshot_items' statistics, not
 * a whole database's); SQLite's `optimize` picks the tables that changed by itself.
 */
export async function refreshStatistics(
  db: Kysely<Database>,
  tables: ReadonlyArray<keyof Database> = [],
): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const named = tables.length > 0 ? sql` ${sql.join(tables.map((table) => sql.table(table)))}` : sql``
    await sql`analyze${named}`.execute(db)
    return
  }
  await sql`pragma analysis_limit = 1000`.execute(db)
  // 0x10002: every table that looks as if it would benefit, not only those this connection queried
  await sql`pragma optimize = 0x10002`.execute(db)
}
