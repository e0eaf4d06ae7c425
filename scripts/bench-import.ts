// The import part of `npm run bench` (issue 13: "Import: 10,000 rows in at most 3 s end to end,
// memory bounded whatever the file's size"). For each size, a process of its own (so its peak
// memory is the import's alone) makes a scratch SQLite database, generates an interchange CSV
// (bench-import-data.ts) and imports it through the browser's functions, which the background
// jobs and the CLI share: saveUpload, previewUpload (the import_preview job), commitUpload (the
// import_confirm job). Meanwhile a second process keeps trying to write (BEGIN IMMEDIATE; COMMIT
// every 2 ms) and records its longest wait: how long the import held SQLite's write lock, as any
// other writer saw it. Then the JSON list page's query on the imported register, for the ratio,
// with the planner's statistics the import refreshed and without them.
// With `--database postgres://...` (npm run bench passes its own) each size gets a scratch database
// on that server instead (scripts/bench-database.ts): no write-lock probe (PostgreSQL locks rows, not
// the database), and the check that the import ended with ANALYZE (issue 13: "big imports end with
// the database's own statistics refresh") reads pg_stat_user_tables.last_analyze of `items`.
//
// Alone: npx tsx scripts/bench-import.ts [--rows 10000,18000] [--database postgres://...] [--xlsx]
// (--xlsx: the same rows as an exceljs-written workbook, bench-import-data.ts's generatedXlsx)

import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { checkpointLog, connect, migrateToLatest } from '../db/connect'
import { openBenchDatabase } from './bench-database'
import { commitUpload, previewUpload, saveUpload } from '../app/importer/uploads.server'
import { listItems } from '../app/portfolio/list.server'
import { parseListQuery } from '../app/portfolio/list-query'
import { actorOf } from '../app/permissions/permissions'
import { RUNNER_HEAP } from '../server/jobs-thread'
import { startNodeFlags } from './bench-server'
import { generatedCsv, generatedXlsx } from './bench-import-data'
import { timeSamples } from './bench-timing'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SELF = fileURLToPath(import.meta.url)

/** 10,000 rows (the target) and the largest generated file within the 10 MB upload limit. */
export const IMPORT_SIZES = [10_000, 18_000]

export interface ImportFigure {
  rows: number
  fileMiB: number
  created: number
  previewMs: number
  confirmMs: number
  totalMs: number
  /** the importing process's CPU time in both: what the machine's load does not inflate */
  cpuMs: number
  /** of which the upload and preview's, and the confirmation's */
  previewCpuMs: number
  confirmCpuMs: number
  /** the runner's work after each answer: the statistics refresh (0069), the checkpoints (SQLite's log copied into the file); not in totalMs */
  checkpointMs: number
  /** the longest time another writer waited during the confirmation (SQLite only: NaN on PostgreSQL) */
  lockWaitMs: number | null
  kind: 'sqlite' | 'postgres'
  /** PostgreSQL: the import's own ANALYZE of `items` was seen (last_analyze set after the confirm) */
  analyzed: boolean | null
  /** the process's peak resident memory, and what it held before the import began */
  peakMiB: number
  baseMiB: number
  listMs: number
  listNoStatsMs: number
}

const MiB = 2 ** 20

/** The other writer: tries a write transaction every 2 ms; prints its longest wait when stopped. */
const PROBE = `
const Database = require('better-sqlite3')
const db = new Database(process.argv[1])
db.pragma('busy_timeout = 600000')
let longest = 0, tries = 0
const once = () => {
  const t0 = performance.now()
  db.exec('BEGIN IMMEDIATE'); db.exec('COMMIT')
  longest = Math.max(longest, performance.now() - t0); tries++
  timer = setTimeout(once, 2)
}
let timer = setTimeout(once, 2)
process.on('SIGTERM', () => { clearTimeout(timer); process.stdout.write(JSON.stringify({ longest, tries })); process.exit(0) })
process.stdout.write('ready\\n')
`

function startProbe(file: string): Promise<{ stop: () => Promise<{ longest: number; tries: number }> }> {
  const child = spawn(process.execPath, ['-e', PROBE, file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve) => {
    const ready = () => {
      if (!out.startsWith('ready\n')) return void setTimeout(ready, 5)
      resolve({
        stop: () =>
          new Promise((done) => {
            child.once('exit', () =>
              done(JSON.parse(out.slice('ready\n'.length)) as { longest: number; tries: number }),
            )
            child.kill('SIGTERM')
          }),
      })
    }
    ready()
  })
}

