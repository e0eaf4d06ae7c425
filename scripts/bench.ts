// npm run bench [-- --items N] [--runs N] [--events N] [--export-items N] [--snapshot-runs N] [--plan-runs N] [--plan-only] [--no-plan] [--no-item-page] [--no-exports] [--no-import] [--no-snapshots] [--no-dashboard] [--no-http] [--no-jobs] [--no-build] [--database postgres://...] [--no-throughput] [--throughput-seconds N] [--server-heap-mb N]
//
// First the real 80-item plan's exports and meeting pack (scripts/bench-plan.ts). Then times the portfolio list on a scratch SQLite database filled with generated items: first the
// query function itself (listItems), then the item page's loader calls over a history of
// generated events, comments and flags, then the exports (XLSX and CSV of --export-items items),
// then taking a snapshot and the "changes since" report (app/snapshots), then the JSON API
// through the built server. The database is
// a temp file made here and deleted at the end; DATABASE_URL is never read, so real data is safe.

import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { sql, type Kysely, type Updateable } from 'kysely'
import { databaseKind } from '../db/connect'
import { openBenchDatabase } from './bench-database'
import type { Database, ItemsTable } from '../db/schema'
import { fillHistory, fillItems } from './bench-data'
import { measureExportMemory, measureExports, printExportMemory, printExports } from './bench-exports'
import { measurePlan, printPlanTable } from './bench-plan'
import { measureImports, printImportTable } from './bench-import'
import { percentile, timeSamples } from './bench-timing'
import { measureThroughput } from './bench-throughput'
import { addBenchUser, signIn, startBenchServer } from './bench-server'
import { listItems } from '../app/portfolio/list.server'
import { parseListQuery, type ListQuery } from '../app/portfolio/list-query'
import { committedKusdOf, getItemByRef } from '../app/portfolio/items.server'
import { getItemWorkflow } from '../app/workflow/workflow.server'
import { getFlags } from '../app/cofinancing/cofinancing.server'
import { getComments, getMentionableNames } from '../app/comments/comments.server'
import type { Actor } from '../app/permissions/permissions'
import type { ItemView } from '../app/portfolio/item-view'
import { getItemPage } from '../app/item-page/item-page.server'
import { getActivity } from '../app/activity/activity.server'
import { ActivityQuery } from '../app/activity/query'
import { changesSince, getSnapshotItems, takeSnapshot } from '../app/snapshots/snapshots.server'
import { benchDashboard, publishQuarter } from './bench-dashboard'
import { measureSnapshotLock, printLockTable } from './bench-snapshot-lock'
import { measureJobs, printJobsTable } from './bench-jobs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

// ---------------------------------------------------------------------------------------------
// Options

function usage(message?: string): never {
  if (message) console.error(message)
  console.error(
    'usage: npm run bench -- [--items N] [--runs N] [--events N] [--http-runs N] [--export-items N] [--export-runs N] [--snapshot-runs N] [--plan-runs N] [--plan-only] [--no-plan] [--no-item-page] [--no-exports] [--no-import] [--no-snapshots] [--no-dashboard] [--no-http] [--no-jobs] [--no-build] [--database postgres://...] [--no-throughput] [--throughput-seconds N] [--server-heap-mb N]',
  )
  process.exit(2)
}

