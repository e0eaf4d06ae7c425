import { CompiledQuery } from 'kysely'
import { describe, expect, it } from 'vitest'
import { searchIndexCases } from '../../tests/setup/search-index-cases'
import { useTestDb } from '../../tests/setup/test-db'
import { searchCondition } from './search-match.server'

describe('the text search index on SQLite', () => {
  const test = useTestDb()

  it('finds exactly what the LIKE scan finds, in English, Russian and Chinese, after edits', async () => {
    await searchIndexCases(test.db)
  })

  it('reads the FTS5 trigram table for 2 characters or more, and scans for one', async () => {
    const plan = async (words: string) => {
      const query = test.db
        .selectFrom('items as i')
        .select('i.ref')
        .where(searchCondition(test.db, words))
        .compile()
      const rows = await test.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      )
      return rows.rows.map((r) => r.detail).join('\n')
    }
    expect(await plan('铁路走')).toMatch(/item_search/)
    expect(await plan('铁路')).toMatch(/item_search_terms/)
    expect(await plan('铁')).not.toMatch(/item_search/)
    expect(await plan('铁路\n')).not.toMatch(/item_search/)
  })
})
