import { sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The dashboard's summary rows (docs/decisions/0038-dashboard-tallies.md): per chart, the items
// (and their amounts) of each combination of the dimensions the common filters use, kept by the
// item writers in the same transaction (app/dashboard/tallies.server.ts), so the figures of the
// whole portfolio and of views filtered by status, quadrant, strategy, publication or archiving
// add up a few thousand rows instead of reading 100,000 items.
//
// dashboard_tally_items holds what each item was last counted as (its dimensions, amounts and the
// last status change counted), so a writer can take the old counts away without knowing them.
// Both tables are filled here from the items as they are, by the same rules as the app's.
//
// The figures of other views (text search, partner interest, proposers, types, ...) are kept in
// dashboard_cache, keyed by the view, valid while portfolio_version (one row, which every item
// write increments in its own transaction) is the version they were read at.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dashboard_tallies')
    // base (status x quadrant x strategy x pillar), year, country, type, change (status changes)
    .addColumn('chart', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('quadrant', 'text', (c) => c.notNull())
    .addColumn('strategy_id', 'text', (c) => c.notNull())
    // a status change's YYYY-MM; '' otherwise
    .addColumn('month', 'text', (c) => c.notNull())
    // the chart's own keys ('' for none): pillar id; start year; country; type; from and to status
    .addColumn('k1', 'text', (c) => c.notNull())
    .addColumn('k2', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('cost_kusd', 'bigint', (c) => c.notNull())
    .addColumn('secured_kusd', 'bigint', (c) => c.notNull())
    .addColumn('gap_kusd', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_tallies_pk', [
      'chart',
      'archived',
      'published',
      'status',
      'quadrant',
      'strategy_id',
      'month',
      'k1',
      'k2',
    ])
    .execute()
  await db.schema
    .createTable('dashboard_tally_items')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('items.id').onDelete('cascade'))
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('quadrant', 'text', (c) => c.notNull())
    .addColumn('strategy_id', 'text', (c) => c.notNull())
    .addColumn('pillar_id', 'text')
    .addColumn('start_year', 'integer')
    .addColumn('proposers_key', 'text')
    .addColumn('modalities_key', 'text')
    .addColumn('cost_kusd', 'bigint')
    .addColumn('secured_kusd', 'bigint')
    .addColumn('gap_kusd', 'bigint')
    // the item's status changes up to this seq are counted
    .addColumn('changes_seq', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('dashboard_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dashboard_cache_version').on('dashboard_cache').column('version').execute()
  await db.schema
    .createTable('portfolio_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.insertInto('portfolio_version').values({ id: 1, version: 0 }).execute()

  await sql`insert into dashboard_tally_items (item_id, archived, published, status, quadrant, strategy_id,
      pillar_id, start_year, proposers_key, modalities_key, cost_kusd, secured_kusd, gap_kusd, changes_seq)
    select i.id, i.archived, i.published, i.status, i.quadrant, i.strategy_id, i.pillar_id, i.start_year,
      i.proposers_key, i.modalities_key, i.cost_kusd, i.secured_kusd, i.gap_kusd,
      coalesce((select max(c.seq) from item_status_changes c where c.item_id = i.id), 0)
    from items i`.execute(db)
  const into = sql`insert into dashboard_tallies (chart, archived, published, status, quadrant, strategy_id,
    month, k1, k2, items, cost_kusd, secured_kusd, gap_kusd)`
  const dims = sql`t.archived, t.published, t.status, t.quadrant, t.strategy_id`
  const sums = sql`count(*), coalesce(sum(t.cost_kusd), 0), coalesce(sum(t.secured_kusd), 0), coalesce(sum(t.gap_kusd), 0)`
  await sql`${into} select 'base', ${dims}, '', coalesce(t.pillar_id, ''), '', ${sums}
    from dashboard_tally_items t group by ${dims}, t.pillar_id`.execute(db)
  await sql`${into} select 'year', ${dims}, '', coalesce(cast(t.start_year as text), ''), '', ${sums}
    from dashboard_tally_items t group by ${dims}, t.start_year`.execute(db)
  for (const [chart, table, code] of [
    ['country', 'item_proposers', 'country_code'],
    ['type', 'item_modalities', 'type_code'],
  ] as const) {
    await sql`${into} select ${chart}, ${dims}, '', l.${sql.ref(code)}, '', ${sums}
      from dashboard_tally_items t join ${sql.table(table)} l on l.item_id = t.item_id
      group by ${dims}, l.${sql.ref(code)}`.execute(db)
    await sql`${into} select ${chart}, ${dims}, '', '', '', ${sums}
      from dashboard_tally_items t
      where not exists (select 1 from ${sql.table(table)} l where l.item_id = t.item_id)
      group by ${dims}`.execute(db)
  }
  await sql`${into} select 'change', t.archived, t.published, t.status, '', '', c.month,
      coalesce(c.from_status, ''), c.to_status, count(*), 0, 0, 0
    from dashboard_tally_items t join item_status_changes c on c.item_id = t.item_id
    group by t.archived, t.published, t.status, c.month, c.from_status, c.to_status`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portfolio_version').execute()
  await db.schema.dropTable('dashboard_cache').execute()
  await db.schema.dropTable('dashboard_tally_items').execute()
  await db.schema.dropTable('dashboard_tallies').execute()
}
