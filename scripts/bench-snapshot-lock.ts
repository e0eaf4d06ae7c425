import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import type { Kysely } from 'kysely'
import { connect } from '../db/connect'
import type { Database } from '../db/schema'
import type { Actor } from '../app/permissions/permissions'
import { takeSnapshot } from '../app/snapshots/snapshots.server'

// How long taking a snapshot keeps other writers out (issue 13: SQLite's write lock held at most
// 100 ms at a time). Measured from outside, as another writer feels it: a probe in a worker thread
// (its own connection, so the snapshot's synchronous SQLite work does not delay it) takes and
// releases the write lock (BEGIN IMMEDIATE; COMMIT) every 2 ms and records how long each wait
// lasted. busy_timeout is 0 and the probe retries every 0.2 ms, so SQLite's own backing-off
// sleeps (up to 100 ms) do not inflate the waits. The longest wait is the longest hold the probe
// met (a hold it met half way counts half): about the longest hold when there are many of them.

const PROBE = `
const { workerData, parentPort } = require('node:worker_threads')
const SQLite = require(workerData.sqlitePath)
const db = new SQLite(workerData.file)
db.pragma('busy_timeout = 0')
const stop = new Int32Array(workerData.stop)
const nap = new Int32Array(new SharedArrayBuffer(4))
let longest = 0, probes = 0, waited = 0
while (Atomics.load(stop, 0) === 0) {
  const t0 = performance.now()
  for (;;) {
    try { db.exec('begin immediate'); break } catch (e) {
      if (e.code !== 'SQLITE_BUSY') throw e
      Atomics.wait(nap, 0, 0, 0.2)
    }
  }
  const wait = performance.now() - t0
  db.exec('commit')
  probes++; if (wait > 1) waited++
  longest = Math.max(longest, wait)
  Atomics.wait(nap, 0, 0, 2)
}
db.close()
parentPort.postMessage({ longest, probes, waited })
`

export interface LockFigure {
  name: string
  items: number
  totalMs: number
  longestHoldMs: number
  probes: number
  /** probes that had to wait more than 1 ms */
  waited: number
}

async function probeWhile(file: string, work: () => Promise<number>) {
  const stop = new SharedArrayBuffer(4)
  const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(PROBE, { eval: true, workerData: { file, stop, sqlitePath } })
  const done = new Promise<{ longest: number; probes: number; waited: number }>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  await new Promise((resolve) => setTimeout(resolve, 50))
  const t0 = performance.now()
  const items = await work()
  const totalMs = performance.now() - t0
  Atomics.store(new Int32Array(stop), 0, 1)
  const probe = await done
  await worker.terminate()
  return { items, totalMs, longestHoldMs: probe.longest, probes: probe.probes, waited: probe.waited }
}

/** Takes a snapshot of the SQLite file `file` both ways and reports the longest lock hold of each. */
export async function measureSnapshotLock(
  file: string,
  db: Kysely<Database>,
  userId: string,
): Promise<LockFigure[]> {
  const actor: Actor = { id: userId, role: 'secretariat', countries: [], organisation: null }
  const take = async (options: Parameters<typeof takeSnapshot>[3]) => {
    const taken = await takeSnapshot(db, actor, `lock bench ${new Date().toISOString()}`, options)
    if (taken.kind !== 'taken') throw new Error(`bench snapshot: ${taken.kind}`)
    return taken.itemCount
  }
  const reader = connect(file)
  try {
    return [
      { name: 'one transaction (before)', ...(await probeWhile(file, () => take({}))) },
      { name: 'as the job takes it (reader + batches)', ...(await probeWhile(file, () => take({ reader }))) },
    ]
  } finally {
    await reader.destroy()
  }
}

export function printLockTable(title: string, figures: LockFigure[], targetMs = 100): void {
  console.log(`\n${title}`)
  console.log(
    '| snapshot taken | items | total ms | longest lock hold ms | / 100 ms target | probes (waited) |',
  )
  console.log(
    '| -------------- | ----: | -------: | -------------------: | --------------: | --------------: |',
  )
  for (const f of figures)
    console.log(
      `| ${f.name} | ${f.items} | ${f.totalMs.toFixed(0)} | ${f.longestHoldMs.toFixed(1)} | ${(f.longestHoldMs / targetMs).toFixed(2)} | ${f.probes} (${f.waited}) |`,
    )
}
