import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// An index for the list's text search (`q`, a substring of items.search_text in any language);
// docs/decisions/0037-search-index.md. The one migration written per dialect, because neither
// database has a portable substring index:
// - SQLite: item_search, an FTS5 table with the trigram tokenizer over items' rowid (external
//   content: the text is not stored twice), kept in step with items.search_text by triggers, so
//   every writer (item form, import, API, later migrations) keeps it without knowing about it.
//   case_sensitive 1: search_text and the searched words are folded by app code already
//   (search-text.ts), so matching stays byte for byte what LIKE compared.
// - PostgreSQL: the pg_trgm extension and a GIN index on search_text, which the planner uses for
//   `like '%…%'` as it is. Creating the extension needs CREATE on the database (PostgreSQL 13+:
//   pg_trgm is a trusted extension); a role without it fails here with PostgreSQL's own message,
//   and an administrator runs `CREATE EXTENSION pg_trgm` once, after which this migration runs.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create extension if not exists pg_trgm`.execute(db)
    await sql`create index items_search_trgm on items using gin (search_text gin_trgm_ops)`.execute(db)
    return
  }
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index items_search_trgm`.execute(db)
    return
  }
  await sql`drop trigger item_search_update`.execute(db)
  await sql`drop trigger item_search_delete`.execute(db)
  await sql`drop trigger item_search_insert`.execute(db)
  await sql`drop table item_search`.execute(db)
}
