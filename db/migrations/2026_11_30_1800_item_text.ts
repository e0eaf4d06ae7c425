import { sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The items' own text in three languages (issue 9, docs/decisions/0028-item-text.md): the
// description in Russian and Chinese beside the English one, and the search text folded so
// Russian е and ё are one letter (app/portfolio/search-text.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('items').addColumn('description_ru', 'text').execute()
  await db.schema.alterTable('items').addColumn('description_zh', 'text').execute()
  // search_text is already lower-cased by app code; ё and Ё lower to ё, which folds to е
  await sql`update items set search_text = replace(search_text, ${'ё'}, ${'е'})`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('items').dropColumn('description_zh').execute()
  await db.schema.alterTable('items').dropColumn('description_ru').execute()
}
