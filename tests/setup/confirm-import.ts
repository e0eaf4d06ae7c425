// A confirmation run by a process of its own, as another app server (or the same one after a
// restart) would run the import_confirm job: nothing of the process that previewed is shared but
// the database. Prints the outcome as JSON.
//   tsx tests/setup/confirm-import.ts <database url> <actor JSON> <upload id> <digest> [--die-in-history]
// --die-in-history (SQLite only): the process kills itself (SIGKILL) as the import writes its
// first history row, after its first items are written, inside the write transaction: a server
// killed mid-import.

import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { connect } from '../../db/connect'
import type { Database } from '../../db/schema'
import { commitUpload } from '../../app/importer/uploads.server'
import type { Actor } from '../../app/permissions/permissions'

const [url, actorJson, uploadId, digest, flag] = process.argv.slice(2)
if (!url || !actorJson || !uploadId || !digest)
  throw new Error('usage: confirm-import.ts url actor upload digest')

function dyingDatabase(file: string): Kysely<Database> {
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  sqlite.function('die', () => process.kill(process.pid, 'SIGKILL'))
  // a temporary trigger: this connection's alone, gone with it
  sqlite.exec('create temp trigger die_in_history before insert on main.item_events begin select die(); end')
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
}

const db = flag === '--die-in-history' ? dyingDatabase(url) : connect(url)
try {
  const outcome = await commitUpload(db, JSON.parse(actorJson) as Actor, uploadId, digest)
  process.stdout.write(
    JSON.stringify(outcome.kind === 'done' ? { kind: 'done', planned: outcome.planned } : outcome),
  )
} finally {
  await db.destroy()
}
