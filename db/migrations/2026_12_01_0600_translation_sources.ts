import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// What each translation of an item's text was made from (issue 9;
// docs/decisions/0034-translation-provenance.md). `translation_sources`: JSON, per translated
// field (title_ru, description_zh, ...) the language it was made from and a hash of that text.
// `translations_outdated`: the fields whose source text changed since, ';'-delimited
// (";title_ru;description_zh;"), kept by app code at every write so the table filters on it with
// a plain LIKE on both databases. Null in both: nothing recorded, nothing outdated.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // one column per statement: SQLite's ALTER TABLE adds one at a time
  await db.schema.alterTable('items').addColumn('translation_sources', 'text').execute()
  await db.schema.alterTable('items').addColumn('translations_outdated', 'text').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('items').dropColumn('translations_outdated').execute()
  await db.schema.alterTable('items').dropColumn('translation_sources').execute()
}
