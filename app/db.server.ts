import type { Kysely } from 'kysely'
import { connect, migrateToLatest } from '../db/connect'
import { config } from './config.server'
import type { Database } from '../db/schema'

// One connection pool per process, opened on first use. Migrations run before the first query,
// so `npm start` on an empty DATABASE_URL brings the schema up to date by itself.
let opened: Promise<Kysely<Database>> | undefined

export function getDb(): Promise<Kysely<Database>> {
  opened ??= (async () => {
    const db = connect(config().DATABASE_URL)
    await migrateToLatest(db)
    return db
  })().catch((error: unknown) => {
    opened = undefined
    throw error
  })
  return opened
}
