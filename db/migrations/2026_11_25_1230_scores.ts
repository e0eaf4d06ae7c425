import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Steering committee members' own scores of items, and the items' aggregate of them (issue 4).
// See docs/decisions/0012-prioritisation.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('item_scores')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('strategic_importance', 'integer', (c) => c.notNull())
    .addColumn('ease_of_implementation', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_scores_pk', ['item_id', 'user_id'])
    .execute()

  // Kept by app code in the transaction that changes a score, so the list, the matrix and the
  // ranked list read them from the item row. The medians may be halves (2.5), hence a double.
  // items.strategic_importance and ease_of_implementation stay the secretariat's direct scores;
  // items.quadrant is placed by the medians once any member has scored, else by the direct ones.
  await db.schema.alterTable('items').addColumn('scores_count', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('items').addColumn('importance_median', 'double precision').execute()
  await db.schema.alterTable('items').addColumn('ease_median', 'double precision').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('items').dropColumn('ease_median').execute()
  await db.schema.alterTable('items').dropColumn('importance_median').execute()
  await db.schema.alterTable('items').dropColumn('scores_count').execute()
  await db.schema.dropTable('item_scores').execute()
}
