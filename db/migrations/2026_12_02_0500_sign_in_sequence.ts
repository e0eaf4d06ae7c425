import { sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Sign-in failures get an insertion sequence per key (docs/decisions/0022-sign-in-protection.md,
// "Ordering"). Two attempts in the same millisecond were ordered by their random ids, so an
// attempt that had already been answered could later find itself behind one that arrived after
// it, and both were let through. Each row now takes the key's next number in the statement that
// writes it; the unique index makes two writers that picked the same number on PostgreSQL
// (where statements run side by side) refuse the later one, which takes the next number.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sign_in_failures')
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // Rows already there are numbered in their old order (time, then id).
  await sql`update sign_in_failures set seq = (
    select count(*) from sign_in_failures f
    where f.key = sign_in_failures.key
      and (f.at < sign_in_failures.at or (f.at = sign_in_failures.at and f.id <= sign_in_failures.id))
  )`.execute(db)
  await db.schema
    .createIndex('sign_in_failures_key_seq')
    .on('sign_in_failures')
    .columns(['key', 'seq'])
    .unique()
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sign_in_failures_key_seq').execute()
  await db.schema.alterTable('sign_in_failures').dropColumn('seq').execute()
}
