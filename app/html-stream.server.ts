import type { ReactNode } from 'react'
import { renderToReadableStream } from 'react-dom/server.browser'

// Why the web-streams build of React's server renderer, in Node: React 18.3.1's Node build
// (renderToPipeableStream) encodes text into 2 KB buffers and, when a multibyte character does
// not fit at the end of one, sends the whole buffer, unwritten zero bytes included
// (react#31134, fixed upstream by react#26228 but never released for React 18). Pages then
// carried U+0000 wherever a Chinese or Russian character met a 2 KB boundary; inside a form
// field's value the browser turns it into U+FFFD, and saving the form unchanged stored it.
// The web-streams build encodes each string whole and copies the bytes, so it cannot pad.
// html-stream.test.ts renders text across every buffer offset with both builds.

export interface HtmlStreamOptions {
  /** Wait for every Suspense boundary before the first byte (for bots), rather than for the shell. */
  waitForAll: boolean
  /** The client went away: stop rendering. */
  signal: AbortSignal
  /** Rendering that takes longer than this is abandoned (Suspense fallbacks stay). */
  timeoutMs: number
  onError: (error: unknown) => void
  /** The Content-Security-Policy nonce for the inline scripts React writes (app/security). */
  nonce?: string
}

// React's web-streams build hands its output over in 512-byte views: about 180 of them for the
// portfolio page, and each went through Remix's stream copy, the compression middleware (one
// brotli call each) and the socket on its own, several milliseconds a page (docs/performance.md,
// "Issue 13: the HTML page's render"). React enqueues all the views of one flush in the same
// turn of the event loop, so joining what arrives before the next turn gives one chunk per flush:
// the shell, then each Suspense boundary as it resolves, as before.
const JOIN_LIMIT = 256 * 1024

/** Joins the chunks written in one turn of the event loop (up to JOIN_LIMIT bytes) into one. */
export function joinChunksPerTurn(): TransformStream<Uint8Array, Uint8Array> {
  let parts: Uint8Array[] = []
  let size = 0
  let pending: NodeJS.Immediate | null = null
  const emit = (controller: TransformStreamDefaultController<Uint8Array>) => {
    if (pending) clearImmediate(pending)
    pending = null
    if (size === 0) return
    const joined = parts.length === 1 ? parts[0]! : new Uint8Array(size)
    if (parts.length > 1) {
      let at = 0
      for (const part of parts) {
        joined.set(part, at)
        at += part.byteLength
      }
    }
    parts = []
    size = 0
    try {
      controller.enqueue(joined)
    } catch {
      // the reader went away (the client closed the connection): nothing to send to
    }
  }
  return new TransformStream({
    transform(chunk, controller) {
      parts.push(chunk)
      size += chunk.byteLength
      if (size >= JOIN_LIMIT) emit(controller)
      else pending ??= setImmediate(() => emit(controller))
    },
    flush: emit,
  })
}

/** A document as UTF-8 bytes, streamed as React renders it. */
export async function streamHtml(
  element: ReactNode,
  { waitForAll, signal, timeoutMs, onError, nonce }: HtmlStreamOptions,
): Promise<ReadableStream<Uint8Array>> {
  // React keeps listening to its signal after rendering is done, and an abort then fails on the
  // closed stream: so its own controller, let go as soon as everything is rendered.
  const controller = new AbortController()
  const abort = () => controller.abort(signal.reason)
  const timer = setTimeout(
    () => controller.abort(new Error(`rendering took over ${timeoutMs} ms`)),
    timeoutMs,
  )
  signal.addEventListener('abort', abort, { once: true })
  const done = () => {
    clearTimeout(timer)
    signal.removeEventListener('abort', abort)
  }
  try {
    const stream = await renderToReadableStream(element, { signal: controller.signal, onError, nonce })
    void stream.allReady.then(done, done)
    if (waitForAll) await stream.allReady
    return stream.pipeThrough(joinChunksPerTurn())
  } catch (error) {
    done()
    throw error
  }
}
