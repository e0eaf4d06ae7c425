import { parentPort, workerData } from 'node:worker_threads'
import { connect } from '../db/connect'
import { newRunnerId, runJobs } from '../app/jobs/runner.server'

// The job runner in a worker thread of the app server (server/jobs-thread.ts starts it when a job
// is due): its own event loop and its own database connections, so a job's synchronous SQLite
// work never stops the server's thread from answering requests; it ends once no job has been due
// for `stopIdleMs`. docs/decisions/0035-background-jobs.md, 0046-server-memory.md

const { databaseUrl, stopIdleMs } = workerData as { databaseUrl: string; stopIdleMs?: number }
const db = connect(databaseUrl, { checkpointLater: true })
// progress and lease writes only: a few pages
const progressDb = connect(databaseUrl, { busyTimeoutMs: 0, cacheKiB: 1024, checkpointLater: true })
const readDb = connect(databaseUrl)
const stop = new AbortController()
parentPort?.on('message', (message) => {
  if (message === 'stop') stop.abort()
})
await runJobs({ id: newRunnerId('thread'), db, progressDb, readDb }, stop.signal, 500, stopIdleMs)
await Promise.all([db.destroy(), progressDb.destroy(), readDb.destroy()])
// tsx's loader keeps a port open; in a worker thread process.exit ends this thread only.
process.exit(0)