function parseArgs(argv: string[]) {
  const options = {
    items: 100_000,
    runs: 50,
    httpRuns: 30,
    events: 1_000_000,
    exportItems: 10_000,
    exportRuns: 10,
    snapshotRuns: 5,
    planRuns: 10,
    plan: true,
    planOnly: false,
    itemPage: true,
    exports: true,
    import: true,
    snapshots: true,
    dashboard: true,
    http: true,
    jobs: true,
    build: true,
    throughput: true,
    throughputSeconds: 10,
    serverHeapMb: 0,
    /** a PostgreSQL server to measure on instead of SQLite (a scratch database is made there) */
    database: null as string | null,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const count = () => {
      const value = Number(argv[++i])
      if (!Number.isInteger(value) || value < 1) usage(`${arg} needs a positive whole number`)
      return value
    }
    if (arg === '--items') options.items = count()
    else if (arg === '--runs') options.runs = count()
    else if (arg === '--http-runs') options.httpRuns = count()
    else if (arg === '--events') options.events = count()
    else if (arg === '--export-items') options.exportItems = count()
    else if (arg === '--export-runs') options.exportRuns = count()
    else if (arg === '--snapshot-runs') options.snapshotRuns = count()
    else if (arg === '--plan-runs') options.planRuns = count()
    else if (arg === '--plan-only') options.planOnly = true
    else if (arg === '--no-plan') options.plan = false
    else if (arg === '--no-snapshots') options.snapshots = false
    else if (arg === '--no-dashboard') options.dashboard = false
    else if (arg === '--no-item-page') options.itemPage = false
    else if (arg === '--no-exports') options.exports = false
    else if (arg === '--no-import') options.import = false
    else if (arg === '--no-http') options.http = false
    else if (arg === '--no-jobs') options.jobs = false
    else if (arg === '--database') {
      const url = argv[++i]
      if (!url || databaseKind(url) !== 'postgres') usage('--database needs a postgres://... URL')
      options.database = url
    } else if (arg === '--no-build') options.build = false
    else if (arg === '--no-throughput') options.throughput = false
    else if (arg === '--throughput-seconds') options.throughputSeconds = count()
    else if (arg === '--server-heap-mb') options.serverHeapMb = count()
    else if (arg === '--help' || arg === '-h') usage()
    else usage(`unknown option ${arg}`)
  }
  return options
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** The views people open most, as the URL parameters the table page and the API share. */
const VIEWS: Array<{ name: string; params: string }> = [
  { name: 'default view, page 1', params: '' },
  { name: 'default view, page 100', params: 'page=100' },
  { name: 'proposers KAZ,UZB by cost desc', params: 'proposers=KAZ,UZB&sort=-cost_usd_m' },
  { name: 'status + quadrant filter', params: 'status=approved,under_implementation&quadrant=quick_win' },
  { name: 'search "corridor"', params: 'q=corridor' },
  { name: 'search "铁路" (zh)', params: 'q=%E9%93%81%E8%B7%AF' },
  { name: 'search "铁路走" (zh, 3 characters)', params: `q=${encodeURIComponent('铁路走')}` },
  { name: 'search "коридор" (ru)', params: `q=${encodeURIComponent('коридор')}` },
  { name: 'sort by gap desc', params: 'sort=-gap_usd_m' },
  { name: 'sort by area', params: 'sort=area' },
  { name: 'sort by status desc', params: 'sort=-status' },
  { name: 'sort by start year, page 20', params: 'sort=start_year&page=20' },
  // Harder ones: a search finding one item, few matches spread over many groups, a deep page.
  { name: 'search one ref "-012345"', params: 'q=-012345' },
  { name: 'rare filters by area', params: 'proposers=REG&status=dropped&quadrant=reconsider&sort=area' },
  { name: 'modality filter by area, page 30', params: 'modalities=policy_dialogue&sort=area&page=30' },
]

/**
 * The partner-interest filter (live co-financing flags): timed after the history fill, which
 * adds the flags (about 10% of items), so only when the item page part runs.
 */
const INTEREST_VIEWS: Array<{ name: string; params: string }> = [
  { name: 'partner interest: any', params: 'interest=any' },
  { name: 'partner interest: none', params: 'interest=none' },
  { name: 'partner interest: none, page 100', params: 'interest=none&page=100' },
  { name: 'flagged by ADB or AIIB', params: 'interest_org=ADB&interest_org=AIIB' },
  { name: 'committed, by gap desc', params: 'interest_stage=committed&sort=-gap_usd_m' },
  {
    name: 'not flagged by ADB, KAZ, by area',
    params: 'interest=none&interest_org=ADB&proposers=KAZ&sort=area',
  },
  { name: 'any interest + search "corridor"', params: 'interest=any&q=corridor' },
]

function queryOf(params: string): ListQuery {
  const parsed = parseListQuery(new URLSearchParams(params))
  if (!parsed.ok) throw new Error(`bench view "${params}": ${JSON.stringify(parsed.problem)}`)
  return parsed.query
}

interface Figure {
  name: string
  rows: number
  total: number
  p50: number
  p95: number
}

async function time(
  name: string,
  runs: number,
  once: () => Promise<{ rows: number; total: number }>,
  /** run before each call, untimed */
  prepare?: () => Promise<void>,
): Promise<Figure> {
  let last = { rows: 0, total: 0 }
  for (let w = 0; w < 3; w++) last = await once()
  const samples: number[] = []
  for (let k = 0; k < runs; k++) {
    if (prepare) await prepare()
    const t0 = performance.now()
    await once()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  return { name, ...last, p50: percentile(samples, 50), p95: percentile(samples, 95) }
}

/** Columns as a terminal shows them: CJK characters take two. */
const displayWidth = (text: string) =>
  [...text].reduce(
    (n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(c) ? 2 : 1),
    0,
  )
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)))

