import { verifyRequestOrigin } from 'lucia'
import { config } from '../config.server'

/**
 * A write sent by another site's page: a non-GET request whose Origin is not our host.
 * Requests without an Origin come from non-browser clients, which cannot ride a user's cookie;
 * browsers always send it on POST. See docs/decisions/0003-sessions-and-writes.md.
 */
export function isCrossOriginWrite(request: Request, appUrl: string = config().APP_URL): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false
  const origin = request.headers.get('origin')
  if (origin === null) return false
  // Our host as the request's URL has it: the Host header, or X-Forwarded-Host only from a proxy
  // TRUST_PROXY trusts (the Express adapter takes Express's req.hostname), never a header anyone
  // could send. And APP_URL's, the public address, for a proxy that passes a loopback Host
  // without X-Forwarded-Host (docs/operations.md, "Behind a reverse proxy").
  return !verifyRequestOrigin(origin, [new URL(request.url).host, new URL(appUrl).host])
}
