// The job runner thread's entry: loads TypeScript through tsx (as `npm start` does), then the
// runner (server/jobs-worker.ts). A plain .mjs, as a worker thread is started from a file Node
// itself can read, under tsx or not (vitest).
import { register } from 'tsx/esm/api'

register()
await import('./jobs-worker.ts')
