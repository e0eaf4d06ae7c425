import type { EntryContext, HandleDataRequestFunction, HandleErrorFunction } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { isCrossOriginWrite } from './auth/origin.server'
import { getUser } from './auth/session.server'
import { configOrExit } from './config.server'
import { getDb } from './db.server'
import { streamHtml } from './html-stream.server'
import { resolveLanguage } from './i18n/language.server'
import type { Language } from './i18n/languages'
import { startOutboxDelivery } from './notifications/delivery.server'
import { applySecurityHeaders, newNonce } from './security/headers.server'
import { NonceProvider } from './security/nonce'

// The server imports this module as it starts: a wrong setting stops it here, naming the variable.
startOutboxDelivery(getDb, configOrExit())

const ABORT_DELAY = 5_000

export default async function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
) {
  let failed = false
  // One nonce per response: the only inline scripts the page's policy allows carry it.
  const nonce = newNonce()
  const body = await streamHtml(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    {
      // Bots get the whole document at once; browsers get it streamed as soon as the shell is ready.
      waitForAll: isbot(request.headers.get('user-agent') ?? ''),
      signal: request.signal,
      timeoutMs: ABORT_DELAY,
      nonce,
      onError(error: unknown) {
        failed = true
        console.error(error)
      },
    },
  )
  headers.set('Content-Type', 'text/html; charset=utf-8')
  return new Response(body, {
    headers: applySecurityHeaders(headers, request, { nonce, devServer: import.meta.env.DEV }),
    status: failed ? 500 : status,
  })
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  applySecurityHeaders(response.headers, request)
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

/**
 * The language of a request as its page would be in, the signed-in person's stored preference
 * included, for the answers the HTTP server writes before any route runs (a body too large,
 * server/body-limit.ts). Exported here, by the app's build, so the session is looked up by app/auth
 * with the app's own database connection: the server has none of its own.
 */
export async function languageOfRequest(request: Request): Promise<Language> {
  return resolveLanguage(request, await getUser(request))
}
