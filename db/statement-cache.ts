import type SQLite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

// Kysely's SQLite driver prepares every statement it runs anew: SQLite parses and plans the SQL
// each time, a visible part of a list request's nine statements (docs/performance.md, "Issue 13:
// the HTML page's render"). The app's statements are few and built from the same code paths, so
// the same SQL text comes back with other parameters: a prepared statement is kept per text and
// bound again. It holds compiled SQL only, never data, so two servers cannot disagree through it;
// SQLite re-prepares a kept statement by itself when the schema changes (a migration).

/** How many prepared statements one connection keeps, least recently used dropped first. */
export const STATEMENT_CACHE_SIZE = 256

/** The connection as Kysely's SqliteDialect uses it, with its prepared statements kept and reused. */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let statement = kept.get(sql)
      // a statement still being iterated (a streamed read) cannot be run again meanwhile
      if (statement && !statement.busy) {
        kept.delete(sql) // re-inserted below: the most recently used come last
      } else {
        statement = sqlite.prepare(sql)
        if (kept.has(sql)) return statement as unknown as SqliteStatement
      }
      kept.set(sql, statement)
      if (kept.size > size) kept.delete(kept.keys().next().value!)
      return statement as unknown as SqliteStatement
    },
  }
}