/** One size, in this process, reading the file the parent wrote: what the child prints. */
async function measureOne(rows: number, csvFile: string, server: string | null): Promise<ImportFigure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-bench-import-'))
  const file = path.join(dir, 'import.db')
  const bench = server ? await openBenchDatabase(server, dir) : null
  // opened as the job runner's connection is (server/jobs-worker.ts): its commits leave SQLite's
  // log to the runner's checkpoint after the job's result is recorded (decision 0063), timed apart
  const db = bench?.db ?? connect(file, { checkpointLater: true })
  const url = bench?.url ?? file
  try {
    if (!bench) await migrateToLatest(db)
    const user = actorOf({ id: randomUUID(), role: 'secretariat', organisation: null }, [])
    await db
      .insertInto('users')
      .values({
        id: user.id,
        email: 'import@bench.invalid',
        name: 'Bench importer',
        role: 'secretariat',
        organisation: null,
        password_hash: 'x',
        created_at: new Date().toISOString(),
      })
      .execute()
    // The file was generated by the parent, so this process's peak is the import's, not the
    // generator's: what it holds is the file's bytes, as a server holds an upload.
    let bytes: Uint8Array | null = fs.readFileSync(csvFile)
    const fileMiB = bytes.byteLength / MiB
    global.gc?.()
    const baseMiB = process.memoryUsage().rss / MiB
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    const saved = await saveUpload(db, user, path.basename(csvFile), bytes)
    bytes = null
    if (!saved.ok) throw new Error(`upload refused: ${JSON.stringify(saved.error)}`)
    const preview = await previewUpload(db, user, saved.id)
    if (preview.kind !== 'ready') throw new Error(`preview: ${JSON.stringify(preview).slice(0, 500)}`)
    const t1 = performance.now()
    const c1 = process.cpuUsage(c0)
    await checkpointLog(db) // the runner's, after the preview job's answer
    const previewCheckpointMs = performance.now() - t1
    const probe = bench ? null : await startProbe(file)
    const t2 = performance.now()
    const c2 = process.cpuUsage()
    // the statistics refresh handed on, as the job runner does, until after the answer (0069)
    const afterwards: Array<() => Promise<void>> = []
    const outcome = await commitUpload(db, user, saved.id, preview.digest, false, undefined, async (task) => {
      afterwards.push(task)
    })
    const t3 = performance.now()
    const c3 = process.cpuUsage(c2)
    const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000
    const t4 = performance.now()
    for (const task of afterwards) await task()
    await checkpointLog(db)
    const checkpointMs = previewCheckpointMs + performance.now() - t4
    const longest = probe ? (await probe.stop()).longest : null
    if (outcome.kind !== 'done') throw new Error(`confirm: ${outcome.kind}`)
    // Nothing but the import wrote to this scratch database, and autovacuum's analyses are
    // last_autoanalyze: a last_analyze after t2 is the import's refreshStatistics.
    const analyzed = bench
      ? await sql<{
          at: Date | null
        }>`select last_analyze as at from pg_stat_user_tables where relname = 'items'`
          .execute(db)
          .then((r) => (r.rows[0]?.at ?? null) !== null)
      : null
    const peakMiB = (process.resourceUsage().maxRSS * 1024) / MiB
    const parsed = parseListQuery(new URLSearchParams(''))
    if (!parsed.ok) throw new Error('list query')
    // The page on a fresh connection (which loads the statistics the import refreshed), then on
    // another after they are deleted.
    const pageMs = async () => {
      const reader = connect(url)
      const ms = (await timeSamples(30, async () => void (await listItems(reader, parsed.query)))).p50
      await reader.destroy()
      return ms
    }
    const listMs = await pageMs()
    // PostgreSQL: the statistics of the import's tables go (a superuser's scratch cluster only;
    // elsewhere the delete is refused and "no stats" is the same figure again).
    if (bench)
      await sql`delete from pg_statistic where starelid in (select relid from pg_stat_user_tables)`
        .execute(db)
        .catch(() => undefined)
    else await sql`delete from sqlite_stat1`.execute(db).catch(() => undefined)
    const bareMs = await pageMs()
    return {
      rows,
      fileMiB,
      created: outcome.summary.created.length,
      previewMs: t1 - t0,
      confirmMs: t3 - t2,
      totalMs: t1 - t0 + (t3 - t2),
      cpuMs: cpuMs(c1) + cpuMs(c3),
      previewCpuMs: cpuMs(c1),
      confirmCpuMs: cpuMs(c3),
      checkpointMs,
      lockWaitMs: longest,
      kind: bench ? 'postgres' : 'sqlite',
      analyzed,
      peakMiB,
      baseMiB,
      listMs,
      listNoStatsMs: bareMs,
    }
  } finally {
    if (bench) await bench.close()
    else await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The V8 heap an import has in production: the job runner thread's (server/jobs-thread.ts), as
 * process flags (a young generation is three semi-spaces), with `npm start`'s other V8 flags (its
 * heap growing factor applies to every thread).
 */
