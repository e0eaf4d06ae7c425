// npx tsx scripts/bench-requests.ts [--items N] [--runs N]
//
// Where a request's time goes, part by part, for the JSON list (GET /api/v1/items) and the HTML
// portfolio page (/items): the same server functions the routes call (session check, root
// loader's taxonomy names and unread count, the list, the filter panel's taxonomy and
// organisations), each run on its own and timed, with the SQL statements each one prepares
// counted (better-sqlite3's prepare is wrapped, so every query of every module is seen). React's
// server render is not part of it. A scratch SQLite file in a temp folder; deleted at the end.

import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import SQLite from 'better-sqlite3'
import { connect, migrateToLatest } from '../db/connect'
import { fillHistory, fillItems } from './bench-data'
import { percentile } from './bench-timing'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name)
  return at >= 0 ? Number(args[at + 1]) : fallback
}
const ITEMS = option('--items', 20_000)
const RUNS = option('--runs', 30)

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-requests-'))
const file = path.join(dir, 'bench.sqlite')
// The app's own modules open the database named here (getDb, through config.server).
// eslint-disable-next-line no-restricted-properties -- a script choosing its scratch database
process.env.DATABASE_URL = file

// Every statement any module runs goes through prepare(): count them for the part running now.
let part = ''
const counts = new Map<string, number>()
const sqlOf = new Map<string, Set<string>>()
const prepare = SQLite.prototype.prepare
SQLite.prototype.prepare = function (this: SQLite.Database, source: string) {
  if (part) {
    counts.set(part, (counts.get(part) ?? 0) + 1)
    const seen = sqlOf.get(part) ?? new Set<string>()
    seen.add(source.slice(0, 140))
    sqlOf.set(part, seen)
  }
  return prepare.call(this, source)
} as typeof SQLite.prototype.prepare

async function main() {
  const setup = connect(file)
  await migrateToLatest(setup)
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
  console.log(`${ITEMS} items filled in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  await setup.destroy()

  const { getDb } = await import('../app/db.server')
  const { getUser } = await import('../app/auth/session.server')
  const { createSession } = await import('../app/auth/sessions.server')
  const { getTaxonomyNames } = await import('../app/portfolio/taxonomy-names.server')
  const { unreadCount } = await import('../app/notifications/inbox.server')
  const { listItems } = await import('../app/portfolio/list.server')
  const { parseListQuery } = await import('../app/portfolio/list-query')
  const { getTaxonomy } = await import('../app/portfolio/taxonomy.server')
  const { flagOrganisations } = await import('../app/cofinancing/cofinancing.server')
  const { toApiItem } = await import('../app/portfolio/item-view')

  const db = await getDb()
  const { token } = await createSession(db, userId, 'bench')
  const request = new Request('http://localhost/items', { headers: { cookie: `carec_session=${token}` } })
  const user = await getUser(request)
  if (!user) throw new Error('the bench session was not accepted')
  const query = parseListQuery(new URLSearchParams(''), ['cols'])
  if (!query.ok) throw new Error('bad query')

  const parts: Array<[string, () => Promise<unknown>]> = [
    ['session (getUser)', () => getUser(request)],
    ['root: taxonomy names', () => getTaxonomyNames(db, 'en')],
    ['root: unread count', () => unreadCount(db, userId)],
    ['list page (listItems)', () => listItems(db, query.query)],
    [
      'JSON body (toApiItem, stringify)',
      async () => JSON.stringify((await listItems(db, query.query)).items.map(toApiItem)),
    ],
    ['filter panel: taxonomy', () => getTaxonomy(db)],
    ['filter panel: organisations', () => flagOrganisations(db)],
  ]
  const rows: string[] = []
  for (const [name, run] of parts) {
    for (let i = 0; i < 3; i++) await run()
    const samples: number[] = []
    counts.set(name, 0)
    for (let i = 0; i < RUNS; i++) {
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
}

main()
  .catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }))
