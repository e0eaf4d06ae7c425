import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ImmediateSqliteDialect } from './sqlite-dialect'

type Counter = { counter: { n: number } }

let dir: string
let file: string
let db: Kysely<Counter>
let other: SQLite.Database

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'immediate-'))
  file = path.join(dir, 'db.sqlite')
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  db = new Kysely<Counter>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) })
  await sql`create table counter (n integer not null)`.execute(db)
  await db.insertInto('counter').values({ n: 0 }).execute()
  // Another process's connection (the users CLI beside the server): it must not wait here.
  other = new SQLite(file)
  other.pragma('busy_timeout = 0')
})

afterEach(async () => {
  other.close()
  await db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

const otherWrites = () => other.prepare('update counter set n = n + 100').run()
const count = () => (other.prepare('select n from counter').get() as { n: number }).n

describe('ImmediateSqliteDialect', () => {
  it('lets a transaction that reads before it writes commit while another connection tries to write', async () => {
    let refused: unknown = null
    await db.transaction().execute(async (trx) => {
      const { n } = await trx.selectFrom('counter').select('n').executeTakeFirstOrThrow()
      // A deferred BEGIN let this write in, and our update below then failed with
      // SQLITE_BUSY_SNAPSHOT; now the other writer waits for the lock this transaction holds.
      try {
        otherWrites()
      } catch (error) {
        refused = error
      }
      await trx
        .updateTable('counter')
        .set({ n: n + 1 })
        .execute()
    })
    expect((refused as { code?: string } | null)?.code).toBe('SQLITE_BUSY')
    expect(count()).toBe(1)
    otherWrites()
    expect(count()).toBe(101)
  })

  it('keeps a read-only transaction a reader, so another connection writes meanwhile', async () => {
    const seen = await db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        const before = await trx.selectFrom('counter').select('n').executeTakeFirstOrThrow()
        otherWrites()
        const after = await trx.selectFrom('counter').select('n').executeTakeFirstOrThrow()
        return [before.n, after.n]
      })
    // The reader keeps the moment it first read.
    expect(seen).toEqual([0, 0])
    expect(count()).toBe(100)
  })
})
