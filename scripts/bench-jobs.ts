import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { addBenchUser, signIn, startBenchServer, type BenchServer } from './bench-server'
import { enqueueJob } from '../app/jobs/queue.server'
import { percentile } from './bench-timing'

// `npm run bench` case "jobs" (issue 13, "Heavy work off the request path"): /healthz and the JSON
// list (GET /api/v1/items) timed on the built server with no job, then again while a big job runs
// in the server's job thread: a snapshot of every bench item (app/snapshots, decision 0042). Each
// figure is a p95 and its ratio to the same request's p95 with no job, measured in one run.

export interface JobsFigure {
  request: string
  idleP95: number
  busyP95: number
  busySamples: number
}

async function timed(url: string, cookie: string): Promise<number> {
  const t0 = performance.now()
  const res = await fetch(url, { headers: { cookie, accept: 'application/json' } })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`)
  return performance.now() - t0
}

const p95 = (samples: number[]) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    95,
  )

/**
 * Starts the built server on `databaseUrl` (a SQLite file or postgres://), signs in as a new
 * secretariat member, and measures. `runs`: samples per request with no job.
 */
export async function measureJobs(
  databaseUrl: string,
  db: Kysely<Database>,
  runs: number,
): Promise<JobsFigure[] | string> {
  const email = `jobs-${randomUUID()}@bench.invalid`
  const userId = randomUUID()
  const password = await addBenchUser(db, { id: userId, email, name: 'Bench jobs', role: 'secretariat' })
  let server: BenchServer
  let cookie: string
  try {
    server = await startBenchServer(databaseUrl, { env: { JOBS_IN_SERVER: '1' } })
    cookie = await signIn(server.base, email, password)
  } catch (error) {
    return `skipped: ${error instanceof Error ? error.message : String(error)}`
  }
  const base = server.base
  try {
    const urls = { '/healthz': `${base}/healthz`, 'GET /api/v1/items (page 1)': `${base}/api/v1/items` }
    const idle = new Map<string, number[]>()
    for (const [name, url] of Object.entries(urls)) {
      for (let w = 0; w < 3; w++) await timed(url, cookie)
      const samples: number[] = []
      for (let k = 0; k < runs; k++) samples.push(await timed(url, cookie))
      idle.set(name, samples)
    }
    // The job: queued as the snapshot page queues it; the server's job thread claims it.
    const jobId = await enqueueJob(db, { kind: 'snapshot', input: { name: 'bench: jobs case' }, userId })
    const state = async () =>
      (await db.selectFrom('jobs').select('state').where('id', '=', jobId).executeTakeFirstOrThrow()).state
    while ((await state()) === 'queued') await new Promise((resolve) => setTimeout(resolve, 20))
    const busy = new Map<string, number[]>(Object.keys(urls).map((name) => [name, []]))
    // Alternately, until the job ends: every sample is taken while it runs.
    while ((await state()) === 'running')
      for (const [name, url] of Object.entries(urls)) busy.get(name)!.push(await timed(url, cookie))
    if ((await state()) !== 'done') return `skipped: the snapshot job ended ${await state()}`
    return Object.keys(urls).map((request) => ({
      request,
      idleP95: p95(idle.get(request)!),
      busyP95: p95(busy.get(request)!),
      busySamples: busy.get(request)!.length,
    }))
  } finally {
    await server.stop()
  }
}

export function printJobsTable(title: string, figures: JobsFigure[] | string): void {
  if (typeof figures === 'string') return console.log(`\n${title}\n${figures}`)
  console.log(`\n${title}`)
  console.log('| request | p95 ms, no job | p95 ms, snapshot job running | ratio | samples while running |')
  console.log('| ------- | -------------: | ---------------------------: | ----: | --------------------: |')
  for (const f of figures)
    console.log(
      `| ${f.request} | ${f.idleP95.toFixed(1)} | ${f.busyP95.toFixed(1)} | ${(f.busyP95 / f.idleP95).toFixed(2)} | ${f.busySamples} |`,
    )
}
