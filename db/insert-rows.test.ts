import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../tests/setup/test-db'
import { insertRows, rowsPerStatement } from './insert-rows'

// The multi-row inserts of an import (items, their lists, events) reuse the first statement's
// SQL for the next slices: every row must still be written with its own values.

let opened: TestDb[] = []
afterEach(async () => {
  await Promise.all(opened.map((t) => t.close()))
  opened = []
})

const rowsOf = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, version: from + i, n: (from + i) * 7 }))

describe('insertRows', () => {
  it('writes every row with its values across full and partial slices', async () => {
    const t = await createTestDb()
    opened.push(t)
    const size = rowsPerStatement(3)
    const rows = rowsOf(size * 2 + 37)
    await insertRows(t.db, 'search_counts', rows)
    const stored = await t.db.selectFrom('search_counts').selectAll().orderBy('version').execute()
    expect(stored.map((r) => ({ key: r.key, version: Number(r.version), n: r.n }))).toEqual(rows)
  })

  it('writes rows whose keys differ from the first row through Kysely, as they are', async () => {
    const t = await createTestDb()
    opened.push(t)
    const size = rowsPerStatement(3)
    const rows: Array<{ key: string; version: number; n: number }> = rowsOf(size * 3)
    // a slice after the first with its keys in another order and one more key set to undefined
    rows[size + 5] = { n: rows[size + 5]!.n, version: rows[size + 5]!.version, key: rows[size + 5]!.key }
    Object.assign(rows[size * 2 + 9]!, { extra: undefined })
    await insertRows(t.db, 'search_counts', rows)
    const stored = await t.db.selectFrom('search_counts').selectAll().orderBy('version').execute()
    expect(stored.map((r) => ({ key: r.key, version: Number(r.version), n: r.n }))).toEqual(rowsOf(size * 3))
  })

  it('reuses the SQL of an earlier call, each row with its values, and an expression still through Kysely', async () => {
    const t = await createTestDb()
    opened.push(t)
    const size = rowsPerStatement(3)
    await insertRows(t.db, 'search_counts', rowsOf(size)) // the SQL of a full slice, kept
    await insertRows(t.db, 'search_counts', rowsOf(size, size)) // reused
    // a value that is an expression: written into the SQL by Kysely, not bound as a value
    const third = rowsOf(size, size * 2).map((r, i) => (i === 3 ? { ...r, n: sql<number>`${r.n} + 0` } : r))
    await insertRows(t.db, 'search_counts', third as never)
    const stored = await t.db.selectFrom('search_counts').selectAll().orderBy('version').execute()
    expect(stored.map((r) => ({ key: r.key, version: Number(r.version), n: r.n }))).toEqual(rowsOf(size * 3))
  })
})
