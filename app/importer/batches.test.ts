import { describe, expect, it } from 'vitest'
import { createTestDb } from '../../tests/setup/test-db'
import { translator } from '../i18n/i18n'
import { importBatchesSuite } from './batches.suite'
import { readImportFile } from './files.server'
import { IMPORT_LIMITS } from './limits.server'
import { formatImportError } from './messages'

// The batched importer on SQLite; db/postgres-import.test.ts runs the same suite on PostgreSQL.
importBatchesSuite(createTestDb)

describe('the row limit', () => {
  it('refuses a file of one row more than the limit, naming the limit', async () => {
    const header = 'ref,strategy,title_en'
    const lines = Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => `R-${i},S,Item ${i}`)
    const read = await readImportFile('big.csv', Buffer.from([header, ...lines].join('\n')))
    expect(read.errors).toEqual([
      { row: 0, column: null, key: 'tooManyRows', values: { limit: IMPORT_LIMITS.rows } },
    ])
    expect(formatImportError(translator('en'), read.errors[0]!)).toContain(
      `more than ${IMPORT_LIMITS.rows} rows; import at most ${IMPORT_LIMITS.rows} at a time`,
    )
  })

  it('reads a file of as many rows as the limit', async () => {
    const header = 'ref,strategy,title_en'
    const lines = Array.from({ length: IMPORT_LIMITS.rows }, (_, i) => `R-${i},S,Item ${i}`)
    const read = await readImportFile('big.csv', Buffer.from([header, ...lines].join('\n')))
    expect(read.errors).toEqual([])
    expect(read.rows).toHaveLength(IMPORT_LIMITS.rows)
  })
})
