import type { ServerResponse } from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import { baselineSecurityHeaders } from '../app/security/headers.server'

/**
 * Security headers on every response the server sends: static files, the JSON API, downloads,
 * redirects, errors. Set just before the headers go out and only where the answer has none, so
 * a page keeps the Content-Security-Policy with its nonce that app/entry.server.tsx gave it.
 * HSTS goes only over https as Express's req.protocol sees it: X-Forwarded-Proto counts only from
 * a proxy the app's 'trust proxy' setting (TRUST_PROXY) trusts.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  const https = req.protocol === 'https'
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    for (const [name, value] of baselineSecurityHeaders(https))
      if (!this.hasHeader(name)) this.setHeader(name, value)
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args)
  } as typeof res.writeHead
  next()
}
