import { Worker } from 'node:worker_threads'

// Starts the job runner (server/jobs-worker.ts, through jobs-worker.mjs, which loads tsx) in a
// worker thread. A runner that crashes is started again after a pause; its job's lease lapses and the job
// is claimed anew (app/jobs/queue.server.ts).

export interface JobsThread {
  /** asks the runner to stop after its job under way; resolves once it has */
  stop(): Promise<void>
}

export function startJobsThread(databaseUrl: string): JobsThread {
  let stopping = false
  let worker: Worker
  const start = () => {
    worker = new Worker(new URL('./jobs-worker.mjs', import.meta.url), { workerData: { databaseUrl } })
    worker.on('error', (error) => console.error(`job runner thread: ${error.message}`))
    worker.on('exit', (code) => {
      if (stopping) return
      console.error(`job runner thread stopped (exit code ${code}); starting it again in 5 s`)
      setTimeout(start, 5_000).unref()
    })
  }
  start()
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true
        worker.once('exit', () => resolve())
        worker.postMessage('stop')
      }),
  }
}
