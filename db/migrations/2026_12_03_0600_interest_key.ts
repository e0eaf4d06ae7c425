import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The partner-interest filter read from the item row (docs/decisions/0048-interest-key.md):
// `items.interest_key` holds the item's live co-financing flags as `;stage:ORG;stage:ORG;` (by
// organisation; null when none), and `items_filters` gains it, so "with/without interest" is an
// index-only test like the proposers filter instead of a probe of the flag table per candidate.
// Stage first: stage codes hold no ':' and short names no ';' (people/schema.ts), so
// `;committed:ADB;` names exactly one flag even when a short name contains ':'.
// Kept by triggers on cofinancing_flags in the transaction of the flag write, like item_totals
// (0039): every writer (saveFlag, withdrawFlag, scripts, fixtures) keeps it without knowing.
// Written per dialect because aggregate and trigger syntax differ.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.alterTable('items').addColumn('interest_key', 'text').execute()

  const joined = postgres
    ? sql`string_agg(f.stage || ':' || f.organisation, ';' order by f.organisation)`
    : sql`group_concat(f.stage || ':' || f.organisation, ';' order by f.organisation)`
  const keyOf = (itemId: RawBuilder<unknown>) =>
    sql`(select ';' || ${joined} || ';' from cofinancing_flags f where f.item_id = ${itemId} and f.withdrawn = 0)`

  await sql`update items set interest_key = ${keyOf(sql`items.id`)}
    where id in (select item_id from cofinancing_flags where withdrawn = 0)`.execute(db)

  if (postgres) {
    await sql`create function items_interest_key_keep() returns trigger language plpgsql as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then
          update items set interest_key = ${keyOf(sql`new.item_id`)} where id = new.item_id;
        end if;
        if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.item_id is distinct from new.item_id) then
          update items set interest_key = ${keyOf(sql`old.item_id`)} where id = old.item_id;
        end if;
        return null;
      end
    $$`.execute(db)
    await sql`create trigger items_interest_key_insert_delete after insert or delete on cofinancing_flags
      for each row execute function items_interest_key_keep()`.execute(db)
    await sql`create trigger items_interest_key_update after update of item_id, organisation, stage, withdrawn
      on cofinancing_flags for each row execute function items_interest_key_keep()`.execute(db)
  } else {
    await sql`create trigger items_interest_key_insert after insert on cofinancing_flags begin
      update items set interest_key = ${keyOf(sql`new.item_id`)} where id = new.item_id;
    end`.execute(db)
    await sql`create trigger items_interest_key_delete after delete on cofinancing_flags begin
      update items set interest_key = ${keyOf(sql`old.item_id`)} where id = old.item_id;
    end`.execute(db)
    await sql`create trigger items_interest_key_update after update of item_id, organisation, stage, withdrawn
      on cofinancing_flags begin
      update items set interest_key = ${keyOf(sql`old.item_id`)} where id = old.item_id;
      update items set interest_key = ${keyOf(sql`new.item_id`)} where id = new.item_id;
    end`.execute(db)
  }

  // "With/without interest" alone is a range of this index, in ref order like every sort index:
  // the count reads only the range, and a page of items without interest is its first 50 entries.
  await db.schema
    .createIndex('items_archived_interest_key')
    .on('items')
    .columns(['archived', 'interest_key', 'ref'])
    .execute()
  // Combined with other filters, the filter index gains the key (after the other keys), so the filter needs no table row.
  await db.schema.dropIndex('items_filters').execute()
  await db.schema
    .createIndex('items_filters')
    .on('items')
    .columns([
      'archived',
      'status',
      'quadrant',
      'strategy_id',
      'pillar_id',
      'area_id',
      'proposers_key',
      'modalities_key',
      'interest_key',
      'start_year',
      'end_year',
      'cost_kusd',
      'secured_kusd',
      'gap_kusd',
      'updated_at',
      'ref',
    ])
    .execute()
}
