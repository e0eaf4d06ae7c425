import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Files uploaded for import from the browser (issue 4), kept between the preview and the
// confirmation so every app instance can read them. See docs/decisions/0011-browser-import.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    // csv or xlsx, decided from the name and checked against the content when uploaded
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // the file's bytes in base64: the same text column on SQLite and PostgreSQL (0002)
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // set in the transaction that imports the file, with the summary as JSON; null until then
    .addColumn('imported_at', 'text')
    .addColumn('result', 'text')
    .execute()
  await db.schema.createIndex('import_uploads_user_created').on('import_uploads').columns(['user_id', 'created_at']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_uploads').execute()
}
