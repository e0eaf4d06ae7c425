import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The item history (issue 3): one append-only row per change to an item, written by app code in
// the same transaction as the change. See docs/decisions/0005-workflow.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('item_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    // 1, 2, 3... per item, in the order the changes committed: the timeline's order, whatever
    // the clocks of several app instances say. Made by app code under the item's row lock.
    .addColumn('seq', 'integer', (c) => c.notNull())
    // created, edited, transition, archived, restored, imported; later parts add kinds (comments,
    // flags) without a migration: the column is plain text and app code owns the vocabulary.
    .addColumn('kind', 'text', (c) => c.notNull())
    // null when no signed-in person made the change (the command-line importer, the seed)
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    // the details as JSON text, shaped by kind (app/workflow/events.ts)
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('item_events_item_seq', ['item_id', 'seq'])
    .execute()
  // An item's changes since a date (what changed since the last meeting).
  await db.schema.createIndex('item_events_item_at').on('item_events').columns(['item_id', 'at']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('item_events').execute()
}
