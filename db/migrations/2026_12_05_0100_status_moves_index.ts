import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The status changes of one kind (to, from), with their items: a working group's "returned for
// revision" list (app/dashboard/my-work.server.ts) starts from the few items ever sent back from
// review to proposed, rather than testing each of the register's proposed items for such a change.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('item_status_changes_move')
    .on('item_status_changes')
    .columns(['to_status', 'from_status', 'item_id'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('item_status_changes_move').execute()
}
