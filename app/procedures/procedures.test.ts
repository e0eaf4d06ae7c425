import { describe } from 'vitest'
import { createTestDb } from '../../tests/setup/test-db'
import { proceduresSuite, rulesSuite } from './procedures.suite'

// Written procedures on SQLite; db/postgres-procedures.test.ts runs the same suite on PostgreSQL.
describe('written procedures', () => proceduresSuite(createTestDb))
describe('the outcome rules', () => rulesSuite())
