import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { createPgTestDb } from './pg-db'
import { createTestDb } from './test-db'

// The databases a test that must hold on both runs against: SQLite always, PostgreSQL when
// TEST_DATABASE_URL_PG names a server (.ci/run starts one).

export type TestDatabase = { db: Kysely<Database>; close(): Promise<void> }

export function databaseTargets(): Array<{ name: string; open: () => Promise<TestDatabase> }> {
  const targets = [{ name: 'SQLite', open: createTestDb }]
  const pgUrl = process.env.TEST_DATABASE_URL_PG
  if (pgUrl) targets.push({ name: 'PostgreSQL', open: () => createPgTestDb(pgUrl) })
  return targets
}
