import { Piscina } from 'piscina'
import type { PackRenderer } from '../app/meetings/pdf.server'
import { letThreadsSizeTheirHeaps } from './thread-heaps'

// Meeting pack PDFs are laid out off the request thread (decision 0058): pdfkit works in one
// synchronous run, 0.2 s for the 80-item plan and most of a second for a 500-item agenda, and a
// process's first pack reads and parses its fonts (Noto Sans SC is 10 MB) for seconds more; in
// the request thread every other request, /healthz included, waited that long. piscina keeps one
// thread, started on the first pack and stopped after a minute without one, so the fonts' memory
// is given back; packs asked for meanwhile wait their turn.
//
// The file: build/pdf-worker.js beside the built server (scripts/build-server.mjs), or
// server/pdf-worker.ts through pdf-worker.mjs, which loads tsx, when the server runs from source.

const workerFile = import.meta.url.endsWith('.ts')
  ? new URL('./pdf-worker.mjs', import.meta.url)
  : new URL('./pdf-worker.js', import.meta.url)

/** How long the thread waits for the next pack before it stops. */
const IDLE_STOP_MS = 60_000

export interface PdfThread {
  render: PackRenderer
  /** ends the thread, once the packs under way are done */
  stop(): Promise<void>
}

export function startPdfThread(): PdfThread {
  // piscina starts the thread on the first pack; the process's V8 heap flags must not size it
  letThreadsSizeTheirHeaps()
  const pool = new Piscina({
    filename: workerFile.href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: IDLE_STOP_MS,
    // the pack of the largest agenda (500 items) and the three typefaces fit well within this
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 },
  })
  return {
    render: async (pack, options) => new Uint8Array(await pool.run({ pack, options })),
    stop: () => pool.close(),
  }
}
