import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest'
import { connect } from '../../db/connect'
import type { Database } from '../../db/schema'
import { makeTemplate, makeTmpDir, removeDatabaseFiles } from './sqlite-template'

// Fresh, migrated SQLite databases for tests. The global setup (tests/setup/global-setup.ts)
// migrates once into tests/.tmp/run<pid>-*/template.db and every database handed out here is a
// copy of that file: a fresh database costs a file copy (about a millisecond), not a migration.
// Run without that setup, each test process makes its own template.

export interface TestDb {
  db: Kysely<Database>
  /** the SQLite file, usable as a DATABASE_URL */
  url: string
  /** closes the connection and deletes the file (with its -wal and -shm) */
  close(): Promise<void>
}

let location: Promise<{ dir: string; template: string }> | undefined

function templateLocation(): Promise<{ dir: string; template: string }> {
  location ??= (async () => {
    const shared = inject('testDbDir')
    if (shared && fs.existsSync(path.join(shared, 'template.db')))
      return { dir: shared, template: path.join(shared, 'template.db') }
    const dir = makeTmpDir('p')
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
    const template = path.join(dir, 'template.db')
    await makeTemplate(template)
    return { dir, template }
  })()
  return location
}

/** A new migrated SQLite database of its own. Call `close()` when done. */
export async function createTestDb(): Promise<TestDb> {
  const { dir, template } = await templateLocation()
  const file = path.join(dir, `${randomUUID()}.db`)
  fs.copyFileSync(template, file)
  const db = connect(file)
  let closed = false
  return {
    db,
    url: file,
    async close() {
      if (closed) return
      closed = true
      await db.destroy()
      removeDatabaseFiles(file)
    },
  }
}

/**
 * Registers hooks giving the tests of the file (or of the enclosing describe) a fresh database:
 * per test with 'each' (the default), or one shared by all its tests with 'all'.
 * Read `.db` inside tests and hooks, not at collection time.
 */
export function useTestDb(scope: 'each' | 'all' = 'each'): {
  readonly db: Kysely<Database>
  readonly url: string
} {
  let current: TestDb | undefined
  const open = async () => {
    current = await createTestDb()
  }
  const close = async () => {
    await current?.close()
    current = undefined
  }
  if (scope === 'each') {
    beforeEach(open)
    afterEach(close)
  } else {
    beforeAll(open)
    afterAll(close)
  }
  const get = () => {
    if (!current) throw new Error('The test database is only open inside tests and hooks.')
    return current
  }
  return {
    get db() {
      return get().db
    },
    get url() {
      return get().url
    },
  }
}
