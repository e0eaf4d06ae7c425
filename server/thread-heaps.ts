import v8 from 'node:v8'

/**
 * Lets a worker thread's `resourceLimits` size its heap. The request thread's V8 flags (npm
 * start's `--max-semi-space-size`, an operator's `--max-old-space-size` in NODE_OPTIONS) apply to
 * every isolate and V8 reads them before a worker's limits: a worker given 400 MB died at 64 while
 * the process had `--max-old-space-size=64`. Cleared once the request thread's own heap was sized
 * by them, before the job runner or the PDF thread starts.
 */
export function letThreadsSizeTheirHeaps(): void {
  v8.setFlagsFromString('--max-old-space-size=0')
  v8.setFlagsFromString('--max-semi-space-size=0')
}
