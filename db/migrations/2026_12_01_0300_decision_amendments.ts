import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Amendments to recorded meeting decisions (issue 11, "Meetings that can be corrected"): the
// original decision row is never changed; each amendment is a row of its own, with its reason,
// and the latest one is the decision in force. See docs/decisions/0031-correctable-meetings-and-feedback.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_decision_amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) =>
      c.notNull().references('meeting_decisions.id').onDelete('cascade'),
    )
    // the decision and text as amended: endorse, defer, drop, return, note
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // the status change the amendment made through the workflow; both null when it made none
    .addColumn('status_from', 'text')
    .addColumn('status_to', 'text')
    .addColumn('amended_at', 'text', (c) => c.notNull())
    .addColumn('amended_by', 'text', (c) => c.notNull().references('users.id'))
    .execute()
  await db.schema
    .createIndex('meeting_decision_amendments_decision')
    .on('meeting_decision_amendments')
    .columns(['decision_id', 'amended_at'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_decision_amendments').execute()
}
