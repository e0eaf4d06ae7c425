import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestDb } from '../../tests/setup/test-db'
import { fillItems } from '../../scripts/bench-data'
import { searchCondition } from './search-match.server'

// The FTS5 index (item_search) is a contentless table keyed by items' rowid (migration
// 2026_12_03_0300), and items has no INTEGER PRIMARY KEY: SQLite's documentation allows VACUUM to
// renumber such rowids, which would leave the index pointing at other items. This SQLite keeps
// them (VACUUM copies rows with their rowids), so the index needs no refill after a VACUUM;
// db:restore copies pages (the backup API) and keeps them too. If an upgrade of SQLite ever
// renumbers, this test fails and a VACUUM must be followed by the refill in
// docs/decisions/0045-search-counts-and-short-words.md.

describe('the text search index after VACUUM (SQLite)', () => {
  const t = useTestDb()

  it('still finds every item by its own text, with gaps in the rowids', async () => {
    await fillItems(t.db, 600, null)
    // gaps: every third item goes (as items deleted over the years would), with its rows elsewhere
    await sql`pragma foreign_keys = off`.execute(t.db)
    await sql`delete from items where rowid % 3 = 0`.execute(t.db)
    await sql`pragma foreign_keys = on`.execute(t.db)
    await sql`vacuum`.execute(t.db)
    // FTS5's own check of the index's structure
    await sql`insert into item_search (item_search, rank) values ('integrity-check', 1)`.execute(t.db)
    const items = await t.db.selectFrom('items').select(['id', 'ref']).orderBy('id').execute()
    expect(items.length).toBe(400)
    for (const item of items.filter((_, n) => n % 40 === 0)) {
      const found = await t.db
        .selectFrom('items as i')
        .select('i.id')
        .where(searchCondition(t.db, item.ref.toLowerCase()))
        .execute()
      expect(found.map((r) => r.id)).toContain(item.id)
    }
  }, 60_000)
})
