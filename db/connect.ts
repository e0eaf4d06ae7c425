import path from 'node:path'
import fs from 'node:fs'
import SQLite from 'better-sqlite3'
import type pg from 'pg'
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, sql, type MigrationProvider } from 'kysely'
import type { Database } from './schema'
import { migrations } from './migrations/index'
import { onFirstUse } from '../app/load-package.server'
import { withStatementCache } from './statement-cache'
import { ImmediateSqliteDialect } from './sqlite-dialect'

// loaded only for a PostgreSQL DATABASE_URL
const postgres = onFirstUse<typeof pg>('pg')

export type DatabaseKind = 'sqlite' | 'postgres'

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite'
}

function sqlitePath(url: string): string {
  return url.startsWith('file:') ? url.slice('file:'.length) : url
}

/**
 * SQLite's own page cache, per connection (KiB). Every page read stays in it up to this size, and
 * it counts in the server's resident memory: one text search over 100,000 items filled the 64 MB
 * it had before. The file's pages stay in the operating system's cache, outside the process
 * (docs/decisions/0046-server-memory.md).
 */
export const SQLITE_CACHE_KIB = 16 * 1024

/**
 * Opens the database named by a DATABASE_URL: a file path or `file:...` (SQLite), or
 * `postgres://...`. The caller says which (the app's from app/config.server.ts).
 */
export function connect(
  url: string,
  options: {
    busyTimeoutMs?: number
    cacheKiB?: number
    /**
     * SQLite: the commits of this connection leave the write-ahead log to be copied into the
     * database file by the caller (`checkpointLog`), not by SQLite at the commit that passes 1,000
     * pages: a job runner's, so a big import's answer does not wait for it (decision 0063).
     */
    checkpointLater?: boolean
  } = {},
): Kysely<Database> {
  if (databaseKind(url) === 'postgres') {
    // pg returns bigint (COUNT, SUM) as text; our counts and sums fit in a JS number.
    const pg = postgres()
    pg.types.setTypeParser(20, (value) => Number(value))
    const pool = new pg.Pool({ connectionString: url, max: 10 })
    // An idle connection the server drops (a restart, pg_terminate_backend, a dropped database)
    // makes the pool emit 'error'; with no listener Node would end the whole process. The pool
    // has already discarded that connection and opens a new one for the next query.
    pool.on('error', (error) =>
      console.error(`database: an idle PostgreSQL connection was closed by the server (${error.message})`),
    )
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  }
  const file = sqlitePath(url)
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  // A job runner's progress connection passes 0: it must not wait on its own thread's write lock.
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`)
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('synchronous = NORMAL')
  // No memory-mapped reads: mapped pages count in the server's resident memory (up to the 256 MB
  // mapped before, once a scan had read the items table), and since text search has its index
  // (0037) they no longer measurably speed up a list request (docs/decisions/0039-work-per-request.md).
  sqlite.pragma(`cache_size = -${options.cacheKiB ?? SQLITE_CACHE_KIB}`)
  if (options.checkpointLater) sqlite.pragma('wal_autocheckpoint = 0')
  return new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  })
}

/**
 * SQLite: the write-ahead log copied into the database file as far as no reader still needs it
 * (a passive checkpoint: it waits for no one and no writer waits for it), what SQLite does
 * itself at a commit unless the connection was opened with `checkpointLater`. Nothing on
 * PostgreSQL, whose server checkpoints in the background.
 */
export async function checkpointLog(db: Kysely<Database>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  await sql`pragma wal_checkpoint(passive)`.execute(db)
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