const RUNNER_FLAGS = [
  ...startNodeFlags().filter((flag) => !/^--max-(old|semi)-space-size=/.test(flag)),
  `--max-old-space-size=${RUNNER_HEAP.maxOldGenerationSizeMb}`,
  `--max-semi-space-size=${Math.round(RUNNER_HEAP.maxYoungGenerationSizeMb / 3)}`,
]

/** Each size in a process of its own (tsx, as npm run bench runs), one after the other. */
export async function measureImports(
  sizes: readonly number[] = IMPORT_SIZES,
  server: string | null = null,
  format: 'csv' | 'xlsx' = 'csv',
): Promise<ImportFigure[]> {
  const figures: ImportFigure[] = []
  for (const rows of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-bench-import-file-'))
    const csvFile = path.join(dir, `bench.${format}`)
    fs.writeFileSync(csvFile, format === 'csv' ? generatedCsv(rows) : await generatedXlsx(rows))
    const run = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        ...RUNNER_FLAGS,
        '--import',
        'tsx',
        SELF,
        '--child',
        String(rows),
        csvFile,
        ...(server ? ['--database', server] : []),
      ],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * MiB },
    )
    fs.rmSync(dir, { recursive: true, force: true })
    const line = run.stdout.trim().split('\n').at(-1) ?? ''
    if (run.status !== 0 || !line.startsWith('{')) throw new Error(`import bench for ${rows} rows failed`)
    figures.push(JSON.parse(line) as ImportFigure)
  }
  return figures
}

export function printImportTable(figures: readonly ImportFigure[], format: 'csv' | 'xlsx' = 'csv'): void {
  const postgres = figures[0]?.kind === 'postgres'
  console.log(
    `\nImport of a generated interchange ${format === 'csv' ? 'CSV' : 'XLSX'} (upload, preview, confirm: the browser's and the jobs' functions), a fresh ${postgres ? 'PostgreSQL' : 'SQLite'} database per size, a process per size (ms). Target: 10,000 rows in at most 3 s, memory bounded:`,
  )
  if (postgres)
    console.log(
      `(no write-lock probe on PostgreSQL; the import's own ANALYZE of items seen: ${figures.map((f) => `${f.rows} rows ${f.analyzed ? 'yes' : 'NO'}`).join(', ')})`,
    )
  console.log(
    '|   rows |  MiB | preview ms | confirm ms | total ms | CPU ms (preview + confirm) | then statistics, checkpoint ms | x list page | longest write-lock wait ms | peak RSS MiB (before) | list page ms (no stats) |',
  )
  console.log(
    '| -----: | ---: | ---------: | ---------: | -------: | -------------------------: | -----------------: | ----------: | -------------------------: | -------------------: | ----------------------: |',
  )
  for (const f of figures)
    console.log(
      `| ${String(f.rows).padStart(6)} | ${f.fileMiB.toFixed(1).padStart(4)} | ${f.previewMs.toFixed(0).padStart(10)} | ${f.confirmMs.toFixed(0).padStart(10)} | ${f.totalMs.toFixed(0).padStart(8)} | ${`${f.cpuMs.toFixed(0)} (${f.previewCpuMs.toFixed(0)} + ${f.confirmCpuMs.toFixed(0)})`.padStart(26)} | ${f.checkpointMs.toFixed(0).padStart(30)} | ${(f.totalMs / f.listMs).toFixed(0).padStart(11)} | ${(f.lockWaitMs === null ? 'n/a' : f.lockWaitMs.toFixed(0)).padStart(26)} | ${`${f.peakMiB.toFixed(0)} (${f.baseMiB.toFixed(0)})`.padStart(20)} | ${`${f.listMs.toFixed(1)} (${f.listNoStatsMs.toFixed(1)})`.padStart(23)} |`,
    )
}

const args = process.argv.slice(2)
const serverAt = args.indexOf('--database')
const server = serverAt >= 0 ? (args[serverAt + 1] ?? null) : null
if (args[0] === '--child') {
  console.log(JSON.stringify(await measureOne(Number(args[1]), args[2]!, server)))
} else if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const at = args.indexOf('--rows')
  const sizes = at >= 0 ? args[at + 1]!.split(',').map(Number) : IMPORT_SIZES
  console.log(
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  const format = args.includes('--xlsx') ? 'xlsx' : 'csv'
  printImportTable(await measureImports(sizes, server, format), format)
}
