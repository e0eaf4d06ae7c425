import { verifyRequestOrigin } from 'lucia'

/**
 * A write sent by another site's page: a non-GET request whose Origin is not our host.
 * Requests without an Origin come from non-browser clients, which cannot ride a user's cookie;
 * browsers always send it on POST. See docs/decisions/0003-sessions-and-writes.md.
 */
export function isCrossOriginWrite(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false
  const origin = request.headers.get('origin')
  if (origin === null) return false
  const host =
    request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() ||
    request.headers.get('host') ||
    new URL(request.url).host
  return !verifyRequestOrigin(origin, [host])
}
