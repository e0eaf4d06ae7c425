import { configOrExit } from '../app/config.server'
import { restoreDatabase } from '../db/backup'
import { fail } from './cli'

// npm run db:restore -- FILE: a backup from `npm run db:backup` into the empty database named by
// DATABASE_URL, then migrated to this version (docs/operations.md, "Backups").

const file = process.argv[2]
if (!file || process.argv.length > 3) fail('Usage: npm run db:restore -- FILE')

const outcome = await restoreDatabase(configOrExit().DATABASE_URL, file)
switch (outcome.kind) {
  case 'restored':
    console.log(
      `Restored ${file}.${outcome.migrated.length ? ` Migrated: ${outcome.migrated.join(', ')}` : ' Its migrations are current.'}`,
    )
    break
  case 'no_file':
    fail(`${outcome.file} is not a file.`)
  case 'not_empty':
    fail(
      `Nothing was restored: the database named by DATABASE_URL is not empty (${outcome.tables} tables). Restore into a new, empty database (SQLite: a file name that does not exist yet; PostgreSQL: createdb NAME), then point DATABASE_URL at it.`,
    )
  case 'wrong_kind':
    fail(
      `${outcome.file} is not a ${outcome.expected === 'sqlite' ? 'SQLite' : 'pg_dump custom-format'} backup, which DATABASE_URL (${outcome.expected === 'sqlite' ? 'SQLite' : 'PostgreSQL'}) needs.`,
    )
  case 'tool_missing':
    fail(
      `pg_restore is not on PATH. Install PostgreSQL's client programs (the same major version as the dump's pg_dump or newer), or run:\n  ${outcome.command}`,
    )
  case 'failed':
    fail(`The restore failed: ${outcome.message}`)
}
