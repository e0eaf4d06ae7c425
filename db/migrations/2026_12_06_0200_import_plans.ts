import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// An upload's plan as its preview made it (docs/decisions/0060-kept-import-plan.md), kept so that
// the confirmation, on whichever server, writes it without planning the file again when nothing
// it read has moved: part 0 is the plan's head (the summary, the digest shown, the taxonomy read),
// written last; parts 1..n are its batches of rows, one JSON text each. Removed with the upload.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_plans')
    // one preview's plan: a second preview of the same upload makes another
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('upload_id', 'text', (c) => c.notNull().references('import_uploads.id').onDelete('cascade'))
    // the head's digest of the summary (what the confirmation names); null on a batch
    .addColumn('digest', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_plans_pk', ['plan_id', 'part'])
    .execute()
  await db.schema
    .createIndex('import_plans_upload')
    .on('import_plans')
    .columns(['upload_id', 'part'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_plans').execute()
}
