import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Follows, the in-app inbox and the e-mail outbox (issue 3), and an index for the activity page.
// See docs/decisions/0008-notifications.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Explicit follows. Working group members also follow their own countries' items without a row
  // here; a row with following = 0 is an unfollow, which wins over that.
  await db.schema
    .createTable('item_follows')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('following', 'integer', (c) => c.notNull())
    // commented, flagged, mentioned or chosen (the Follow button)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_follows_pk', ['user_id', 'item_id'])
    .execute()
  await db.schema.createIndex('item_follows_item').on('item_follows').columns(['item_id', 'following']).execute()

  // One row per person told about one history event: mention, transition or flag.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('item_events.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema.createIndex('notifications_user_created').on('notifications').columns(['user_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'read_at']).execute()

  // Written in the same transaction as the notification; delivered afterwards by whichever app
  // instance claims the row first (claimed_until), through the configured sender.
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.references('notifications.id').onDelete('set null'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute()
  await db.schema.createIndex('email_outbox_pending').on('email_outbox').columns(['sent_at', 'next_attempt_at']).execute()

  // The activity page reads the newest events across all items.
  await db.schema.createIndex('item_events_at').on('item_events').columns(['at', 'id']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('item_events_at').execute()
  await db.schema.dropTable('email_outbox').execute()
  await db.schema.dropTable('notifications').execute()
  await db.schema.dropTable('item_follows').execute()
}