/**
 * The text search target (issue 13): each search's p95 within 2x of the unfiltered first page's,
 * measured in the same run, so the machine's load cancels out.
 */
function printSearchRatios(figures: Figure[]): void {
  const first = figures.find((f) => f.name === 'default view, page 1')
  if (!first) return
  console.log('\nText search p95 / default view page 1 p95 (target: at most 2):')
  for (const f of figures.filter((f) => f.name.startsWith('search ')))
    console.log(`  ${pad(f.name, 58)} ${(f.p95 / first.p95).toFixed(2)}`)
}

function printTable(title: string, figures: Figure[]): void {
  const width = Math.max(...figures.map((f) => displayWidth(f.name)), 4)
  console.log(`\n${title}`)
  console.log(`| ${pad('view', width)} | matches | rows | p50 ms | p95 ms |`)
  console.log(`| ${'-'.repeat(width)} | ------: | ---: | -----: | -----: |`)
  for (const f of figures) {
    console.log(
      `| ${pad(f.name, width)} | ${String(f.total).padStart(7)} | ${String(f.rows).padStart(4)} | ${f.p50.toFixed(1).padStart(6)} | ${f.p95.toFixed(1).padStart(6)} |`,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Item page

interface PageFigure {
  name: string
  events: number
  comments: number
  flags: number
  p50: number
  p95: number
}

/** What the item page's loader (app/routes/items.$ref._index.tsx) reads: the same function. */
async function itemPageLoad(db: Kysely<Database>, actor: Actor, ref: string) {
  const page = await getItemPage(db, actor, ref)
  if (!page) throw new Error(`bench: no item ${ref}`)
  return page
}

const countComments = (threads: Array<{ replies: unknown[] }>) =>
  threads.reduce((n, t) => n + 1 + t.replies.length, 0)

async function measureItemPage(
  db: Kysely<Database>,
  actor: Actor,
  runs: number,
  busiest: string[],
): Promise<PageFigure[]> {
  const refs = (await db.selectFrom('items').select('ref').execute()).map((r) => r.ref)
  // A different random item on every call (seeded, so runs compare); the busiest: always the same one.
  let seed = 7
  const randomRef = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return refs[seed % refs.length]!
  }
  const busy = busiest[0]
  const series: Array<{ label: string; ref: () => string }> = [{ label: 'random items', ref: randomRef }]
  if (busy) series.push({ label: `busiest item ${busy}`, ref: () => busy })
  const views = new Map<string, ItemView>()
  const viewOf = async (ref: string) => {
    let view = views.get(ref)
    if (!view) views.set(ref, (view = (await getItemByRef(db, ref))!))
    return view
  }
  const mentionable = await getMentionableNames(db)
  const figures: PageFigure[] = []
  for (const { label, ref } of series) {
    const sizes = { events: 0, comments: 0, flags: 0, calls: 0 }
    const whole = await timeSamples(runs, async () => {
      const page = await itemPageLoad(db, actor, ref())
      sizes.events += page.workflow.history.length
      sizes.comments += countComments(page.comments)
      sizes.flags += page.flags.length
      sizes.calls++
    })
    const avg = (n: number) => Math.round((n / sizes.calls) * 10) / 10
    figures.push({
      name: `loader, ${label}`,
      events: avg(sizes.events),
      comments: avg(sizes.comments),
      flags: avg(sizes.flags),
      ...whole,
    })
    // Each call on its own (the item read before the clock starts), to see which one costs.
    const calls: Array<[string, (item: ItemView) => Promise<unknown>]> = [
      ['getItemByRef', (item) => getItemByRef(db, item.ref)],
      ['getItemWorkflow (history)', (item) => getItemWorkflow(db, actor, item)],
      ['getFlags', (item) => getFlags(db, item.id)],
      ['committedKusdOf', (item) => committedKusdOf(db, item.id)],
      ['getComments', (item) => getComments(db, actor, item.id, mentionable)],
      ['getMentionableNames', () => getMentionableNames(db)],
    ]
    for (const [name, call] of calls) {
      const pool: ItemView[] = []
      for (let k = 0; k < runs + 3; k++) pool.push(await viewOf(ref()))
      let next = 0
      const figure = await timeSamples(runs, async () => {
        await call(pool[next++ % pool.length]!)
      })
      figures.push({ name: `  ${name}`, events: -1, comments: -1, flags: -1, ...figure })
    }
  }
  return figures
}

function printPageTable(title: string, figures: PageFigure[]): void {
  const width = Math.max(...figures.map((f) => displayWidth(f.name)), 4)
  const cell = (n: number, w: number) =>
    (n < 0 ? '' : Number.isInteger(n) ? String(n) : n.toFixed(1)).padStart(w)
  console.log(`\n${title}`)
  console.log(`| ${pad('call', width)} | events | comments | flags | p50 ms | p95 ms |`)
  console.log(`| ${'-'.repeat(width)} | -----: | -------: | ----: | -----: | -----: |`)
  for (const f of figures) {
    console.log(
      `| ${pad(f.name, width)} | ${cell(f.events, 6)} | ${cell(f.comments, 8)} | ${cell(f.flags, 5)} | ${f.p50.toFixed(1).padStart(6)} | ${f.p95.toFixed(1).padStart(6)} |`,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Snapshots

interface SnapshotFigure {
  name: string
  items: number
  changes: string
  p50: number
  p95: number
  /** growth of the JS heap over the runs, MiB (a rough check that memory stays bounded) */
  heapMiB: number
}

/**
 * app/snapshots: taking a snapshot of every non-archived item, then, after changing about 4% of
 * the items (statuses, costs, scores, new co-financing interest, archiving some, restoring some
 * archived ones as new),
 * changes since that snapshot to now, and between it and a second snapshot.
 */
async function measureSnapshots(
  db: Kysely<Database>,
  userId: string,
  runs: number,
): Promise<SnapshotFigure[]> {
  const actor: Actor = { id: userId, role: 'secretariat', countries: [], organisation: null }
  const figures: SnapshotFigure[] = []
  const heap = () => process.memoryUsage().heapUsed / 2 ** 20
  const measure = async (name: string, once: () => Promise<{ items: number; changes: string }>) => {
    let last = await once()
    const h0 = heap()
    let peak = h0
    const timing = await timeSamples(
      runs,
      async () => {
        last = await once()
        peak = Math.max(peak, heap())
      },
      0,
    )
    figures.push({ name, ...last, ...timing, heapMiB: peak - h0 })
  }
  let first = ''
  await measure('takeSnapshot', async () => {
    const taken = await takeSnapshot(db, actor, `bench ${new Date().toISOString()}`)
    if (taken.kind !== 'taken') throw new Error(`bench snapshot: ${taken.kind}`)
    first ||= taken.id
    return { items: taken.itemCount, changes: '' }
  })
  // Change about 4% of the items, spread over the id order, in one transaction.
  const live = await db
    .selectFrom('items')
    .select(['id', 'cost_kusd', 'status', 'archived'])
    .orderBy('id')
    .execute()
  await db.transaction().execute(async (trx) => {
    const chunk = async (ids: string[], set: Updateable<ItemsTable>) => {
      for (let k = 0; k < ids.length; k += 500)
        await trx
          .updateTable('items')
          .set(set)
          .where('id', 'in', ids.slice(k, k + 500))
          .execute()
    }
    const pick = (every: number, offset: number, archived: number) =>
      live.filter((r, n) => n % every === offset && r.archived === archived).map((r) => r.id)
    await chunk(pick(100, 1, 0), { status: 'under_review' })
    await chunk(pick(100, 2, 0), { cost_kusd: 123_456, gap_kusd: 100_000 })
    await chunk(pick(100, 3, 0), {
      scores_count: 3,
      importance_median: 4,
      ease_median: 2.5,
      quadrant: 'strategic_phased',
    })
    await chunk(pick(200, 4, 0), { archived: 1 })
    await chunk(pick(5, 0, 1), { archived: 0 })
    const now = new Date().toISOString()
    const flagged = pick(100, 5, 0)
    for (let k = 0; k < flagged.length; k += 500) {
      await trx
        .insertInto('cofinancing_flags')
        .values(
          flagged.slice(k, k + 500).map((item_id) => ({
            id: randomUUID(),
            item_id,
            organisation: 'Bench Fund',
            user_id: userId,
            instrument: 'grant',
            amount_kusd: null,
            stage: 'interest',
            note: null,
            withdrawn: 0,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute()
    }
  })
  await measure('changesSince(snapshot, now)', async () => {
    const report = (await changesSince(db, first, 'now'))!
    return {
      items: report.itemCount.from,
      changes: Object.entries(report.counts)
        .map(([k, n]) => `${k} ${n}`)
        .join(', '),
    }
  })
  const second = await takeSnapshot(db, actor, 'bench, after the changes')
  if (second.kind !== 'taken') throw new Error(`bench snapshot: ${second.kind}`)
  await measure('changesSince(snapshot, snapshot)', async () => {
    const report = (await changesSince(db, first, second.id))!
    return {
      items: report.itemCount.from,
      changes: Object.entries(report.counts)
        .map(([k, n]) => `${k} ${n}`)
        .join(', '),
    }
  })
  await measure('getSnapshotItems (all)', async () => ({
    items: (await getSnapshotItems(db, first)).length,
    changes: '',
  }))
  return figures
}

/** Issue 4: "changes since" over 100,000 items in under 2 s. */
const CHANGES_SINCE_TARGET_MS = 2000

function printSnapshotTable(title: string, figures: SnapshotFigure[]): void {
  const width = Math.max(...figures.map((f) => displayWidth(f.name)), 4)
  console.log(`\n${title}`)
  console.log(`| ${pad('call', width)} |  items | p50 ms | p95 ms | p50 / 2 s | heap +MiB | changes |`)
  console.log(`| ${'-'.repeat(width)} | -----: | -----: | -----: | --------: | --------: | ------- |`)
  for (const f of figures) {
    const ofTarget = f.name.startsWith('changesSince')
      ? `${(f.p50 / CHANGES_SINCE_TARGET_MS).toFixed(2)} ${f.p50 < CHANGES_SINCE_TARGET_MS ? 'met' : 'NOT met'}`
      : '-'
    console.log(
      `| ${pad(f.name, width)} | ${String(f.items).padStart(6)} | ${f.p50.toFixed(0).padStart(6)} | ${f.p95.toFixed(0).padStart(6)} | ${ofTarget.padStart(9)} | ${f.heapMiB.toFixed(1).padStart(9)} | ${f.changes} |`,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

async function measureHttp(
  dbFile: string,
  db: Kysely<Database>,
  options: ReturnType<typeof parseArgs>,
  views: Array<{ name: string; params: string }>,
): Promise<Figure[] | string> {
  const routes = [['app/routes/api.v1.items.ts'], ['app/routes/login.tsx', 'app/routes/login.ts']]
  const missing = routes
    .filter((names) => !names.some((name) => fs.existsSync(path.join(ROOT, name))))
    .map((names) => names[0])
  if (missing.length) return `skipped: ${missing.join(', ')} not written yet`

  if (options.build) {
    // In place, like a deployment; with another server running from build/ (e2e tests), pass
    // --no-build after building yourself, or its pages would lose their assets mid-run.
    console.log('Building (npm run build)...')
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' })
    if (build.status !== 0)
      return `skipped: npm run build failed:\n${(build.stdout + build.stderr).slice(-2000)}`
  } else if (!fs.existsSync(path.join(ROOT, 'build/server/index.js'))) {
    return 'skipped: --no-build given but build/server/index.js is missing'
  }

  const email = 'bench@bench.invalid'
  const password = await addBenchUser(db, { email, name: 'Bench', role: 'viewer' })
  // --server-heap-mb: the server's V8 old-space limit, as `node --max-old-space-size=N` (docs/decisions/0039, 0046)
  const nodeArgs = options.serverHeapMb ? [`--max-old-space-size=${options.serverHeapMb}`] : []
  const server = await startBenchServer(dbFile, { nodeArgs })
  const { base, child } = server
  try {
    const cookie = await signIn(base, email, password)
    const figures: Figure[] = []
    for (const view of views) {
      const url = `${base}/api/v1/items${view.params ? `?${view.params}` : ''}`
      figures.push(
        await time(view.name, options.httpRuns, async () => {
          const res = await fetch(url, { headers: { cookie, accept: 'application/json' } })
          const text = await res.text()
          if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`)
          const body = JSON.parse(text) as { items?: unknown[]; total?: number }
          if (!Array.isArray(body.items) || typeof body.total !== 'number')
            throw new Error(`GET ${url}: no items and total in ${text.slice(0, 300)}`)
          return { rows: body.items.length, total: body.total }
        }),
      )
    }
    // 32 connections on /healthz, the list API and the HTML page (issue 13): scripts/bench-throughput.ts
    if (options.throughput)
      await measureThroughput({
        base,
        cookie,
        pid: child.pid!,
        connections: 32,
        seconds: options.throughputSeconds,
        runs: options.httpRuns,
      })
    return figures
  } finally {
    await server.stop()
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-bench-'))
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true })
  process.once('SIGINT', () => {
    cleanup()
    process.exit(130)
  })
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  if (options.plan || options.planOnly) {
    printPlanTable(
      `The real plan (db/data, 80 items), in process, ${options.planRuns} runs after the first (ms). Target: each under 3 s:`,
      await measurePlan(options.planRuns),
    )
    if (options.planOnly) return cleanup()
  }
  // Its own scratch databases (SQLite, or on --database's server) and processes
  // (scripts/bench-import.ts), before the 100,000 items.
  if (options.import) printImportTable(await measureImports(undefined, options.database))
  const started = performance.now()
  const bench = await openBenchDatabase(options.database, dir)
  const { db } = bench
  const dbFile = bench.url
  try {
    const userId = randomUUID()
    await db
      .insertInto('users')
      .values({
        id: userId,
        email: 'editor@bench.invalid',
        name: 'Bench editor',
        role: 'secretariat',
        organisation: null,
        password_hash: 'x',
        created_at: new Date().toISOString(),
      })
      .execute()
    await fillItems(db, options.items, userId)
    await bench.settle()
    const fillSeconds = (performance.now() - started) / 1000
    console.log(
      `Scratch ${bench.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database ${dbFile.replace(/\/\/[^@/]*@/, '//')}: ${options.items} items generated and inserted in ${fillSeconds.toFixed(1)} s.`,
    )

    const direct: Figure[] = []
    for (const view of VIEWS) {
      const query = queryOf(view.params)
      direct.push(
        await time(view.name, options.runs, async () => {
          const page = await listItems(db, query)
          return { rows: page.items.length, total: page.total }
        }),
      )
    }
    // A search's count is kept and brought up to date by the text changes since (decision 0050):
    // these runs edit one item's search text by plain SQL before each timed call, as any writer may.
    const editOneText = sql`update items set search_text = case when search_text like ${'%~'}
      then substr(search_text, 1, length(search_text) - 1) else search_text || ${'~'} end
      where ref = (select min(ref) from items)`
    for (const view of VIEWS.filter((v) => v.name.startsWith('search '))) {
      const query = queryOf(view.params)
      direct.push(
        await time(
          `${view.name}, after a text edit`,
          options.runs,
          async () => {
            const page = await listItems(db, query)
            return { rows: page.items.length, total: page.total }
          },
          async () => void (await editOneText.execute(db)),
        ),
      )
    }
    printTable(
      `listItems(db, query), ${options.items} items, ${options.runs} runs after 3 warm-up (ms):`,
      direct,
    )
    printSearchRatios(direct)

    if (options.itemPage) {
      const t0 = performance.now()
      const filled = await fillHistory(db, options.events)
      await bench.settle()
      console.log(
        `\n${filled.events} history rows, ${filled.comments} comments, ${filled.flags} co-financing flags (${filled.users} more users) generated and inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s; busiest items ${filled.busiest.join(', ')}.`,
      )
      const actor: Actor = { id: userId, role: 'secretariat', countries: [], organisation: null }
      const figures = await measureItemPage(db, actor, options.runs, filled.busiest)
      printPageTable(
        `Item page loader (items.$ref._index.tsx), ${options.items} items, ${filled.events} events, ${options.runs} runs after 3 warm-up (ms; events, comments, flags: average per call). Target: p95 under 30 ms:`,
        figures,
      )

      const activity: Figure[] = []
      const base = ActivityQuery.parse({})
      const newest = await getActivity(db, base)
      const cases: Array<[string, ActivityQuery]> = [
        ['activity, newest 50', base],
        ['activity, next page (cursor)', { ...base, before: newest.older ?? undefined }],
        ['activity, kind=transition', { ...base, kind: ['transition'] }],
        ['activity, proposers=KAZ', { ...base, proposers: ['KAZ'] }],
        ['activity, proposers=KAZ&kind=flag', { ...base, proposers: ['KAZ'], kind: ['flag'] }],
        [
          'activity, one pillar',
          {
            ...base,
            pillar: [(await db.selectFrom('pillars').select('name').executeTakeFirstOrThrow()).name],
          },
        ],
        ['activity, one day a year ago', { ...base, from: '2025-11-25', to: '2025-11-25' }],
      ]
      for (const [name, query] of cases) {
        activity.push(
          await time(name, options.runs, async () => ({
            rows: (await getActivity(db, query)).entries.length,
            total: -1,
          })),
        )
      }
      printTable(
        `Activity page (getActivity), ${filled.events} events, ${options.runs} runs after 3 warm-up (ms). Target: p95 under 30 ms:`,
        activity,
      )

      const interest: Figure[] = []
      for (const view of INTEREST_VIEWS) {
        const query = queryOf(view.params)
        interest.push(
          await time(view.name, options.runs, async () => {
            const page = await listItems(db, query)
            return { rows: page.items.length, total: page.total }
          }),
        )
      }
      printTable(
        `listItems with the partner-interest filter, ${options.items} items, ${filled.flags} flags, ${options.runs} runs after 3 warm-up (ms):`,
        interest,
      )
    }

    if (options.dashboard) {
      await publishQuarter(db)
      await benchDashboard(db, userId, options.items, options.runs)
    }

    if (options.exports) {
      printExports(
        `Exports (scripts/bench-exports.ts, to a byte counter), ${options.items} items, ${options.exportRuns} runs after 3 warm-up. Target: ${options.exportItems} rows of CSV in at most 300 ms, XLSX in at most 600 ms:`,
        await measureExports(db, options.exportItems, options.exportRuns),
      )
      printExportMemory(
        `Memory of a whole-register export (after a collection at each batch, above the start). Target: does not grow with the export's size:`,
        await measureExportMemory(db, [Math.ceil(options.items / 4), Number.MAX_SAFE_INTEGER]),
      )
    }

    if (options.snapshots) {
      const figures = await measureSnapshots(db, userId, options.snapshotRuns)
      printSnapshotTable(
        `Snapshots (app/snapshots), ${options.items} items, ${options.snapshotRuns} runs after 1 warm-up (ms). Target: changes since over 100,000 items under 2 s:`,
        figures,
      )
      if (bench.kind === 'sqlite')
        printLockTable(
          `Snapshot and SQLite's write lock, ${options.items} items: the longest wait of a writer probing every 2 ms (scripts/bench-snapshot-lock.ts). Target: at most 100 ms:`,
          await measureSnapshotLock(dbFile, db, userId),
        )
    }

    if (options.http) {
      const http = await measureHttp(
        dbFile,
        db,
        options,
        options.itemPage ? [...VIEWS, ...INTEREST_VIEWS] : VIEWS,
      )
      if (typeof http === 'string') console.log(`\nHTTP GET /api/v1/items: ${http}`)
      else
        printTable(
          `HTTP GET /api/v1/items (npm start's server, NODE_ENV=production), ${options.httpRuns} runs after 3 warm-up (ms):`,
          http,
        )
    }
    if (options.jobs)
      printJobsTable(
        `Requests while a big job runs (scripts/bench-jobs.ts: a snapshot of ${options.items} items in the server's job thread), ${options.httpRuns} runs with no job. Target: /healthz within 100 ms:`,
        fs.existsSync(path.join(ROOT, 'build/server/index.js'))
          ? await measureJobs(dbFile, db, options.httpRuns)
          : 'skipped: build/server/index.js is missing (npm run build)',
      )
    console.log(
      `\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}. Target: p95 under 30 ms per page of 50.`,
    )
  } finally {
    await bench.close()
    cleanup()
  }
}

await main()
