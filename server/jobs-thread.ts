import { Worker } from 'node:worker_threads'
import { connect } from '../db/connect'
import { hasDueJob } from '../app/jobs/queue.server'
import { letThreadsSizeTheirHeaps } from './thread-heaps'

// The server's job runner, in a worker thread started only while there is work: the server's
// thread looks for a due job twice a second (one indexed read) and starts the runner when it
// finds one; the runner stops once no job has been due for a minute. An idle runner thread held
// 45-70 MB (its own V8 heap and its copy of the job modules) for as long as the server ran
// (docs/decisions/0046-server-memory.md). A runner that crashes leaves its job's lease to lapse;
// the job is then due again and a new runner claims it (app/jobs/queue.server.ts).
//
// The file: build/jobs-worker.js beside the built server (`npm start`, scripts/build-server.mjs),
// or server/jobs-worker.ts through jobs-worker.mjs, which loads tsx, when the server runs from
// source (`npm run dev`, tests).

const workerFile = import.meta.url.endsWith('.ts')
  ? new URL('./jobs-worker.mjs', import.meta.url)
  : new URL('./jobs-worker.js', import.meta.url)

/** How often the server's thread looks for a due job while no runner thread is running. */
const LOOK_EVERY_MS = 500
/** How long a runner thread waits for the next job before it stops. */
export const RUNNER_IDLE_STOP_MS = 60_000
/**
 * The runner thread's V8 heap. A job holds at most one batch of rows (exports, snapshots, a
 * CSV import: decision 0051) or a workbook import's sheet (20,000 rows at most); the limit also makes V8 collect garbage long before the
 * default limit (about 2 GB here) would. The young generation stays small: a large one is
 * resident memory between collections, and a job's objects live long anyway.
 */
export const RUNNER_HEAP = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 16 }

export interface JobsThread {
  /** asks the runner to stop after its job under way; resolves once it has */
  stop(): Promise<void>
}

export function startJobsThread(databaseUrl: string): JobsThread {
  // The look-out's own connection: one small read twice a second, no cache to speak of.
  const db = connect(databaseUrl, { cacheKiB: 512 })
  let worker: Worker | undefined
  let stopping = false
  let timer: NodeJS.Timeout | undefined

  const startRunner = () => {
    // the process's V8 heap flags would override RUNNER_HEAP (server/thread-heaps.ts)
    letThreadsSizeTheirHeaps()
    const runner = new Worker(workerFile, {
      workerData: { databaseUrl, stopIdleMs: RUNNER_IDLE_STOP_MS },
      resourceLimits: RUNNER_HEAP,
    })
    runner.on('error', (error) => console.error(`job runner thread: ${error.message}`))
    runner.on('exit', (code) => {
      worker = undefined
      if (stopping) return
      if (code === 0) return look()
      // a runner that cannot start or keeps crashing is not restarted in a tight loop
      console.error(`job runner thread stopped (exit code ${code}); looking for jobs again in 5 s`)
      look(5_000)
    })
    worker = runner
  }

  const look = (delayMs = LOOK_EVERY_MS) => {
    timer = setTimeout(() => {
      hasDueJob(db)
        .then((due) => {
          if (stopping) return
          if (due) startRunner()
          else look()
        })
        .catch((error: unknown) => {
          // the database unreachable for a moment: look again later
          console.error(`job look-out: ${error instanceof Error ? error.message : String(error)}`)
          if (!stopping) look()
        })
    }, delayMs)
    timer.unref()
  }
  look()

  return {
    stop: async () => {
      stopping = true
      clearTimeout(timer)
      const runner = worker
      if (runner) {
        const exited = new Promise<void>((resolve) => runner.once('exit', () => resolve()))
        runner.postMessage('stop')
        await exited
      }
      await db.destroy()
    },
  }
}
