// Throughput of one server under 32 concurrent connections (issue 13), called by scripts/bench.ts
// with the built server it started and a signed-in session cookie.
//
// The load comes from Node's own http client with a keep-alive agent (one socket per connection,
// each sending its next request as soon as the last answer ends), not from a package: autocannon
// would do the same, and this way the bench needs nothing more installed. The client runs on the
// same machine as the server and takes CPU from it, alike for every URL, so only ratios measured in
// one run mean anything: each URL's requests per second over /healthz's, and the HTML page's
// server time over the same view's JSON (each timed on one idle connection, one request at a time).
// Memory is the server process's own: VmHWM (its peak resident set) and VmRSS from /proc.

import fs from 'node:fs'
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { percentile } from './bench-timing'

export interface ThroughputOptions {
  /** http://127.0.0.1:PORT */
  base: string
  /** carec_session=... */
  cookie: string
  /** the process `npm start` spawned (tsx's launcher); the server is its descendant */
  pid: number
  connections: number
  seconds: number
  /** sequential requests per URL for the server-time ratio */
  runs: number
}

interface Target {
  name: string
  path: string
  accept: string
  /** sent without the session cookie */
  signedOut?: boolean
}

const TARGETS: Target[] = [
  { name: 'GET /healthz', path: '/healthz', accept: 'application/json' },
  { name: 'GET /api/v1/items (page of 50)', path: '/api/v1/items', accept: 'application/json' },
  { name: 'GET /items (HTML)', path: '/items', accept: 'text/html' },
  // Not a target: the sign-in form, signed out, reads nothing from the database and shows a header
  // and two fields. What it costs is what any page costs here before its own work (Remix's
  // document render and route matching), the floor under the /items page's two ratios.
  { name: 'GET /login (HTML, signed out)', path: '/login', accept: 'text/html', signedOut: true },
]

interface Load {
  requests: number
  errors: number
  perSecond: number
  p50: number
  p95: number
}

/** Browsers ask for compressed answers, and the server compresses what is over 1 KB: so does the bench. */
function get(agent: http.Agent, url: URL, target: Target, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { accept: target.accept, 'accept-encoding': 'gzip, deflate, br' }
    const req = http.get(
      url,
      { agent, headers: target.signedOut ? headers : { ...headers, cookie } },
      (res) => {
        res.on('data', () => undefined)
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
  })
}

async function drive(options: ThroughputOptions, target: Target, seconds: number): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
  const url = new URL(target.path, options.base)
  const samples: number[] = []
  let errors = 0
  const started = performance.now()
  const deadline = started + seconds * 1000
  const connection = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now()
      const status = await get(agent, url, target, options.cookie)
      samples.push(performance.now() - t0)
      if (status !== 200) errors++
    }
  }
  await Promise.all(Array.from({ length: options.connections }, connection))
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  samples.sort((a, b) => a - b)
  return {
    requests: samples.length,
    errors,
    perSecond: samples.length / elapsed,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
  }
}

/** One request at a time on one connection: the time the server spends on one, as near as a client sees it. */
async function serverTime(options: ThroughputOptions, target: Target): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const url = new URL(target.path, options.base)
  const samples: number[] = []
  for (let k = 0; k < options.runs + 3; k++) {
    const t0 = performance.now()
    const status = await get(agent, url, target, options.cookie)
    if (status !== 200) throw new Error(`GET ${target.path} answered ${status}`)
    if (k >= 3) samples.push(performance.now() - t0)
  }
  agent.destroy()
  samples.sort((a, b) => a - b)
  return percentile(samples, 50)
}

/**
 * tsx's launcher starts the server as a child Node process, which starts esbuild's service: the
 * deepest descendant that runs this Node executable is the server.
 */
function serverPid(root: number): number {
  const parents = new Map<number, number>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      // the fields after the command's closing parenthesis: state, ppid, ...
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // the process ended while we looked
    }
  }
  const isNode = (pid: number) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/exe`) === fs.realpathSync(process.execPath)
    } catch {
      return false
    }
  }
  let found = root
  let level = [root]
  while (level.length) {
    level = [...parents].filter(([, parent]) => level.includes(parent)).map(([pid]) => pid)
    found = level.find(isNode) ?? found
  }
  return found
}

function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 }
  } catch {
    return null
  }
}

/** Drives each URL in turn and prints the table, the ratios the targets name, and the server's memory. */
export async function measureThroughput(options: ThroughputOptions): Promise<void> {
  const pid = serverPid(options.pid)
  const before = memoryOf(pid)
  const loads = new Map<string, Load>()
  for (const target of TARGETS) {
    // A short warm-up first: the first requests compile code paths and fill caches.
    await drive(options, target, Math.min(2, options.seconds))
    loads.set(target.name, await drive(options, target, options.seconds))
  }
  const times = new Map<string, number>()
  for (const target of TARGETS.slice(1)) times.set(target.name, await serverTime(options, target))
  const after = memoryOf(pid)

  console.log(
    `\nThroughput, ${options.connections} connections for ${options.seconds} s each, keep-alive, signed in (server pid ${pid}):`,
  )
  console.log('| URL | requests | errors | req/s | p50 ms | p95 ms | req/s / healthz |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
  const health = loads.get(TARGETS[0]!.name)!.perSecond
  for (const [name, load] of loads)
    console.log(
      `| ${name} | ${load.requests} | ${load.errors} | ${load.perSecond.toFixed(0)} | ${load.p50.toFixed(1)} | ${load.p95.toFixed(1)} | ${(load.perSecond / health).toFixed(3)} |`,
    )
  const [json, html, floor] = TARGETS.slice(1).map((t) => times.get(t.name)!)
  const [jsonLoad, htmlLoad, floorLoad] = TARGETS.slice(1).map((t) => loads.get(t.name)!)
  console.log(
    `List API req/s over /healthz's: ${(jsonLoad!.perSecond / health).toFixed(3)} (target: at least 0.5); HTML /items: ${(htmlLoad!.perSecond / health).toFixed(3)} (target: at least 0.25).`,
  )
  console.log(
    `Server time, one request at a time (p50 of ${options.runs}): JSON ${json!.toFixed(1)} ms, HTML ${html!.toFixed(1)} ms, HTML / JSON ${(html! / json!).toFixed(2)} (target: at most 2).`,
  )
  console.log(
    `The signed-out sign-in page, for reference (not a target): req/s over /healthz's ${(floorLoad!.perSecond / health).toFixed(3)}, server time ${floor!.toFixed(1)} ms, ${(floor! / json!).toFixed(2)} x the JSON's.`,
  )
  if (before && after)
    console.log(
      `Server resident memory: ${before.rssMb.toFixed(0)} MB before the load, ${after.rssMb.toFixed(0)} MB after, peak (VmHWM) ${after.hwmMb.toFixed(0)} MB (target: at most 200).`,
    )
  else console.log(`Server resident memory: /proc/${pid}/status could not be read.`)
}
