import { sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The dashboard's summary rows by proposer set (docs/decisions/0043-dashboard-proposer-sets.md):
// per chart, the items (and amounts) of each combination of (archived, published, the item's set
// of proposer countries), with the chart's own key. A view filtered by proposers ("any of these
// countries") adds up the rows whose set meets its countries, so an item with several proposers
// is in one row and counts once. The set is a bit mask: bit k is the k-th code of COUNTRY_CODES
// (app/portfolio/codes.ts) as it is when this runs; a new country code goes at the end of that list.
// Charts: total; status, quadrant, pillar (k1 strategy id, k2 pillar id), year, type (an item under
// each of its types) with their amounts; shift: the status changes' net effect per month and status
// (+1 for the status moved to, -1 for the one left), which is all the status over time needs.
// flag: live co-financing flags (items, and their indicative amounts in cost_kusd) by organisation
// (k1) and stage (k2), here and in dashboard_tallies (chart 'flag', under its five dimensions), so
// no view without an interest filter reads the flags' items. dashboard_tally_flags holds the flags
// each item is counted with, as dashboard_tally_items does its other columns.
// Kept by the item writers with dashboard_tallies (app/dashboard/tallies.server.ts); filled here.

const COUNTRIES = ['AZE', 'PRC', 'GEO', 'KAZ', 'KGZ', 'MON', 'PAK', 'TAJ', 'TKM', 'UZB', 'REG']

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dashboard_set_tallies')
    .addColumn('chart', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('mask', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('k1', 'text', (c) => c.notNull())
    .addColumn('k2', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('cost_kusd', 'bigint', (c) => c.notNull())
    .addColumn('secured_kusd', 'bigint', (c) => c.notNull())
    .addColumn('gap_kusd', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_set_tallies_pk', [
      'chart',
      'archived',
      'published',
      'mask',
      'month',
      'k1',
      'k2',
    ])
    .execute()
  // The reads: a chart's rows of unarchived items in the order of their keys, every column in the
  // index, so a sum over thousands of rows reads neither the table nor a sort (the 70,000 shift
  // rows of 100,000 items: 70 ms through the primary key, 12 through this).
  await db.schema
    .createIndex('dashboard_set_tallies_read')
    .on('dashboard_set_tallies')
    .columns([
      'chart',
      'archived',
      'month',
      'k1',
      'k2',
      'published',
      'mask',
      'items',
      'cost_kusd',
      'secured_kusd',
      'gap_kusd',
    ])
    .execute()

  // The status changes of a searched view's items (up to a quarter of the register) are found by
  // item id: with every column the status over time counts in the index, no table row is read
  // (150 ms of CPU at 25,000 items before, about 90 after).
  await db.schema
    .createIndex('item_status_changes_item_month')
    .on('item_status_changes')
    .columns(['item_id', 'month', 'from_status', 'to_status'])
    .execute()

  await db.schema
    .createTable('dashboard_tally_flags')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('amount_kusd', 'bigint')
    .addPrimaryKeyConstraint('dashboard_tally_flags_pk', ['item_id', 'organisation'])
    .execute()
  await sql`insert into dashboard_tally_flags (item_id, organisation, stage, amount_kusd)
    select f.item_id, f.organisation, f.stage, f.amount_kusd from cofinancing_flags f
    where f.withdrawn = 0 and exists (select 1 from dashboard_tally_items t where t.item_id = f.item_id)`.execute(
    db,
  )
  await sql`insert into dashboard_tallies (chart, archived, published, status, quadrant, strategy_id,
      month, k1, k2, items, cost_kusd, secured_kusd, gap_kusd)
    select 'flag', t.archived, t.published, t.status, t.quadrant, t.strategy_id, '', f.organisation, f.stage,
      count(*), coalesce(sum(f.amount_kusd), 0), 0, 0
    from dashboard_tally_items t join dashboard_tally_flags f on f.item_id = t.item_id
    group by t.archived, t.published, t.status, t.quadrant, t.strategy_id, f.organisation, f.stage`.execute(
    db,
  )

  // shift in dashboard_tallies too, under all five dimensions (its change rows keep archived,
  // published and status only), so a view of a strategy or quadrant adds up its status over time.
  await sql`insert into dashboard_tallies (chart, archived, published, status, quadrant, strategy_id,
      month, k1, k2, items, cost_kusd, secured_kusd, gap_kusd)
    select 'shift', d.archived, d.published, d.status, d.quadrant, d.strategy_id, d.month, d.moved, '',
      sum(d.n), 0, 0, 0
    from (
      select t.archived, t.published, t.status, t.quadrant, t.strategy_id, c.month, c.to_status as moved, 1 as n
        from dashboard_tally_items t join item_status_changes c on c.item_id = t.item_id
      union all
      select t.archived, t.published, t.status, t.quadrant, t.strategy_id, c.month, c.from_status, -1
        from dashboard_tally_items t join item_status_changes c on c.item_id = t.item_id
        where c.from_status is not null
    ) d
    group by d.archived, d.published, d.status, d.quadrant, d.strategy_id, d.month, d.moved
    having sum(d.n) <> 0`.execute(db)

  const mask = sql.join(
    COUNTRIES.map(
      (code, bit) =>
        sql`case when ';' || coalesce(t.proposers_key, '') || ';' like ${`%;${code};%`} then ${sql.lit(2 ** bit)} else 0 end`,
    ),
    sql` + `,
  )
  const counted = sql`(select t.*, ${mask} as mask from dashboard_tally_items t) s`
  const into = sql`insert into dashboard_set_tallies (chart, archived, published, mask, month, k1, k2,
    items, cost_kusd, secured_kusd, gap_kusd)`
  const sums = sql`count(*), coalesce(sum(s.cost_kusd), 0), coalesce(sum(s.secured_kusd), 0), coalesce(sum(s.gap_kusd), 0)`
  const keys: Array<[string, ReturnType<typeof sql>, ReturnType<typeof sql>, ReturnType<typeof sql>]> = [
    ['total', sql`''`, sql`''`, sql``],
    ['status', sql`s.status`, sql`''`, sql`, s.status`],
    ['quadrant', sql`s.quadrant`, sql`''`, sql`, s.quadrant`],
    ['pillar', sql`s.strategy_id`, sql`coalesce(s.pillar_id, '')`, sql`, s.strategy_id, s.pillar_id`],
    ['year', sql`coalesce(cast(s.start_year as text), '')`, sql`''`, sql`, s.start_year`],
  ]
  for (const [chart, k1, k2, by] of keys)
    await sql`${into} select ${chart}, s.archived, s.published, s.mask, '', ${k1}, ${k2}, ${sums}
      from ${counted} group by s.archived, s.published, s.mask${by}`.execute(db)
  await sql`${into} select 'type', s.archived, s.published, s.mask, '', l.type_code, '', ${sums}
    from ${counted} join item_modalities l on l.item_id = s.item_id
    group by s.archived, s.published, s.mask, l.type_code`.execute(db)
  await sql`${into} select 'type', s.archived, s.published, s.mask, '', '', '', ${sums}
    from ${counted} where not exists (select 1 from item_modalities l where l.item_id = s.item_id)
    group by s.archived, s.published, s.mask`.execute(db)
  await sql`${into} select 'flag', s.archived, s.published, s.mask, '', f.organisation, f.stage,
      count(*), coalesce(sum(f.amount_kusd), 0), 0, 0
    from ${counted} join dashboard_tally_flags f on f.item_id = s.item_id
    group by s.archived, s.published, s.mask, f.organisation, f.stage`.execute(db)
  await sql`${into} select 'shift', d.archived, d.published, d.mask, d.month, d.status, '', sum(d.n), 0, 0, 0
    from (
      select s.archived, s.published, s.mask, c.month, c.to_status as status, 1 as n
        from ${counted} join item_status_changes c on c.item_id = s.item_id
      union all
      select s.archived, s.published, s.mask, c.month, c.from_status, -1
        from ${counted} join item_status_changes c on c.item_id = s.item_id
        where c.from_status is not null
    ) d
    group by d.archived, d.published, d.mask, d.month, d.status
    having sum(d.n) <> 0`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('dashboard_tallies').where('chart', 'in', ['flag', 'shift']).execute()
  await db.schema.dropTable('dashboard_tally_flags').execute()
  await db.schema.dropIndex('item_status_changes_item_month').execute()
  await db.schema.dropTable('dashboard_set_tallies').execute()
}
