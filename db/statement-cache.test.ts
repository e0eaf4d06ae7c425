import SQLite from 'better-sqlite3'
import { Kysely, sql, SqliteDialect } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { withStatementCache } from './statement-cache'

function open(size?: number) {
  const sqlite = new SQLite(':memory:')
  let prepared = 0
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((text: string) => {
    prepared++
    return prepare(text)
  }) as typeof sqlite.prepare
  const db = new Kysely<{ t: { n: number } }>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite, size) }),
  })
  return { db, prepared: () => prepared }
}

let opened: Array<Kysely<{ t: { n: number } }>> = []
afterEach(async () => {
  await Promise.all(opened.map((db) => db.destroy()))
  opened = []
})

describe('withStatementCache', () => {
  it('prepares a statement once and runs it again with other parameters', async () => {
    const { db, prepared } = open()
    opened.push(db)
    await sql`create table t (n integer)`.execute(db)
    for (let n = 1; n <= 5; n++) await db.insertInto('t').values({ n }).execute()
    const before = prepared()
    const found = []
    for (const min of [1, 3, 5])
      found.push((await db.selectFrom('t').select('n').where('n', '>=', min).execute()).length)
    expect(found).toEqual([5, 3, 1])
    expect(prepared() - before).toBe(1)
  })

  it('keeps at most the given number, preparing a dropped one again', async () => {
    const { db, prepared } = open(2)
    opened.push(db)
    const a = sql`select 1 as x`
    const b = sql`select 2 as x`
    const c = sql`select 3 as x`
    for (const query of [a, b, c]) await query.execute(db)
    const before = prepared()
    expect((await c.execute(db)).rows).toEqual([{ x: 3 }]) // kept
    expect(prepared()).toBe(before)
    await a.execute(db) // the least recently used, dropped
    expect(prepared()).toBe(before + 1)
  })

  it('gives a statement of its own while the kept one is still being iterated', () => {
    const sqlite = new SQLite(':memory:')
    const cached = withStatementCache(sqlite)
    sqlite.exec('create table t (n integer); insert into t values (1), (2)')
    const text = 'select n from t order by n'
    const reading = cached.prepare(text).iterate([]) as Iterator<{ n: number }>
    expect(reading.next().value).toEqual({ n: 1 })
    expect(cached.prepare(text).all([])).toEqual([{ n: 1 }, { n: 2 }])
    expect(reading.next().value).toEqual({ n: 2 })
    expect(reading.next().done).toBe(true)
    cached.close()
  })
})
