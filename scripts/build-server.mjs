// `npm run build`, after Remix's build: the server (`npm start`), the job runner thread, the PDF thread and
// `npm run worker` compiled to plain JavaScript in build/, so production runs on node alone. tsx
// (used by `npm run dev` and the scripts) costs about 55 MB resident in a process: a loader thread
// with esbuild's service (docs/decisions/0046-server-memory.md). Packages stay imports from
// node_modules; only our own TypeScript is bundled.
import { build } from 'esbuild'

await build({
  entryPoints: {
    server: 'server/index.ts',
    'jobs-worker': 'server/jobs-worker.ts',
    'pdf-worker': 'server/pdf-worker.ts',
    worker: 'scripts/worker.ts',
  },
  outdir: 'build',
  // One file each, no shared chunks: import.meta.url then names the entry's file, which
  // server/index.ts (the app's root) and server/jobs-thread.ts (the worker's file) rely on.
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
