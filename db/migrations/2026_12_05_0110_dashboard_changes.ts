import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// A text search's dashboard figures kept and brought up to date by the item writes since
// (docs/decisions/0053-search-figures-corrected.md):
// - dashboard_changes: what each item write changed in the figures a view of items adds up
//   (JSON: the item's rows of each chart before taken away, after added), under the portfolio
//   version the write made; delta null: every item may have changed (counted afresh, e.g. an
//   import's tallies rebuilt), so no stored figures older than that version are brought up to date.
// - dashboard_search_figures: a search view's figures as read from its items (JSON, before they
//   are named and ordered), exact at portfolio version `version` and search version `search_version`.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dashboard_changes')
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('delta', 'text')
    .execute()
  await db.schema.createIndex('dashboard_changes_version').on('dashboard_changes').column('version').execute()
  await db.schema
    .createTable('dashboard_search_figures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('search_version', 'bigint', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('dashboard_search_figures_version')
    .on('dashboard_search_figures')
    .column('version')
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dashboard_search_figures').execute()
  await db.schema.dropTable('dashboard_changes').execute()
}
