import { peopleSuite } from '../app/people/people.suite'
import { createPgTestDb } from '../tests/setup/pg-db'
import { databaseKind } from './connect'

// People and access on PostgreSQL: the same suite as app/people/people.test.ts (SQLite). Like
// db/postgres.test.ts, vite.config.ts includes this file only when TEST_DATABASE_URL_PG is set.

const serverUrl = process.env.TEST_DATABASE_URL_PG
if (!serverUrl || databaseKind(serverUrl) !== 'postgres')
  throw new Error('db/postgres-people.test.ts needs TEST_DATABASE_URL_PG=postgres://...')

peopleSuite(() => createPgTestDb(serverUrl))
