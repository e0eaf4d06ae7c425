import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The monitoring framework (issue 12, "The monitoring framework and the scorecard"): strategies'
// recommendations and KPIs, baselines and targets per country or regional, the reporting rounds'
// country reports with their values and history, KPIs linked to items, and scorecards added to
// meeting packs. See docs/decisions/0033-monitoring-framework.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kpi_recommendations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text')
    .addColumn('name_ru', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('kpi_recommendations_name', ['strategy', 'name_en'])
    .execute()

  await db.schema
    .createTable('kpis')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // stable reference shown to people and used in addresses and the API: DS-01 ...
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('recommendation_id', 'text', (c) => c.notNull().references('kpi_recommendations.id'))
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text')
    .addColumn('name_ru', 'text')
    // bodies as JSON arrays of names
    .addColumn('responsible', 'text', (c) => c.notNull())
    .addColumn('supporting', 'text', (c) => c.notNull())
    // annual | semiannual
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    // higher | lower: which way is better
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  // Baseline and target for one country, or 'REG' for the regional one.
  await db.schema
    .createTable('kpi_targets')
    .addColumn('kpi_id', 'text', (c) => c.notNull().references('kpis.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('baseline', 'double precision')
    .addColumn('baseline_year', 'integer')
    .addColumn('target', 'double precision')
    .addColumn('target_year', 'integer')
    .addPrimaryKeyConstraint('kpi_targets_pk', ['kpi_id', 'scope'])
    .execute()

  // One country's report for one period ('2025', '2025-H1', '2025-H2'); no row is "not started".
  await db.schema
    .createTable('kpi_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    // draft | submitted | returned | approved
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('kpi_reports_period_country', ['period', 'country_code'])
    .execute()

  await db.schema
    .createTable('kpi_values')
    .addColumn('report_id', 'text', (c) => c.notNull().references('kpi_reports.id').onDelete('cascade'))
    .addColumn('kpi_id', 'text', (c) => c.notNull().references('kpis.id').onDelete('cascade'))
    .addColumn('value', 'double precision')
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('kpi_values_pk', ['report_id', 'kpi_id'])
    .execute()

  // Every step of a report: saved, submitted, returned (with the reason), approved.
  await db.schema
    .createTable('kpi_report_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('kpi_reports.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('kpi_report_events_seq', ['report_id', 'seq'])
    .execute()

  await db.schema
    .createTable('kpi_items')
    .addColumn('kpi_id', 'text', (c) => c.notNull().references('kpis.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_items_pk', ['kpi_id', 'item_id'])
    .execute()
  await db.schema.createIndex('kpi_items_item').on('kpi_items').columns(['item_id']).execute()

  // A period's scorecard added to a meeting's pack.
  await db.schema
    .createTable('meeting_scorecards')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('meeting_scorecards_pk', ['meeting_id', 'period'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'meeting_scorecards',
    'kpi_items',
    'kpi_report_events',
    'kpi_values',
    'kpi_reports',
    'kpi_targets',
    'kpis',
    'kpi_recommendations',
  ])
    await db.schema.dropTable(table).execute()
}
