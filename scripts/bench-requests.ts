// npx tsx scripts/bench-requests.ts [--items N] [--runs N] [--database postgres://...]
//
// Where a request's time goes, part by part, for the JSON list (GET /api/v1/items) and the HTML
// portfolio page (/items): the same server functions the routes call (the session check, the root
// loader's taxonomy names, unread count and flash message, the page loader's five reads, the JSON
// list's text), each run on its own and timed, with the SQL statements each one runs counted
// (better-sqlite3's statements and pg's queries are wrapped, so every query of every module is
// seen). Remix's routing and React's server render are not part of it. A scratch SQLite file in a
// temp folder, or with --database a scratch database on that PostgreSQL server (bench-database.ts);
// either is deleted at the end.

import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { openBenchDatabase } from './bench-database'
import { fillHistory, fillItems } from './bench-data'
import { percentile } from './bench-timing'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name)
  return at >= 0 ? Number(args[at + 1]) : fallback
}
const ITEMS = option('--items', 20_000)
const RUNS = option('--runs', 30)
const SERVER = args.includes('--database') ? args[args.indexOf('--database') + 1]! : null

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-requests-'))

// Every statement any module runs: counted, with its SQL, for the part running now. SQLite's
// prepared statements are kept and run again (db/statement-cache.ts), so runs are counted, not
// prepares; on PostgreSQL every statement is one query of pg's client.
let part = ''
const counts = new Map<string, number>()
const sqlOf = new Map<string, Set<string>>()
function counted(source: string) {
  if (!part) return
  counts.set(part, (counts.get(part) ?? 0) + 1)
  const seen = sqlOf.get(part) ?? new Set<string>()
  seen.add(source.replace(/\s+/g, ' ').slice(0, 140))
  sqlOf.set(part, seen)
}
const probe = new SQLite(':memory:')
const statementPrototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>
probe.close()
for (const method of ['all', 'get', 'run', 'iterate']) {
  const original = statementPrototype[method] as (...args: unknown[]) => unknown
  statementPrototype[method] = function (this: SQLite.Statement, ...args: unknown[]) {
    counted(this.source)
    return original.apply(this, args)
  }
}
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0]
  counted(typeof first === 'string' ? first : String((first as { text?: string }).text ?? ''))
  return query.apply(this, args)
} as typeof pg.Client.prototype.query

async function main() {
  const bench = await openBenchDatabase(SERVER, dir)
  // The app's own modules open the database named here (getDb, through config.server).
  // eslint-disable-next-line no-restricted-properties -- a script choosing its scratch database
  process.env.DATABASE_URL = bench.url
  const setup = bench.db
  const started = performance.now()
  const userId = randomUUID()
  await setup
    .insertInto('users')
    .values({
      id: userId,
      email: 'bench@bench.invalid',
      name: 'Bench',
      role: 'viewer',
      organisation: null,
      password_hash: 'x',
      created_at: new Date().toISOString(),
    })
    .execute()
  await fillItems(setup, ITEMS, null)
  // Flags (the filter panel's organisations read them) and notifications' neighbours: a small history.
  await fillHistory(setup, ITEMS * 2)
  await bench.settle()
  console.log(
    `${ITEMS} items filled in ${((performance.now() - started) / 1000).toFixed(1)} s (${bench.kind})`,
  )

  const { getDb } = await import('../app/db.server')
  const { getUser } = await import('../app/auth/session.server')
  const { createSession } = await import('../app/auth/sessions.server')
  const { getTaxonomyNames } = await import('../app/portfolio/taxonomy-names.server')
  const { unreadCount } = await import('../app/notifications/inbox.server')
  const { takeFlash } = await import('../app/feedback/flash.server')
  const { listTableRows } = await import('../app/portfolio/table-rows.server')
  const { apiItemsJson } = await import('../app/api/items.server')
  const { parseListQuery } = await import('../app/portfolio/list-query')
  const { getTaxonomy } = await import('../app/portfolio/taxonomy.server')
  const { flagOrganisations } = await import('../app/cofinancing/cofinancing.server')
  const { bulkOptions } = await import('../app/bulk/bulk.server')
  const { listViews } = await import('../app/views/views.server')

  const db = await getDb()
  const { token } = await createSession(db, userId, 'bench')
  const request = new Request('http://localhost/items', { headers: { cookie: `carec_session=${token}` } })
  const user = await getUser(request)
  if (!user) throw new Error('the bench session was not accepted')
  const query = parseListQuery(new URLSearchParams(''), ['cols'])
  if (!query.ok) throw new Error('bad query')

  // in the order a request runs them: the session (both), the root loader's reads (the page),
  // the page loader's five (app/routes/items._index.tsx), the JSON list's text (api.v1.items.ts)
  const parts: Array<[string, () => Promise<unknown>]> = [
    ['session (getUser)', () => getUser(request)],
    ['root: taxonomy names', () => getTaxonomyNames(db, 'en')],
    ['root: unread count', () => unreadCount(db, userId)],
    ['root: flash message', () => takeFlash(db, request)],
    ['page: table rows (listTableRows)', () => listTableRows(db, query.query, 'en')],
    ['page: taxonomy', () => getTaxonomy(db)],
    ['page: organisations', () => flagOrganisations(db)],
    ['page: bulk options', () => bulkOptions(db, user)],
    ['page: saved views', () => listViews(db, user)],
    ['JSON list (apiItemsJson)', () => apiItemsJson(db, query.query)],
  ]
  const rows: string[] = []
  for (const [name, run] of parts) {
    for (let i = 0; i < 3; i++) await run()
    const samples: number[] = []
    counts.set(name, 0)
    for (let i = 0; i < RUNS; i++) {
      // each run in a turn of its own, as requests are: the session's look-up is shared within a
      // turn (app/auth/same-moment.server.ts)
      await new Promise((resolve) => setImmediate(resolve))
      part = name
      const t = performance.now()
      await run()
      samples.push(performance.now() - t)
      part = ''
    }
    samples.sort((a, b) => a - b)
    const perCall = (counts.get(name) ?? 0) / RUNS
    rows.push(
      `| ${name} | ${perCall.toFixed(1)} | ${percentile(samples, 50).toFixed(2)} | ${percentile(samples, 95).toFixed(2)} |`,
    )
  }
  console.log('\n| part | statements per call | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |')
  for (const row of rows) console.log(row)
  console.log('\nStatements per part:')
  for (const [name, seen] of sqlOf) console.log(`- ${name}:\n    ${[...seen].join('\n    ')}`)
  await db.destroy()
  await bench.close()
}

main()
  .catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }))
