import { PassThrough } from 'node:stream'
import type { EntryContext, HandleDataRequestFunction, HandleErrorFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { isCrossOriginWrite } from './auth/origin.server'
import { configOrExit } from './config.server'
import { getDb } from './db.server'
import { startOutboxDelivery } from './notifications/delivery.server'

// The server imports this module as it starts: a wrong setting stops it here, naming the variable.
startOutboxDelivery(getDb, configOrExit())

const ABORT_DELAY = 5_000

function secure(headers: Headers): Headers {
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('X-Frame-Options', 'DENY')
  headers.set('Referrer-Policy', 'same-origin')
  return headers
}

export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
) {
  // Bots get the whole document at once; browsers get it streamed as soon as the shell is ready.
  const waitForAll = isbot(request.headers.get('user-agent') ?? '')
  return new Promise<Response>((resolve, reject) => {
    let shellFailed = false
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          const body = new PassThrough()
          headers.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: secure(headers),
              status: shellFailed ? 500 : status,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          shellFailed = true
          console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  secure(response.headers)
  return response
}

/** Errors are logged here with their stack; users only ever see the error page's plain message. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return
  if (isCrossOriginWrite(request)) {
    // Remix refuses these itself, before any action runs (as a bare 500): note it, no stack.
    console.warn(
      `Refused a cross-origin ${request.method} to ${new URL(request.url).pathname} from ${request.headers.get('origin')}`,
    )
    return
  }
  if (isRouteErrorResponse(error) && error.status < 500) return // 403s and 404s are answers, not faults
  console.error(error)
}
