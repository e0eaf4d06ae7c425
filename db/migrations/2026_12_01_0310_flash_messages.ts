import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The message an action leaves for the next page its user sees ("Saved: ..."), kept with the
// session in the database so it survives the redirect, a restart and any number of app instances
// (issue 11, "Feedback and focus"). One per session: a newer message replaces an older one.
// See docs/decisions/0031-correctable-meetings-and-feedback.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('flash_messages')
    // the session's id; no foreign key so signing out and session clean-up need not know of it
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    // JSON: { id, key, values, tone }
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('flash_messages').execute()
}
