import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The portfolio list's partner-interest filter (issue 3) tests each item's id against the live
// co-financing flags. No (archived, ...) index held the id, so counting the items without interest
// fetched every table row for it; this one lets that count read the index alone.
// Figures: docs/performance.md, "Partner interest".

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('items_archived_id').on('items').columns(['archived', 'id']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('items_archived_id').execute()
}
