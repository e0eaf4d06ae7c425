import { configOrExit } from '../app/config.server'
import { connect, migrateToLatest } from '../db/connect'
import { newRunnerId, runJobs } from '../app/jobs/runner.server'

// `npm run worker`: a job runner as a process of its own, beside the app servers (or instead of
// their threads, with JOBS_IN_SERVER=0). Any number may run: each job is claimed by one.
// Stops after the job under way on SIGTERM or Ctrl+C. docs/decisions/0035-background-jobs.md

const settings = configOrExit()
const db = connect(settings.DATABASE_URL, { checkpointLater: true })
await migrateToLatest(db)
const progressDb = connect(settings.DATABASE_URL, { busyTimeoutMs: 0, checkpointLater: true })
const readDb = connect(settings.DATABASE_URL)
const stop = new AbortController()
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop.abort())
const id = newRunnerId('worker')
console.log(`job runner ${id} started`)
await runJobs({ id, db, progressDb, readDb }, stop.signal)
await Promise.all([db.destroy(), progressDb.destroy(), readDb.destroy()])
