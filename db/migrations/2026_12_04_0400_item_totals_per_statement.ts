import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// PostgreSQL only (docs/decisions/0052-postgresql-bulk-writes.md). item_totals (migration
// 2026_12_02_0200) was kept by a row-level trigger: an INSERT of 500 items updated the same
// item_totals row 500 times in one transaction, and a transaction's own dead versions of a row
// cannot be pruned, so each update walked the chain of all the versions before it: the time grew
// with the square of the rows one transaction inserts (10,000 rows 4.9 s in the trigger alone,
// 2,000 rows 0.2 s). Inserts and deletes now add their count once per statement, from the
// statement's transition table. Archiving and restoring keep their row-level trigger: it fires only
// when `archived` changes, one UPDATE per item. SQLite updates a row in place: unchanged there.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`drop trigger item_totals_insert_delete on items`.execute(db)
  await sql`create function item_totals_inserted() returns trigger language plpgsql as $$
    begin
      update item_totals t set n = t.n + c.n
        from (select archived, count(*) as n from inserted group by archived) c
        where t.archived = c.archived;
      return null;
    end
  $$`.execute(db)
  await sql`create function item_totals_deleted() returns trigger language plpgsql as $$
    begin
      update item_totals t set n = t.n - c.n
        from (select archived, count(*) as n from deleted group by archived) c
        where t.archived = c.archived;
      return null;
    end
  $$`.execute(db)
  await sql`create trigger item_totals_insert after insert on items
    referencing new table as inserted for each statement execute function item_totals_inserted()`.execute(db)
  await sql`create trigger item_totals_delete after delete on items
    referencing old table as deleted for each statement execute function item_totals_deleted()`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`drop trigger item_totals_delete on items`.execute(db)
  await sql`drop trigger item_totals_insert on items`.execute(db)
  await sql`drop function item_totals_deleted()`.execute(db)
  await sql`drop function item_totals_inserted()`.execute(db)
  await sql`create trigger item_totals_insert_delete after insert or delete on items
    for each row execute function item_totals_keep()`.execute(db)
}
