import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const module = fileURLToPath(new URL('./thread-heaps.ts', import.meta.url))

// A process started with small heap flags, as an operator may (NODE_OPTIONS), starts a worker
// thread given 256 MB that keeps 120 MB alive: the job runner's heap (RUNNER_HEAP) at work.
function workerKeeping120MiB(clearFirst: boolean): { status: number | null; output: string } {
  const code = `
    import { Worker } from 'node:worker_threads'
    ${clearFirst ? `const { letThreadsSizeTheirHeaps } = await import(${JSON.stringify(module)}); letThreadsSizeTheirHeaps()` : ''}
    const worker = new Worker(
      'const kept = []; for (let i = 0; i < 120; i++) kept.push(new Array(128 * 1024).fill(i)); import("node:worker_threads").then((w) => w.parentPort.postMessage(kept.length))',
      { eval: true, resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 } },
    )
    worker.on('message', (n) => console.log('kept', n))
    worker.on('error', (error) => { console.log('worker failed:', error.code ?? error.message); process.exitCode = 3 })
  `
  const run = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=64',
      '--max-semi-space-size=8',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      code,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  )
  return { status: run.status, output: run.stdout + run.stderr }
}

describe('letThreadsSizeTheirHeaps', () => {
  it("lets a worker thread use the heap its resourceLimits give, not the process's flags", () => {
    const run = workerKeeping120MiB(true)
    expect(run.output).toContain('kept 120')
    expect(run.status).toBe(0)
  })

  it('is needed: without it the same worker runs out of memory at the process flag', () => {
    const run = workerKeeping120MiB(false)
    expect(run.output).toContain('ERR_WORKER_OUT_OF_MEMORY')
  })
})
