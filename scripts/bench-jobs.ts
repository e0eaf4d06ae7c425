import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { hashPassword } from '../app/auth/password.server'
import { enqueueJob } from '../app/jobs/queue.server'
import { percentile } from './bench-timing'

// `npm run bench` case "jobs" (issue 13, "Heavy work off the request path"): /healthz and the JSON
// list (GET /api/v1/items) timed on the built server with no job, then again while a big job runs
// in the server's job thread: a snapshot of every bench item (app/snapshots, decision 0042). Each
// figure is a p95 and its ratio to the same request's p95 with no job, measured in one run.

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export interface JobsFigure {
  request: string
  idleP95: number
  busyP95: number
  busySamples: number
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
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
  const password = randomUUID()
  const userId = randomUUID()
  await db
    .insertInto('users')
    .values({
      id: userId,
      email,
      name: 'Bench jobs',
      role: 'secretariat',
      organisation: null,
      password_hash: await hashPassword(password),
      created_at: new Date().toISOString(),
    })
    .execute()
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let output = ''
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/index.ts'], {
    cwd: ROOT,
    env: {
      // the server inherits the environment (PATH, locale) with the bench's own settings on top
      // eslint-disable-next-line no-restricted-properties
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      JOBS_IN_SERVER: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  try {
    const deadline = Date.now() + 30_000
    for (;;) {
      if (child.exitCode !== null) return `skipped: the server exited:\n${output.slice(-1500)}`
      if (Date.now() > deadline) return `skipped: the server did not answer within 30 s`
      try {
        await fetch(`${base}/healthz`)
        break
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
    const login = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password }),
    })
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('carec_session=') && c !== 'carec_session=')
    if (!cookie) return `skipped: POST /login answered ${login.status} without a session`
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
    child.kill('SIGTERM')
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))
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
