import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { checkpointLog } from '../../db/connect'
import { sweepIncompleteSnapshots } from '../snapshots/snapshots.server'
import { runJob, type JobContext } from './kinds.server'
import {
  claimJob,
  failJob,
  finishJob,
  heartbeat,
  LEASE_MS,
  purgeExpiredJobs,
  type JobResult,
} from './queue.server'

// One job runner: claims a job, runs it, records the result, repeats; sleeps when there is none.
// It runs off the request thread (a worker thread the server starts, or `npm run worker`), with
// connections of its own: `db` for the work, and `progressDb` for progress and the lease's
// heartbeat. On SQLite a job's long transaction holds the write lock on `db`; a progress write
// through the other connection then fails at once (busy_timeout 0) and is skipped, rather than
// waiting on a lock its own thread holds. Both are opened with `checkpointLater`: the runner copies
// SQLite's log into the database file after each job's result is recorded (decision 0063).
// docs/decisions/0035-background-jobs.md

/** The least time between two progress writes of one job. */
const PROGRESS_EVERY_MS = 250

export type RunJob = (kind: string, ctx: JobContext) => Promise<JobResult>

export interface Runner {
  id: string
  db: Kysely<Database>
  progressDb: Kysely<Database>
  /** a third connection, for a job's long consistent read while `db` writes (a snapshot, 0042) */
  readDb?: Kysely<Database>
  run?: RunJob
}

export function newRunnerId(where: string): string {
  return `${where}:${process.pid}:${randomUUID().slice(0, 8)}`
}

/** Claims and runs one job; false when none was due. */
export async function runOneJob(runner: Runner): Promise<boolean> {
  const job = await claimJob(runner.db, runner.id)
  if (!job) return false
  let last = 0
  const beat = (progress?: { done: number; total: number }) =>
    heartbeat(runner.progressDb, job.id, runner.id, progress).catch(() => false)
  // The lease is renewed even while a step gives no progress (a PDF being laid out).
  const timer = setInterval(() => void beat(), LEASE_MS / 3)
  // What the job hands on to after its answer (a statistics refresh, decision 0069): run below,
  // once the answer is recorded, so the person waiting sees it first.
  const afterwards: Array<() => Promise<void>> = []
  try {
    const result = await (runner.run ?? runJob)(job.kind, {
      db: runner.db,
      readDb: runner.readDb,
      jobId: job.id,
      userId: job.userId,
      input: job.input,
      afterwards: async (task) => void afterwards.push(task),
      progress: async (done, total) => {
        const now = Date.now()
        if (now - last < PROGRESS_EVERY_MS && done < total) return
        last = now
        await beat({ done, total })
      },
    })
    await finishJob(runner.db, job.id, runner.id, result)
  } catch (error) {
    console.error(
      `job ${job.kind} ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`,
    )
    await failJob(runner.db, job.id, runner.id, error)
  } finally {
    clearInterval(timer)
  }
  for (const task of afterwards)
    await task().catch((error: unknown) =>
      console.error(
        `job ${job.kind} ${job.id}: afterwards: ${error instanceof Error ? error.message : String(error)}`,
      ),
    )
  // Its result recorded, what the job wrote goes from SQLite's log into the database file, which
  // the runner's connections leave to here (`checkpointLater`): after a big import that is a
  // copy of tens of megabytes and a flush, which its answer no longer waits for (decision 0063).
  await checkpointLog(runner.db).catch((error: unknown) =>
    console.error(`job runner: checkpoint: ${error instanceof Error ? error.message : String(error)}`),
  )
  return true
}

/**
 * Runs jobs until `signal` aborts: every due job at once, then a look every `idleMs`. Returns
 * once the job under way (if any) has finished; or, given `stopIdleMs`, once no job has been due
 * for that long (the server's runner thread, started again when a job is due: jobs-thread.ts).
 */
export async function runJobs(
  runner: Runner,
  signal: AbortSignal,
  idleMs = 500,
  stopIdleMs = Infinity,
): Promise<void> {
  // Snapshots half written by a job that stopped (a crash, a restart) are swept at start (0047).
  await sweepIncompleteSnapshots(runner.db).catch((error: unknown) =>
    console.error(
      `job runner: sweeping snapshots: ${error instanceof Error ? error.message : String(error)}`,
    ),
  )
  let purgedAt = 0
  let busyAt = Date.now()
  while (!signal.aborted && Date.now() - busyAt < stopIdleMs) {
    try {
      if (Date.now() - purgedAt > 60 * 60 * 1000) {
        purgedAt = Date.now()
        await purgeExpiredJobs(runner.db)
      }
      if (await runOneJob(runner)) {
        busyAt = Date.now()
        continue
      }
    } catch (error) {
      // The database unreachable for a moment: try again after the pause.
      console.error(`job runner: ${error instanceof Error ? error.message : String(error)}`)
    }
    await pause(idleMs, signal)
  }
}

/**
 * Waits `ms`, or less if `signal` aborts. The abort listener goes when the wait ends: the runner
 * pauses twice a second for as long as the server lives, and a listener left behind each time
 * would pile up without end.
 */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
