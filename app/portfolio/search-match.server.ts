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

/** FTS5 reads a two-character word from the trigrams that begin with it (migration 2026_12_03_0300). */
export const BIGRAM_SEARCH = 2

/** What the FTS5 table indexes after each item's text (the migration's `char(10, 10)`). */
const INDEX_PADDING = '\n'

/** A query FTS5 accepts that matches nothing: for a two-character word no trigram begins with. */
const NO_MATCH = '"abc" NOT "abc"'

/**
 * The right side of `item_search match ...` that finds exactly the items whose text contains the
 * folded words, or null where only a scan can: PostgreSQL (its planner uses the GIN index for the
 * LIKE itself), one character, and words ending in a line feed (the index pads every text with
 * two, which such words could match). Three characters or more: the words as one FTS5 phrase.
 * Two: any of the trigrams that begin with them, read from the vocabulary (item_search_terms) in
 * the same statement; the padding makes that every occurrence, the text's last two characters
 * included. Either is limited to the search_text column (`search_text : ...`), so the archived
 * column's "yes" is never found by a search.
 */
function ftsMatch(db: DB, folded: string): RawBuilder<string> | null {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return null
  const length = [...folded].length
  if (length < BIGRAM_SEARCH || folded.endsWith(INDEX_PADDING)) return null
  if (length >= INDEXED_SEARCH_MIN) return sql<string>`${`search_text : ${ftsPhrase(folded)}`}`
  const quoted = sql`'"' || replace(term, '"', '""') || '"'`
  const terms = sql`(select coalesce(group_concat(${quoted}, ' OR '), ${NO_MATCH}) from item_search_terms
    where term >= ${folded} and term <= ${`${folded}\u{10FFFF}`})`
  return sql<string>`('search_text : (' || ${terms} || ')')`
}

/**
 * The items whose search text contains `words` (folded as stored). PostgreSQL: the LIKE itself,
 * which its planner answers from the pg_trgm GIN index. SQLite: the FTS5 trigram table, by rowid
 * (`i.rowid in (...)`), for words of 2 characters or more (`ftsMatch`); one character scans.
 * `mode`: 'scan' is the plain LIKE (what the tests compare the index with).
 */
export function searchCondition(
  db: DB,
  words: string,
  mode: 'index' | 'scan' | 'probe' = 'index',
): RawBuilder<boolean> {
  const folded = foldForSearch(words)
  const match = mode === 'scan' ? null : ftsMatch(db, folded)
  if (!match) return likeCondition(folded)
  // 'probe': the matches as a set each row is looked up in (`+rowid` keeps SQLite from reading
  // the items by them), for a view another filter finds fewer items for.
  const rowid = mode === 'probe' ? sql`+i.rowid` : sql`i.rowid`
  return sql<boolean>`${rowid} in (select rowid from item_search where item_search match ${match})`
}

/**
 * How many items contain `words`, counted in the FTS5 table alone: its `archived` column says
 * which matches are archived (migration 2026_12_03_0300), so no item row is read. Reading the
 * matching rows for their archived flag was most of a frequent word's time (25,000 row reads for
 * "corridor"; decision 0045). Null where the index cannot answer (`ftsMatch`; on PostgreSQL the
 * GIN index is lossy and rechecks each row anyway).
 */
export function indexedSearchCount(
  db: DB,
  words: string,
  archived: 'exclude' | 'include' | 'only',
  /** read in the same statement (the search version a stored count is exact at) */
  alongside: RawBuilder<number | string> = sql`0`,
): RawBuilder<{ n: number; version: number | string }> | null {
  const match = ftsMatch(db, foldForSearch(words))
  if (!match) return null
  const query =
    archived === 'exclude'
      ? sql`(${match} || ' NOT archived : "yes"')`
      : archived === 'only'
        ? sql`(${match} || ' AND archived : "yes"')`
        : match
  return sql<{ n: number; version: number | string }>`select count(*) as n, ${alongside} as version
    from item_search where item_search match ${query}`
}

/**
 * The same test as `searchCondition`, made on the row itself (`like`), for a read that walks an
 * index in sort order and fetches each row it passes: testing a few hundred rows that way is
 * cheaper than finding every match in the index first.
 */
export function rowMatches(words: string): RawBuilder<boolean> {
  return likeCondition(foldForSearch(words))
}
