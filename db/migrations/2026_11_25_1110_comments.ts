import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Comments on items (issue 3): threads one level deep, edits kept as revisions, deletion a mark
// (the row stays so its replies keep their parent and the thread says "comment deleted").
// See docs/decisions/0007-comments.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    // null for a thread's first comment; a reply names it (replies are one level deep: app code
    // refuses a reply to a reply)
    .addColumn('parent_id', 'text', (c) => c.references('comments.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    // the markup as typed; rendered to safe HTML on the server when shown
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    // 0/1; a deleted comment keeps its row (its text is emptied) and shows as deleted
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // An item's comments in order (the item page reads them all at once).
  await db.schema.createIndex('comments_item_created').on('comments').columns(['item_id', 'created_at']).execute()

  // The text a comment had before each edit or deletion: append-only, like item_events.
  await db.schema
    .createTable('comment_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    // when that text was replaced
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.notNull().references('users.id'))
    .execute()
  await db.schema.createIndex('comment_revisions_comment').on('comment_revisions').columns(['comment_id', 'replaced_at']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comment_revisions').execute()
  await db.schema.dropTable('comments').execute()
}
