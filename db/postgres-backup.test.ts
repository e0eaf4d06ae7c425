import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkBackupUnderLoad } from '../tests/setup/backup-under-load'
import { adminQuery, createPgTestDb, type PgTestDb } from '../tests/setup/pg-db'
import { backupDatabase, restoreDatabase } from './backup'
import { databaseKind } from './connect'

// db:backup and db:restore through pg_dump and pg_restore (installed with PostgreSQL; CI has
// them). Included only when TEST_DATABASE_URL_PG names a server (vite.config.ts).

const serverUrl = process.env.TEST_DATABASE_URL_PG
if (!serverUrl || databaseKind(serverUrl) !== 'postgres') {
  throw new Error('db/postgres-backup.test.ts needs TEST_DATABASE_URL_PG=postgres://...')
}

describe('db:backup and db:restore on PostgreSQL', () => {
  let source: PgTestDb
  let dir: string
  const empty = `carec_restore_${process.pid}_${randomBytes(4).toString('hex')}`
  const emptyUrl = () => Object.assign(new URL(serverUrl), { pathname: `/${empty}` }).toString()

  beforeAll(async () => {
    source = await createPgTestDb(serverUrl)
    await adminQuery(serverUrl, `create database ${empty}`)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-pg-backup-'))
  })
  afterAll(async () => {
    await source?.close()
    await adminQuery(serverUrl, `drop database if exists ${empty} with (force)`)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('dumps a consistent state while another connection writes, and restores it row by row', async () => {
    await checkBackupUnderLoad({ source, emptyUrl: emptyUrl(), backupFile: path.join(dir, 'backup.pgdump') })
  })

  it('restores only into an empty database, and never over a file', async () => {
    // its own dump, so this test runs alone too (vitest -t) and not only after the one above
    const file = path.join(dir, 'own.pgdump')
    expect(await backupDatabase(source.url, file)).toMatchObject({ kind: 'written', file })
    expect(await backupDatabase(source.url, file)).toEqual({ kind: 'file_exists', file })
    expect(await restoreDatabase(source.url, file)).toMatchObject({ kind: 'not_empty' })
  })
})
