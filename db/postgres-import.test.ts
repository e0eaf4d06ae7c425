import { importBatchesSuite } from '../app/importer/batches.suite'
import { createPgTestDb } from '../tests/setup/pg-db'
import { databaseKind } from './connect'

// The batched importer on PostgreSQL: the same suite as app/importer/batches.test.ts (SQLite).
// Like db/postgres.test.ts, vite.config.ts includes this file only when TEST_DATABASE_URL_PG is set.

const serverUrl = process.env.TEST_DATABASE_URL_PG
if (!serverUrl || databaseKind(serverUrl) !== 'postgres')
  throw new Error('db/postgres-import.test.ts needs TEST_DATABASE_URL_PG=postgres://...')

importBatchesSuite(() => createPgTestDb(serverUrl))
