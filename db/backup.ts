import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { connect, databaseKind, migrateToLatest } from './connect'

// `npm run db:backup` and `npm run db:restore` (docs/operations.md, docs/decisions/0036).
// SQLite: the online backup API, which copies pages through SQLite itself, so what is still in
// the WAL is included and a write under way is either in the copy or not. A plain copy of the
// .db file misses the WAL. PostgreSQL: its own pg_dump / pg_restore (custom format), which read
// one consistent snapshot while the app keeps writing.

export type BackupOutcome =
  | { kind: 'written'; file: string; bytes: number }
  | { kind: 'file_exists'; file: string }
  | { kind: 'tool_missing'; tool: 'pg_dump'; command: string }
  | { kind: 'failed'; message: string }

export type RestoreOutcome =
  | { kind: 'restored'; migrated: string[] }
  | { kind: 'no_file'; file: string }
  | { kind: 'not_empty'; tables: number }
  | { kind: 'wrong_kind'; file: string; expected: 'sqlite' | 'postgres' }
  | { kind: 'tool_missing'; tool: 'pg_restore'; command: string }
  | { kind: 'failed'; message: string }

const SQLITE_MAGIC = 'SQLite format 3\0'
const PG_CUSTOM_MAGIC = 'PGDMP'

function sqlitePath(url: string): string {
  return url.startsWith('file:') ? url.slice('file:'.length) : url
}

function fileStartsWith(file: string, magic: string): boolean {
  const fd = fs.openSync(file, 'r')
  try {
    const head = Buffer.alloc(magic.length)
    fs.readSync(fd, head, 0, magic.length, 0)
    return head.toString('latin1') === magic
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * libpq's environment for a postgres:// URL, so pg_dump and pg_restore get the password without
 * it showing in the process list (`ps`) or in what we print.
 */
export function libpqEnv(url: string): Record<string, string> {
  const parsed = new URL(url)
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')),
    PGDATABASE: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  }
  if (parsed.port) env.PGPORT = parsed.port
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username)
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password)
  const sslmode = parsed.searchParams.get('sslmode')
  if (sslmode) env.PGSSLMODE = sslmode
  return env
}

function onPath(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0
}

const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

function run(tool: string, args: string[], url: string): Promise<{ ok: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tool, args, {
      // The child inherits the environment as it is (PATH, locale, libpq's own PG* settings such as
      // PGSSLROOTCERT): passed through, not read as a setting of ours.
      // eslint-disable-next-line no-restricted-properties
      env: { ...process.env, ...libpqEnv(url) },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', (error) => resolve({ ok: false, stderr: error.message }))
    child.on('close', (code) => resolve({ ok: code === 0, stderr: stderr.trim() }))
  })
}

/** A consistent copy of the database at `url` into `file`, a new file, while others may write. */
export async function backupDatabase(url: string, file: string): Promise<BackupOutcome> {
  if (fs.existsSync(file)) return { kind: 'file_exists', file }
  if (databaseKind(url) === 'postgres') {
    const args = ['--format=custom', `--file=${file}`]
    if (!onPath('pg_dump'))
      return {
        kind: 'tool_missing',
        tool: 'pg_dump',
        command: `pg_dump ${args.map(quoted).join(' ')} --dbname="$DATABASE_URL"`,
      }
    const done = await run('pg_dump', args, url)
    if (!done.ok) {
      fs.rmSync(file, { force: true })
      return { kind: 'failed', message: done.stderr }
    }
    return { kind: 'written', file, bytes: fs.statSync(file).size }
  }
  const source = new SQLite(sqlitePath(url), { fileMustExist: true, readonly: true })
  try {
    source.pragma('busy_timeout = 5000')
    // All pages in one step: SQLite restarts a stepwise backup whenever another connection writes,
    // so under a steady write load a copy of 100 pages at a time might never finish. One step reads
    // in one transaction, which in WAL mode does not block writers (docs/decisions/0036).
    await source.backup(file, { progress: () => 0x7fffffff })
    return { kind: 'written', file, bytes: fs.statSync(file).size }
  } catch (error) {
    fs.rmSync(file, { force: true })
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) }
  } finally {
    source.close()
  }
}

/** How many tables the database at `url` holds (0: empty, fit to restore into). */
export async function countTables(url: string): Promise<number> {
  if (databaseKind(url) === 'sqlite') {
    const file = sqlitePath(url)
    if (!fs.existsSync(file) || fs.statSync(file).size === 0) return 0
    const db = new SQLite(file, { readonly: true })
    try {
      const row = db
        .prepare(`select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
        .get() as { n: number }
      return row.n
    } finally {
      db.close()
    }
  }
  const db = connect(url)
  try {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')
    `.execute(db)
    return Number(rows[0]?.n ?? 0)
  } finally {
    await db.destroy()
  }
}

async function migrate(url: string): Promise<string[]> {
  const db = connect(url)
  try {
    const migrated = await migrateToLatest(db)
    // pg_restore leaves the planner without statistics: until autovacuum gets to it, pages are
    // several times slower (docs/operations.md, "After a bulk load").
    if (databaseKind(url) === 'postgres') await sql`analyze`.execute(db)
    return migrated
  } finally {
    await db.destroy()
  }
}

/**
 * Restores a backup made by backupDatabase into the database at `url`, which must be empty: a
 * restore never mixes with or replaces data already there. Then brings it up to the current
 * migrations (a backup from an older version is migrated as `npm start` would).
 */
export async function restoreDatabase(url: string, file: string): Promise<RestoreOutcome> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return { kind: 'no_file', file }
  const kind = databaseKind(url)
  if (!fileStartsWith(file, kind === 'sqlite' ? SQLITE_MAGIC : PG_CUSTOM_MAGIC))
    return { kind: 'wrong_kind', file, expected: kind }
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction']
  if (kind === 'postgres' && !onPath('pg_restore'))
    return {
      kind: 'tool_missing',
      tool: 'pg_restore',
      command: `pg_restore ${args.join(' ')} --dbname="$DATABASE_URL" ${quoted(file)}`,
    }
  try {
    const tables = await countTables(url)
    if (tables > 0) return { kind: 'not_empty', tables }
    if (kind === 'postgres') {
      const done = await run('pg_restore', [...args, `--dbname=${libpqEnv(url).PGDATABASE}`, file], url)
      if (!done.ok) return { kind: 'failed', message: done.stderr }
    } else {
      const target = path.resolve(sqlitePath(url))
      fs.mkdirSync(path.dirname(target), { recursive: true })
      const source = new SQLite(file, { fileMustExist: true, readonly: true })
      try {
        await source.backup(target, { progress: () => 0x7fffffff })
      } finally {
        source.close()
      }
    }
    return { kind: 'restored', migrated: await migrate(url) }
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) }
  }
}
