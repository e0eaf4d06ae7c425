import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The IATI 2.03 activity export (issue 12; docs/decisions/0032-iati-export.md):
// - iati_publisher: the publisher settings, one row (id 'publisher'), created on first save; until
//   then the configuration's starting values (IATI_*) stand in.
// - areas.dac_code: the DAC 5-digit purpose code an area's items report as their sector.
// - items.dac_code: an item's own purpose code, overriding its area's.
// - strategies.period_start_year/period_end_year: the plan's period, the indicative planned
//   dates of an item without years.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('iati_publisher')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_ref', 'text', (c) => c.notNull())
    .addColumn('org_name_en', 'text', (c) => c.notNull())
    .addColumn('org_name_ru', 'text')
    .addColumn('org_name_zh', 'text')
    .addColumn('org_type', 'text', (c) => c.notNull())
    .addColumn('activity_prefix', 'text', (c) => c.notNull())
    .addColumn('default_currency', 'text', (c) => c.notNull())
    .addColumn('default_language', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()
  // one column per statement: SQLite's ALTER TABLE adds one at a time
  await db.schema.alterTable('areas').addColumn('dac_code', 'text').execute()
  await db.schema.alterTable('items').addColumn('dac_code', 'text').execute()
  await db.schema.alterTable('strategies').addColumn('period_start_year', 'integer').execute()
  await db.schema.alterTable('strategies').addColumn('period_end_year', 'integer').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('strategies').dropColumn('period_end_year').execute()
  await db.schema.alterTable('strategies').dropColumn('period_start_year').execute()
  await db.schema.alterTable('items').dropColumn('dac_code').execute()
  await db.schema.alterTable('areas').dropColumn('dac_code').execute()
  await db.schema.dropTable('iati_publisher').execute()
}
