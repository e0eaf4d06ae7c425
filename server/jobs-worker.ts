import { parentPort, workerData } from 'node:worker_threads'
import { connect } from '../db/connect'
import { newRunnerId, runJobs } from '../app/jobs/runner.server'

// The job runner in a worker thread of the app server (server/jobs-thread.ts starts it): its own
// event loop and its own database connections, so a job's synchronous SQLite work never stops
// the server's thread from answering requests. docs/decisions/0035-background-jobs.md

const { databaseUrl } = workerData as { databaseUrl: string }
const db = connect(databaseUrl)
const progressDb = connect(databaseUrl, { busyTimeoutMs: 0 })
const readDb = connect(databaseUrl)
const stop = new AbortController()
parentPort?.on('message', (message) => {
  if (message === 'stop') stop.abort()
})
await runJobs({ id: newRunnerId('thread'), db, progressDb, readDb }, stop.signal)
await Promise.all([db.destroy(), progressDb.destroy(), readDb.destroy()])
// tsx's loader keeps a port open; in a worker thread process.exit ends this thread only.
process.exit(0)
