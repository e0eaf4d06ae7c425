import { jobsSuite } from '../app/jobs/jobs.suite'
import { createPgTestDb } from '../tests/setup/pg-db'
import { databaseKind } from './connect'

// Background jobs on PostgreSQL: the same suite as app/jobs/jobs.test.ts (SQLite). Like
// db/postgres.test.ts, vite.config.ts includes this file only when TEST_DATABASE_URL_PG is set.

const serverUrl = process.env.TEST_DATABASE_URL_PG
if (!serverUrl || databaseKind(serverUrl) !== 'postgres')
  throw new Error('db/postgres-jobs.test.ts needs TEST_DATABASE_URL_PG=postgres://...')

jobsSuite(() => createPgTestDb(serverUrl))
