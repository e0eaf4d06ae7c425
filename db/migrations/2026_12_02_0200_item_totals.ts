import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// How many items are archived and not: the portfolio list's default view shows this total on every
// page, and counting it walked the archived index over every item (docs/performance.md, "Issue 13:
// throughput"; docs/decisions/0039-work-per-request.md). Triggers keep it in the transaction of the
// write, so every writer (item form, import, API, bulk archiving, scripts) keeps it exact without
// knowing about it, and every app server reads the same committed figure. Written per dialect
// because trigger syntax differs (PostgreSQL runs a function).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('item_totals')
    .addColumn('archived', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute()
  await sql`insert into item_totals (archived, n)
    select 0, count(*) from items where archived = 0
    union all select 1, count(*) from items where archived = 1`.execute(db)
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function item_totals_keep() returns trigger language plpgsql as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then
          update item_totals set n = n + 1 where archived = new.archived;
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
          update item_totals set n = n - 1 where archived = old.archived;
        end if;
        return null;
      end
    $$`.execute(db)
    await sql`create trigger item_totals_insert_delete after insert or delete on items
      for each row execute function item_totals_keep()`.execute(db)
    await sql`create trigger item_totals_archive after update of archived on items
      for each row when (old.archived is distinct from new.archived) execute function item_totals_keep()`.execute(
      db,
    )
    return
  }
  await sql`create trigger item_totals_insert after insert on items begin
    update item_totals set n = n + 1 where archived = new.archived;
  end`.execute(db)
  await sql`create trigger item_totals_delete after delete on items begin
    update item_totals set n = n - 1 where archived = old.archived;
  end`.execute(db)
  await sql`create trigger item_totals_archive after update of archived on items
    when old.archived is not new.archived begin
    update item_totals set n = n - 1 where archived = old.archived;
    update item_totals set n = n + 1 where archived = new.archived;
  end`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger item_totals_archive on items`.execute(db)
    await sql`drop trigger item_totals_insert_delete on items`.execute(db)
    await sql`drop function item_totals_keep()`.execute(db)
  } else {
    await sql`drop trigger item_totals_archive`.execute(db)
    await sql`drop trigger item_totals_delete`.execute(db)
    await sql`drop trigger item_totals_insert`.execute(db)
  }
  await db.schema.dropTable('item_totals').execute()
}
