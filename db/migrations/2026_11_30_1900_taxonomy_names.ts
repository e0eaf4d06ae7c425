import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Strategy, pillar and area names in Russian and Chinese beside the English `name` (issue 9;
// docs/decisions/0027-pdf-fonts-and-localized-outputs.md). Null: no translation, the English name
// is shown. `name` stays the one filters, imports and the API match on.

const TABLES = ['strategies', 'pillars', 'areas'] as const

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // one column per statement: SQLite's ALTER TABLE adds one at a time
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn('name_ru', 'text').execute()
    await db.schema.alterTable(table).addColumn('name_zh', 'text').execute()
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).dropColumn('name_zh').execute()
    await db.schema.alterTable(table).dropColumn('name_ru').execute()
  }
}
