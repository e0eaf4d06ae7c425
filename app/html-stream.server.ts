import { Transform } from 'node:stream'
import { createReadableStreamFromReadable } from '@remix-run/node'
import type { ReactNode } from 'react'
import { renderToPipeableStream } from 'react-dom/server'

// React 18.3.1's Node build (renderToPipeableStream) encodes text into 2 KB buffers and, when a
// multibyte character does not fit at the end of one, sends the whole buffer, unwritten zero
// bytes included (react#31134, fixed upstream by react#26228 but never released for React 18).
// Pages then carried U+0000 wherever a Chinese or Russian character met a 2 KB boundary; inside
// a form field's value the browser turns it into U+FFFD, and saving the form unchanged stored it.
//
// The web-streams build, used instead until now, cannot pad, but encodes every string of the
// page into a new Uint8Array of its own: thousands per portfolio page, about a quarter of its
// render time with the garbage they leave (docs/performance.md, "Issue 13: the HTML page's
// render"). So the Node build again, and its padding cut off: a padded buffer is exactly
// VIEW_SIZE bytes and ends in the 1 to 3 zero bytes a character of up to 4 bytes did not fit
// in (a character always fits in 4). React writes no zero byte of its own, and U+0000 is not
// allowed in HTML text, so a full buffer's trailing zeros are always padding.
// html-stream.test.ts renders text across every buffer offset.
const VIEW_SIZE = 2048

/** Cuts React's padding (react#31134) off the buffers its Node build writes. */
function withoutPadding(): Transform {
  return new Transform({
    transform(chunk: Uint8Array, _encoding, done) {
      let end = chunk.byteLength
      if (end === VIEW_SIZE) while (end > VIEW_SIZE - 3 && chunk[end - 1] === 0) end--
      done(null, end === chunk.byteLength ? chunk : chunk.subarray(0, end))
    },
  })
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

/** A document as UTF-8 bytes, streamed as React renders it. */
export function streamHtml(
  element: ReactNode,
  { waitForAll, signal, timeoutMs, onError, nonce }: HtmlStreamOptions,
): Promise<ReadableStream<Uint8Array>> {
  return new Promise((resolve, reject) => {
    // React keeps the abort it is given until everything is rendered; after that an abort (the
    // client leaving once the page was sent) must reach nobody.
    const abort = () => render.abort(signal.reason)
    const timer = setTimeout(() => render.abort(new Error(`rendering took over ${timeoutMs} ms`)), timeoutMs)
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', abort)
    }
    const start = () => {
      const body = withoutPadding()
      render.pipe(body)
      resolve(createReadableStreamFromReadable(body).pipeThrough(joinChunksPerTurn()))
    }
    const render = renderToPipeableStream(element, {
      nonce,
      onError,
      onShellReady() {
        if (!waitForAll) start()
      },
      onAllReady() {
        done()
        if (waitForAll) start()
      },
      onShellError(error: unknown) {
        done()
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    })
    signal.addEventListener('abort', abort, { once: true })
  })
}
