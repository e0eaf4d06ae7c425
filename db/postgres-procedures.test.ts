import { describe } from 'vitest'
import { proceduresSuite } from '../app/procedures/procedures.suite'
import { createPgTestDb } from '../tests/setup/pg-db'
import { databaseKind } from './connect'

// Written procedures on PostgreSQL: the same suite as app/procedures/procedures.test.ts (SQLite).
// Like db/postgres.test.ts, vite.config.ts includes this file only when TEST_DATABASE_URL_PG is set.

const serverUrl = process.env.TEST_DATABASE_URL_PG
if (!serverUrl || databaseKind(serverUrl) !== 'postgres')
  throw new Error('db/postgres-procedures.test.ts needs TEST_DATABASE_URL_PG=postgres://...')

describe('written procedures (PostgreSQL)', () => proceduresSuite(() => createPgTestDb(serverUrl)))
