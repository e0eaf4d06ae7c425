import { configOrExit } from '../app/config.server'
import { backupDatabase } from '../db/backup'
import { fail } from './cli'

// npm run db:backup -- FILE: a consistent copy of DATABASE_URL while the app keeps running
// (docs/operations.md, "Backups").

const file = process.argv[2]
if (!file || process.argv.length > 3) fail('Usage: npm run db:backup -- FILE (a new file)')

const outcome = await backupDatabase(configOrExit().DATABASE_URL, file)
switch (outcome.kind) {
  case 'written':
    console.log(`Backup written: ${outcome.file} (${outcome.bytes} bytes)`)
    break
  case 'file_exists':
    fail(`${outcome.file} exists already; give a new file name (a backup never overwrites one).`)
  case 'tool_missing':
    fail(
      `pg_dump is not on PATH. Install PostgreSQL's client programs (the same major version as the server or newer), or run:\n  ${outcome.command}`,
    )
  case 'failed':
    fail(`The backup failed, nothing was written: ${outcome.message}`)
}
