import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// How many items a searched word finds, kept once counted (docs/decisions/0050-search-counts-kept.md):
// counting a word in a quarter of the register was most of its list request (FTS5 merges six
// trigram lists for "corridor"; PostgreSQL rechecks every candidate row).
//
// - search_version: one row, incremented whenever an item is inserted or deleted or its
//   search_text or archived changes: the only columns a search's count depends on.
// - search_changes: each such change, under the version it made: the item's text and archived
//   state before (null for a new item) and after (null for a deleted one). A count stored at an
//   older version is brought up to date by the changes after it (the words looked for in the old
//   and new texts), without counting the register again.
// - search_counts: a count per searched words and archived setting (`key`), exact at `version`.
// Kept by triggers on items, as item_search and item_totals are, so every writer (item form,
// import, API, archiving, scripts, raw SQL, later migrations) keeps them without knowing; writes of
// other columns (status, scores, flags, comments, publication) change nothing here. Written per
// dialect because trigger syntax differs; PostgreSQL's run once per statement over its transition
// tables (an import's multi-row insert moves the version once).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await db.insertInto('search_version').values({ id: 1, version: 0 }).execute()
  await db.schema
    .createTable('search_changes')
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('old_text', 'text')
    .addColumn('old_archived', 'integer')
    .addColumn('new_text', 'text')
    .addColumn('new_archived', 'integer')
    .execute()
  await db.schema.createIndex('search_changes_version').on('search_changes').column('version').execute()
  await db.schema
    .createTable('search_counts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('search_counts_version').on('search_counts').column('version').execute()

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const bump = sql`update search_version set version = version + 1 where id = 1;`
    await sql`create function search_changes_insert() returns trigger language plpgsql as $$
      begin
        ${bump}
        insert into search_changes (version, new_text, new_archived)
          select v.version, n.search_text, n.archived from search_version v, new_rows n where v.id = 1;
        return null;
      end
    $$`.execute(db)
    await sql`create function search_changes_delete() returns trigger language plpgsql as $$
      begin
        ${bump}
        insert into search_changes (version, old_text, old_archived)
          select v.version, o.search_text, o.archived from search_version v, old_rows o where v.id = 1;
        return null;
      end
    $$`.execute(db)
    // An UPDATE trigger with transition tables cannot name columns: it runs for every update of
    // items and moves the version only when a text or archived state changed.
    await sql`create function search_changes_update() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from old_rows o join new_rows n on n.id = o.id
            where o.search_text is distinct from n.search_text or o.archived is distinct from n.archived) then
          ${bump}
          insert into search_changes (version, old_text, old_archived, new_text, new_archived)
            select v.version, o.search_text, o.archived, n.search_text, n.archived
            from search_version v, old_rows o join new_rows n on n.id = o.id
            where v.id = 1
              and (o.search_text is distinct from n.search_text or o.archived is distinct from n.archived);
        end if;
        return null;
      end
    $$`.execute(db)
    // TRUNCATE has no rows to log: every stored count is dropped instead.
    await sql`create function search_changes_truncate() returns trigger language plpgsql as $$
      begin
        ${bump}
        delete from search_counts;
        return null;
      end
    $$`.execute(db)
    await sql`create trigger search_changes_insert after insert on items referencing new table as new_rows
      for each statement execute function search_changes_insert()`.execute(db)
    await sql`create trigger search_changes_delete after delete on items referencing old table as old_rows
      for each statement execute function search_changes_delete()`.execute(db)
    await sql`create trigger search_changes_update after update on items
      referencing old table as old_rows new table as new_rows
      for each statement execute function search_changes_update()`.execute(db)
    await sql`create trigger search_changes_truncate after truncate on items
      for each statement execute function search_changes_truncate()`.execute(db)
    return
  }
  const bump = sql`update search_version set version = version + 1 where id = 1;`
  await sql`create trigger search_changes_insert after insert on items begin
    ${bump}
    insert into search_changes (version, new_text, new_archived)
      select version, new.search_text, new.archived from search_version where id = 1;
  end`.execute(db)
  await sql`create trigger search_changes_delete after delete on items begin
    ${bump}
    insert into search_changes (version, old_text, old_archived)
      select version, old.search_text, old.archived from search_version where id = 1;
  end`.execute(db)
  await sql`create trigger search_changes_update after update of search_text, archived on items
    when old.search_text is not new.search_text or old.archived is not new.archived begin
    ${bump}
    insert into search_changes (version, old_text, old_archived, new_text, new_archived)
      select version, old.search_text, old.archived, new.search_text, new.archived from search_version where id = 1;
  end`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const name of ['truncate', 'update', 'delete', 'insert']) {
      await sql`drop trigger ${sql.raw(`search_changes_${name}`)} on items`.execute(db)
      await sql`drop function ${sql.raw(`search_changes_${name}`)}()`.execute(db)
    }
  } else {
    for (const name of ['update', 'delete', 'insert'])
      await sql`drop trigger ${sql.raw(`search_changes_${name}`)}`.execute(db)
  }
  await db.schema.dropTable('search_counts').execute()
  await db.schema.dropTable('search_changes').execute()
  await db.schema.dropTable('search_version').execute()
}
