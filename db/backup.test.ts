import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkBackupUnderLoad } from '../tests/setup/backup-under-load'
import { useTestDb } from '../tests/setup/test-db'
import { backupDatabase, restoreDatabase } from './backup'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

describe('db:backup and db:restore on SQLite', () => {
  const source = useTestDb()
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-backup-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('copies a consistent state while another connection writes, and restores it row by row', async () => {
    await checkBackupUnderLoad({
      source,
      emptyUrl: path.join(dir, 'restored.db'),
      backupFile: path.join(dir, 'backup.db'),
    })
  })

  it('never overwrites a file, and restores only into an empty database, saying why not', async () => {
    const file = path.join(dir, 'backup.db')
    expect(await backupDatabase(source.url, file)).toMatchObject({ kind: 'written' })
    expect(await backupDatabase(source.url, file)).toEqual({ kind: 'file_exists', file })
    expect(await restoreDatabase(path.join(dir, 'new.db'), path.join(dir, 'none.db'))).toMatchObject({
      kind: 'no_file',
    })

    // the command line, as an operator would run it against the live database
    const restore = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/db-restore.ts', file], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: source.url },
      encoding: 'utf8',
    })
    expect(restore.status).toBe(1)
    expect(restore.stderr).toContain('Nothing was restored: the database named by DATABASE_URL is not empty')

    const notSqlite = path.join(dir, 'dump.pgdump')
    fs.writeFileSync(notSqlite, 'PGDMP and more')
    expect(await restoreDatabase(path.join(dir, 'new.db'), notSqlite)).toEqual({
      kind: 'wrong_kind',
      file: notSqlite,
      expected: 'sqlite',
    })
  })
})
