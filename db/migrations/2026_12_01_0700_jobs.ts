import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Background jobs (issue 13): heavy work (big imports, exports, snapshots, meeting packs) kept in
// the database and claimed like the mail outbox, so any app server or `npm run worker` runs
// each job once. See docs/decisions/0035-background-jobs.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // what to run (app/jobs/kinds.ts) and its input as JSON
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    // who started it: the only person who sees its progress and result
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // queued, running, done, failed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    // the runner holding it and until when (renewed by its heartbeat); a lapsed lease is free again
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    // the outcome as JSON; a file's bytes in base64 (the same text column on both databases, 0002)
    .addColumn('result', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_type', 'text')
    .addColumn('file_content', 'text')
    // when the result is removed
    .addColumn('expires_at', 'text')
    .execute()
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_after']).execute()
  await db.schema.createIndex('jobs_user_created').on('jobs').columns(['user_id', 'created_at']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute()
}
