import { CompiledQuery, type Insertable } from 'kysely'
import type { Database, DB } from './schema'

// Many rows of one table inserted in multi-row statements (decision 0041), with the statement
// built once: Kysely parses a 500-row INSERT's values into nodes and compiles them to SQL on
// every statement (about 0.4 s of CPU for the 10,000 items, lists and events of an import,
// docs/decisions/0056). Rows of the same columns make the same SQL text whatever their values,
// so the first full slice is built by Kysely and the next ones reuse its SQL with their own
// values (and, on SQLite, the statement the cache prepared for it: db/statement-cache.ts). The SQL
// is kept for the next calls too (a full slice of the same table, columns and database): an
// import inserts its items a batch of 500 at a time, one statement a call, so kept per call it
// was never reused (decision 0063).

/** Values bound per statement at most: within SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_BOUND = 30_000

/** Rows per statement for rows of `columns` columns: at most 500. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(500, Math.floor(MAX_BOUND / columns)))
}

/**
 * The SQL of a full slice, by the database's adapter (SQLite's and PostgreSQL's differ), then by
 * table, slice size and columns: a few texts per table.
 */
const builtSql = new WeakMap<object, Map<string, string>>()

/**
 * Inserts `rows` into `table`, `rowsPerStatement` rows a statement, as
 * `db.insertInto(table).values(slice)` would. Every row must have the same keys in the same
 * order (rows made by one function); the first statement's bound values are compared with the
 * rows' values in that order, and the SQL is reused only if they are the same, so a row shape
 * Kysely binds differently is still inserted by Kysely, statement by statement.
 */
export async function insertRows<T extends keyof Database & string>(
  db: DB,
  table: T,
  rows: ReadonlyArray<Insertable<Database[T]>>,
): Promise<void> {
  const first = rows[0] as Record<string, unknown> | undefined
  if (!first) return
  const columns = Object.keys(first)
  const size = rowsPerStatement(columns.length)
  // only the SQL text is kept: the first statement's query tree holds a node per value
  const adapter = db.getExecutor().adapter
  let built = builtSql.get(adapter)
  if (!built) builtSql.set(adapter, (built = new Map()))
  const key = `${table}\u0000${size}\u0000${columns.join('\u0000')}`
  let reusable = built.get(key) ?? null
  for (let start = 0; start < rows.length; start += size) {
    const slice = rows.slice(start, start + size)
    if (reusable && slice.length === size) {
      const parameters = valuesOf(slice as ReadonlyArray<Record<string, unknown>>, columns)
      if (parameters) {
        await db.executeQuery(CompiledQuery.raw(reusable, parameters))
        continue
      }
    }
    const compiled = db
      .insertInto(table)
      .values(slice as never)
      .compile()
    await db.executeQuery(compiled)
    if (slice.length === size && !reusable) {
      const expected = valuesOf(slice as ReadonlyArray<Record<string, unknown>>, columns)
      if (expected && sameValues(expected, compiled.parameters)) built.set(key, (reusable = compiled.sql))
    }
  }
}

/**
 * The rows' values, row by row in `columns`' order; null when a row has other keys, or a value
 * that is an object (an expression Kysely would write into the SQL, a blob): those rows are
 * built by Kysely.
 */
function valuesOf(
  rows: ReadonlyArray<Record<string, unknown>>,
  columns: readonly string[],
): unknown[] | null {
  const values = new Array<unknown>(rows.length * columns.length)
  let at = 0
  for (const row of rows) {
    let keys = 0
    for (const key in row) if (row[key] !== undefined) keys++
    if (keys !== columns.length) return null
    for (const column of columns) {
      const value = row[column]
      if (value === undefined || (typeof value === 'object' && value !== null)) return null
      values[at++] = value
    }
  }
  return values
}

const sameValues = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((value, i) => Object.is(value, b[i]))
