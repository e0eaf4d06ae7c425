import type { IncomingMessage, ServerResponse } from 'node:http'
import { baselineSecurityHeaders } from '../app/security/headers.server'

/**
 * Security headers on every response the server sends: static files, the JSON API, downloads,
 * redirects, errors. Set just before the headers go out and only where the answer has none, so
 * a page keeps the Content-Security-Policy with its nonce that app/entry.server.tsx gave it.
 */
export function securityHeaders(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const https =
    req.headers['x-forwarded-proto'] ?? ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http')
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    for (const [name, value] of baselineSecurityHeaders(String(https).split(',')[0]!.trim() === 'https'))
      if (!this.hasHeader(name)) this.setHeader(name, value)
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args)
  } as typeof res.writeHead
  next()
}
