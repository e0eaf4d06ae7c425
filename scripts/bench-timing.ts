import { performance } from 'node:perf_hooks'

// Timing for `npm run bench`: nearest-rank percentiles of repeated calls after a warm-up.

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** p50 and p95 in milliseconds of `runs` calls of `once`, after `warmup` untimed ones. */
export async function timeSamples(
  runs: number,
  once: () => Promise<void>,
  warmup = 3,
  /** run before each timed call, untimed (a write, say, so each call is the first after one) */
  prepare?: () => Promise<void>,
): Promise<{ p50: number; p95: number }> {
  for (let w = 0; w < warmup; w++) await once()
  const samples: number[] = []
  for (let k = 0; k < runs; k++) {
    if (prepare) await prepare()
    const t0 = performance.now()
    await once()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) }
}
