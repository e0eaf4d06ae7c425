import { createTestDb } from '../../tests/setup/test-db'
import { peopleSuite } from './people.suite'

// People and access on SQLite; db/postgres-people.test.ts runs the same suite on PostgreSQL.
peopleSuite(createTestDb)
