import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Two-character searches (a common Chinese word) through the trigram index, and counts without
// reading items (docs/decisions/0045-search-counts-and-short-words.md). SQLite only; PostgreSQL's
// pg_trgm index is unchanged.
// - item_search becomes a contentless FTS5 table (content = '', contentless_delete = 1: rows are
//   deleted by rowid, so the triggers need not pass the old text) over `search_text || "\n\n"`.
//   The two line feeds at the end make every occurrence of a shorter word the start of some
//   trigram, the last characters of the text included, so the items containing "铁路" are those
//   of the trigrams that begin with "铁路", listed by the vocabulary table. A search ending in a
//   line feed could match the added ones: the app scans for it (search-match.server.ts).
// - a second column, `archived`, holds "yes" for an archived item and nothing otherwise, so a
//   search is counted in the index alone (`... NOT archived : "yes"`) without reading an item row
//   for its archived flag (25,000 row reads for a frequent word; an IN list of the archived rowids
//   cost 6-8 ms to build on every count).
// - item_search_terms: FTS5's vocabulary of item_search (fts5vocab, 'row'), the trigrams indexed.
// The text is still stored once (in items); still kept by triggers, so every writer keeps it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  await sql`drop trigger item_search_update`.execute(db)
  await sql`drop trigger item_search_delete`.execute(db)
  await sql`drop trigger item_search_insert`.execute(db)
  await sql`drop table item_search`.execute(db)
  await sql`create virtual table item_search using fts5(
    search_text, archived, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
  )`.execute(db)
  await sql`create virtual table item_search_terms using fts5vocab(item_search, 'row')`.execute(db)
  await sql`create trigger item_search_insert after insert on items begin
    insert into item_search (rowid, search_text, archived)
    values (new.rowid, new.search_text || char(10, 10), iif(new.archived = 1, 'yes', ''));
  end`.execute(db)
  await sql`create trigger item_search_delete after delete on items begin
    delete from item_search where rowid = old.rowid;
  end`.execute(db)
  await sql`create trigger item_search_update after update of search_text, archived on items begin
    delete from item_search where rowid = old.rowid;
    insert into item_search (rowid, search_text, archived)
    values (new.rowid, new.search_text || char(10, 10), iif(new.archived = 1, 'yes', ''));
  end`.execute(db)
  await sql`insert into item_search (rowid, search_text, archived)
    select rowid, search_text || char(10, 10), iif(archived = 1, 'yes', '') from items`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  await sql`drop trigger item_search_update`.execute(db)
  await sql`drop trigger item_search_delete`.execute(db)
  await sql`drop trigger item_search_insert`.execute(db)
  await sql`drop table item_search_terms`.execute(db)
  await sql`drop table item_search`.execute(db)
  await sql`create virtual table item_search using fts5(
    search_text, content = 'items', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 1'
  )`.execute(db)
  await sql`create trigger item_search_insert after insert on items begin
    insert into item_search (rowid, search_text) values (new.rowid, new.search_text);
  end`.execute(db)
  await sql`create trigger item_search_delete after delete on items begin
    insert into item_search (item_search, rowid, search_text) values ('delete', old.rowid, old.search_text);
  end`.execute(db)
  await sql`create trigger item_search_update after update of search_text on items begin
    insert into item_search (item_search, rowid, search_text) values ('delete', old.rowid, old.search_text);
    insert into item_search (rowid, search_text) values (new.rowid, new.search_text);
  end`.execute(db)
  await sql`insert into item_search (item_search) values ('rebuild')`.execute(db)
}
