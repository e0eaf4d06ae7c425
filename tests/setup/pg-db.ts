import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Kysely } from 'kysely'
import { connect, migrateToLatest } from '../../db/connect'
import type { Database } from '../../db/schema'

export interface PgTestDb {
  db: Kysely<Database>
  url: string
  /** closes the pool and drops the database */
  close(): Promise<void>
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Runs one statement as the server's admin role, outside any test database's pool. */
export async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  await admin(serverUrl, (client) => client.query(statement))
}

/**
 * A new, migrated database on the PostgreSQL server of `serverUrl` (whose role may create
 * databases), dropped again by `close()`.
 */
export async function createPgTestDb(serverUrl: string): Promise<PgTestDb> {
  const name = `carec_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await admin(serverUrl, (client) => client.query(`create database ${name}`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const db = connect(url.toString())
  await migrateToLatest(db)
  return {
    db,
    url: url.toString(),
    async close() {
      await db.destroy()
      await admin(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}
