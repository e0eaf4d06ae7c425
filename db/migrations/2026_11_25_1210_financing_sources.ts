import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Financing sources (issue 3): the secured funding broken down by who provides it. Three optional
// amounts in integer thousands of USD like every amount; their sum may not exceed secured_kusd
// (checked by the form's schema, not by the database: an import may lower secured below an older
// breakdown, which the item page then points out). Null: not said. The interchange CSV has no such
// columns, so imports leave them as they are. See docs/decisions/0010-financing-sources.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('items').addColumn('secured_government_kusd', 'integer').execute()
  await db.schema.alterTable('items').addColumn('secured_partners_kusd', 'integer').execute()
  await db.schema.alterTable('items').addColumn('secured_private_kusd', 'integer').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('items').dropColumn('secured_private_kusd').execute()
  await db.schema.alterTable('items').dropColumn('secured_partners_kusd').execute()
  await db.schema.alterTable('items').dropColumn('secured_government_kusd').execute()
}
