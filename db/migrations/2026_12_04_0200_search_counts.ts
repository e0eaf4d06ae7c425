import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// How many items a searched word finds, stored once counted (docs/decisions/0050-search-counts-kept.md):
// counting a word in a quarter of the register was most of its list request (FTS5 merges six
// trigram lists for "corridor"; PostgreSQL rechecks every candidate row).
//
// - search_version: one row, incremented by triggers on items whenever a row is inserted or
//   deleted or its search_text or archived changes: the only columns a search's count depends on.
//   Triggers, as for item_search and item_totals, so every writer (item form, import, API,
//   archiving, scripts, raw SQL, later migrations) moves it without knowing about it; other writes
//   (status, scores, flags, comments, publication) leave the stored counts valid.
// - search_counts: a count per searched words and archived setting (`key`), valid while
//   search_version is still the `version` it was counted at.
// Written per dialect because trigger syntax differs. On PostgreSQL the trigger runs once per
// statement (an import's multi-row insert moves the version once, not once a row).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await db.insertInto('search_version').values({ id: 1, version: 0 }).execute()
  await db.schema
    .createTable('search_counts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('search_counts_version').on('search_counts').column('version').execute()

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function search_version_bump() returns trigger language plpgsql as $$
      begin
        update search_version set version = version + 1 where id = 1;
        return null;
      end
    $$`.execute(db)
    await sql`create trigger search_version_items after insert or delete or update of search_text, archived
      on items for each statement execute function search_version_bump()`.execute(db)
    await sql`create trigger search_version_truncate after truncate on items
      for each statement execute function search_version_bump()`.execute(db)
    return
  }
  const bump = sql`update search_version set version = version + 1 where id = 1;`
  await sql`create trigger search_version_insert after insert on items begin ${bump} end`.execute(db)
  await sql`create trigger search_version_delete after delete on items begin ${bump} end`.execute(db)
  await sql`create trigger search_version_update after update of search_text, archived on items
    when old.search_text is not new.search_text or old.archived is not new.archived
    begin ${bump} end`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger search_version_truncate on items`.execute(db)
    await sql`drop trigger search_version_items on items`.execute(db)
    await sql`drop function search_version_bump()`.execute(db)
  } else {
    await sql`drop trigger search_version_update`.execute(db)
    await sql`drop trigger search_version_delete`.execute(db)
    await sql`drop trigger search_version_insert`.execute(db)
  }
  await db.schema.dropTable('search_counts').execute()
  await db.schema.dropTable('search_version').execute()
}
