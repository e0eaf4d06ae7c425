import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Opening a meeting takes its snapshot as a background job, in short transactions
// (docs/decisions/0047): `meetings.opening_job_id` is the job opening it (the meeting waits in
// 'opening' while that job is queued or running); `snapshots.job_id` is the job writing a snapshot,
// so the rows of one whose job stopped half way can be found and swept.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('opening_job_id', 'text').execute()
  await db.schema.alterTable('snapshots').addColumn('job_id', 'text').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('snapshots').dropColumn('job_id').execute()
  await db.schema.alterTable('meetings').dropColumn('opening_job_id').execute()
}
