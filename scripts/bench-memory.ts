// A server's resident memory under the bench's load, on an existing database (issue 13: "at most
// 200 MB"), without generating the register again: what `npm run bench`'s HTTP part does (the
// list views, text searches among them, then 32 connections on /healthz, the list API and /items),
// on a copy of a bench database, with the server started as `npm start` starts it.
//
//   npx tsx scripts/bench-memory.ts FILE.db [--seconds N] [--env NAME=VALUE ...] [--node-arg ARG ...]
//
// --node-arg passes a flag to node itself (V8 flags NODE_OPTIONS refuses, such as
// --heap-growing-percent).
//
// The copy is made with SQLite's backup API (the original is not touched) and removed after.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { connect } from '../db/connect'
import { addBenchUser, signIn, startBenchServer } from './bench-server'
import { measureThroughput } from './bench-throughput'

const args = process.argv.slice(2)
const source = args[0]
if (!source || !fs.existsSync(source)) {
  console.error(
    'usage: npx tsx scripts/bench-memory.ts FILE.db [--seconds N] [--env NAME=VALUE ...] [--node-arg ARG ...]',
  )
  process.exit(2)
}
const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 10
const env: Record<string, string> = {}
const nodeArgs: string[] = []
args.forEach((arg, i) => {
  if (arg === '--node-arg') nodeArgs.push(args[i + 1]!)
  if (arg === '--env') {
    const [name, ...value] = args[i + 1]!.split('=')
    env[name!] = value.join('=')
  }
})

// The list views of scripts/bench.ts's HTTP part, in its order (text searches fill SQLite's cache).
const VIEWS = [
  '',
  'page=100',
  'proposers=KAZ,UZB&sort=-cost_usd_m',
  'status=approved,under_implementation&quadrant=quick_win',
  'q=corridor',
  'q=%E9%93%81%E8%B7%AF',
  `q=${encodeURIComponent('铁路走')}`,
  `q=${encodeURIComponent('коридор')}`,
  'sort=-gap_usd_m',
  'sort=area',
  'sort=-status',
  'sort=start_year&page=20',
  'q=-012345',
  'proposers=REG&status=dropped&quadrant=reconsider&sort=area',
]

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-bench-memory-'))
const file = path.join(dir, 'bench.db')
try {
  await new SQLite(source, { readonly: true }).backup(file)
  const db = connect(file)
  const email = `memory-${Date.now()}@bench.invalid`
  const password = await addBenchUser(db, { email, name: 'Bench', role: 'viewer' })
  await db.destroy()
  const server = await startBenchServer(file, { env, nodeArgs })
  try {
    const cookie = await signIn(server.base, email, password)
    for (const view of VIEWS)
      for (let k = 0; k < 13; k++) {
        const res = await fetch(`${server.base}/api/v1/items?${view}`, {
          headers: { cookie },
        })
        if (res.status !== 200) throw new Error(`GET /api/v1/items?${view} answered ${res.status}`)
        await res.arrayBuffer()
      }
    console.log(
      `load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; env ${JSON.stringify(env)}; node ${nodeArgs.join(' ')}`,
    )
    await measureThroughput({
      base: server.base,
      cookie,
      pid: server.child.pid!,
      connections: 32,
      seconds,
      runs: 10,
    })
    // The server's CPU time for a fixed amount of work (what the machine's load inflates least): a
    // heap limit that made V8 collect too often would show here first.
    const cpu = () => {
      const fields = fs.readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in ms (100 Hz)
    }
    const before = cpu()
    for (let k = 0; k < 25; k++)
      await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const res = await fetch(`${server.base}${i % 2 ? '/items' : '/api/v1/items'}`, {
            headers: { cookie },
          })
          await res.arrayBuffer()
        }),
      )
    console.log(
      `Server CPU for 100 /items and 100 /api/v1/items, 8 at a time: ${(cpu() - before).toFixed(0)} ms`,
    )
    // anonymous memory (heaps: V8's, malloc's, SQLite's cache) against mapped files (node itself)
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8')
    console.log(
      status
        .split('\n')
        .filter((l) => /^(RssAnon|RssFile|VmHWM|Threads)/.test(l))
        .join('; '),
    )
    const mappings = new Map<string, number>()
    let name = ''
    for (const line of fs.readFileSync(`/proc/${server.child.pid}/smaps`, 'utf8').split('\n')) {
      if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) name = line.split(/\s+/)[5] ?? ''
      else if (line.startsWith('Rss:'))
        mappings.set(name, (mappings.get(name) ?? 0) + Number(line.split(/\s+/)[1]))
    }
    const large = [...mappings].filter(([, kb]) => kb > 4096).sort((a, b) => b[1] - a[1])
    console.log(
      `Largest mappings: ${large.map(([n, kb]) => `${n || '(anonymous)'} ${(kb / 1024).toFixed(0)} MB`).join(', ')}`,
    )
  } finally {
    await server.stop()
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
