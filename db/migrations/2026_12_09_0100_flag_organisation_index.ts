import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The portfolio's "flagged by" options are the managed organisations that have a flag
// (app/cofinancing/cofinancing.server.ts flagOrganisations): one look-up in this index per
// organisation, where a distinct over every flag read the whole table on each page.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('cofinancing_flags_organisation')
    .on('cofinancing_flags')
    .column('organisation')
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cofinancing_flags_organisation').execute()
}
