import { createTestDb } from '../../tests/setup/test-db'
import { jobsSuite } from './jobs.suite'

// Background jobs on SQLite; db/postgres-jobs.test.ts runs the same suite on PostgreSQL.
jobsSuite(createTestDb)
