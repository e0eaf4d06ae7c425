// The PDF thread's entry when the server runs from source (tests, `npm run dev`): loads
// TypeScript through tsx, then server/pdf-worker.ts. A plain .mjs, as a worker thread is started
// from a file Node itself can read.
import { register } from 'tsx/esm/api'

register()
const { default: renderPack } = await import('./pdf-worker.ts')
export default renderPack
