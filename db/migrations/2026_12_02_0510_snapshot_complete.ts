import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// A snapshot taken as a job is written in many short transactions (docs/decisions/0042), so its
// rows exist before it is whole. `complete` is set in the last of them; until then the snapshot is
// nowhere to be seen (getSnapshot, listSnapshots). Those taken before were written whole: 1.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('snapshots')
    .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('snapshots').dropColumn('complete').execute()
}
