import { createHash } from 'node:crypto'
import { sql, SqliteAdapter, type Kysely } from 'kysely'

// A fingerprint of every table (its row count and a SHA-256 of its rows), computed here rather
// than by the database, so it is the same function on SQLite and PostgreSQL: a backup and its
// restore are compared row by row without trusting either database's own checksum. For tests
// and for checking a restore by hand; it reads whole tables.

export interface TableDigest {
  rows: number
  sha256: string
}

/** A row as text whose form does not depend on the driver: keys sorted, values in one notation. */
function canonicalRow(row: Record<string, unknown>): string {
  const cell = (value: unknown): unknown => {
    if (value === null || value === undefined) return null
    if (typeof value === 'number' || typeof value === 'bigint') return String(value)
    if (value instanceof Date) return value.toISOString()
    if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`
    return value
  }
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((key) => [key, cell(row[key])]),
  )
}

export interface DigestOptions {
  /** rows to leave out, such as the ones a test wrote after the backup point */
  skip?: (table: string, row: Record<string, unknown>) => boolean
}

/** Every table's row count and the SHA-256 of its rows (in a sorted order, so scan order does not matter). */
export async function tableDigests(
  // any schema: the migrations' own tables are read too
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  options: DigestOptions = {},
): Promise<Record<string, TableDigest>> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true })
  const derived = await derivedTables(db)
  const digests: Record<string, TableDigest> = {}
  for (const table of tables
    .filter((t) => !t.isView && !derived(t.name))
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const rows = (await db.selectFrom(table.name).selectAll().execute()) as Array<Record<string, unknown>>
    const lines = rows
      .filter((row) => !options.skip?.(table.name, row))
      .map(canonicalRow)
      .sort()
    const hash = createHash('sha256')
    for (const line of lines) hash.update(line).update('\n')
    digests[table.name] = { rows: lines.length, sha256: hash.digest('hex') }
  }
  return digests
}

/**
 * SQLite's virtual tables (the FTS5 search index) and their shadow tables: derived from other
 * tables, their internal layout depends on the order of writes, so two databases with the same
 * rows can differ there. They are checked through the tables they index.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function derivedTables(db: Kysely<any>): Promise<(name: string) => boolean> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return () => false
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'
  `.execute(db)
  const virtual = rows.map((r) => r.name)
  return (name) => virtual.some((v) => name === v || name.startsWith(`${v}_`))
}
