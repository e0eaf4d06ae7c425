import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'

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
  const digests: Record<string, TableDigest> = {}
  for (const table of tables.filter((t) => !t.isView).sort((a, b) => a.name.localeCompare(b.name))) {
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
