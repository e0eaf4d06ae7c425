import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Meetings of the committees, their agendas and the decisions recorded against agenda items
// (issue 4, "Meetings" and the meeting pack). See docs/decisions/0014-meetings.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    // the body that meets: a code of app/meetings/schema.ts (regional_trade_group, ...)
    .addColumn('body', 'text', (c) => c.notNull())
    // the day of the meeting, YYYY-MM-DD
    .addColumn('meeting_date', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    // the table view the agenda was last filled from: the portfolio table's query string ('' none)
    .addColumn('view_query', 'text', (c) => c.notNull())
    // set when the meeting is opened: the snapshot of the register its pack is made from
    // (app/snapshots). Plain text, no foreign key: the snapshots table lands in another branch.
    .addColumn('snapshot_id', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('opened_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('meetings_date').on('meetings').columns(['meeting_date', 'id']).execute()
  await db.schema.createIndex('meetings_body_opened').on('meetings').columns(['body', 'opened_at']).execute()

  // The agenda: an item at most once per meeting, in `position` order (1, 2, 3...). How it got
  // there: 'view' (from a table view), 'picked' (by ref), 'carried' (deferred at an earlier meeting).
  await db.schema
    .createTable('meeting_agenda')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_agenda_pk', ['meeting_id', 'item_id'])
    .execute()
  await db.schema.createIndex('meeting_agenda_position').on('meeting_agenda').columns(['meeting_id', 'position']).execute()

  // One decision per agenda item: endorse, defer, drop, return, note (app/meetings/schema.ts),
  // with its text, and the status change it made through the workflow (both null when none).
  await db.schema
    .createTable('meeting_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status_from', 'text')
    .addColumn('status_to', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('meeting_decisions_item', ['meeting_id', 'item_id'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_decisions').execute()
  await db.schema.dropTable('meeting_agenda').execute()
  await db.schema.dropTable('meetings').execute()
}
