import { PostgresAdapter, sql, type RawBuilder } from 'kysely'
import type { DB } from '../../db/schema'
import { foldForSearch } from './search-text'

// The list's text search as one condition on `i` (the items table), served by each database's
// substring index (migration 2026_12_01_0900_search_index; docs/decisions/0037-search-index.md):
// the dialect's own part is here and nowhere else. Results are exactly those of
// `search_text like '%…%'` on the folded words (search-match.test.ts compares both).

/** Trigram indexes find substrings of 3 characters or more; shorter words are looked for by scan. */
export const INDEXED_SEARCH_MIN = 3

/** Escapes LIKE wildcards so a search for "100%" means the text "100%". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function likeCondition(folded: string): RawBuilder<boolean> {
  return sql<boolean>`i.search_text like ${`%${escapeLike(folded)}%`} escape '\\'`
}

/** An FTS5 phrase: the folded words in double quotes, which trigram matching reads as one substring. */
function ftsPhrase(folded: string): string {
  return `"${folded.replace(/"/g, '""')}"`
}

/**
 * The items whose search text contains `words` (folded as stored). PostgreSQL: the LIKE itself,
 * which its planner answers from the pg_trgm GIN index. SQLite: the FTS5 trigram table, by rowid
 * (`i.rowid in (...)`), for words of 3 characters or more; shorter ones scan with LIKE.
 */
export function searchCondition(
  db: DB,
  words: string,
  mode: 'index' | 'scan' = 'index',
): RawBuilder<boolean> {
  const folded = foldForSearch(words)
  if (mode === 'scan' || db.getExecutor().adapter instanceof PostgresAdapter) return likeCondition(folded)
  if ([...folded].length < INDEXED_SEARCH_MIN) return likeCondition(folded)
  return sql<boolean>`i.rowid in (select rowid from item_search where item_search match ${ftsPhrase(folded)})`
}
