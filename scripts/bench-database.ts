import { randomBytes } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import { sql, type Kysely } from 'kysely'
import { connect, databaseKind, migrateToLatest, type DatabaseKind } from '../db/connect'
import type { Database } from '../db/schema'

// The scratch database `npm run bench` fills and measures: a SQLite file in the bench's temporary
// folder, or with `--database postgres://...` a new database on that PostgreSQL server (its role
// must be allowed to create databases), dropped again at the end. The named database itself is
// never written to, so a real one is safe.

export interface BenchDatabase {
  kind: DatabaseKind
  /** what the app servers the bench starts get as DATABASE_URL */
  url: string
  db: Kysely<Database>
  /** after a bulk load: SQLite folds its WAL into the file; PostgreSQL refreshes the planner's statistics */
  settle(): Promise<void>
  close(): Promise<void>
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

export async function openBenchDatabase(server: string | null, dir: string): Promise<BenchDatabase> {
  if (server === null || databaseKind(server) !== 'postgres') {
    const url = server ?? path.join(dir, 'bench.db')
    const db = connect(url)
    await migrateToLatest(db)
    return {
      kind: 'sqlite',
      url,
      db,
      // Fold the write-ahead log into the database file, as a long-running database would be, so
      // the reads do not also search a log of 100,000 fresh inserts.
      settle: async () => void (await sql`pragma wal_checkpoint(truncate)`.execute(db)),
      close: () => db.destroy(),
    }
  }
  const name = `carec_bench_${process.pid}_${randomBytes(4).toString('hex')}`
  await onServer(server, `create database ${name}`)
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString()
  const db = connect(url)
  await migrateToLatest(db)
  return {
    kind: 'postgres',
    url,
    db,
    // A bulk load leaves the planner without statistics (issue 13: the first page 90 ms before,
    // 30 ms after); autovacuum would get there later, a benchmark must not wait for it.
    settle: async () => void (await sql`analyze`.execute(db)),
    close: async () => {
      await db.destroy()
      await onServer(server, `drop database if exists ${name} with (force)`)
    },
  }
}
