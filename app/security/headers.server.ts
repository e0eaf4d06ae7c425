import { randomBytes } from 'node:crypto'

// Security headers (docs/decisions/0022-sign-in-protection.md). Every response gets the
// baseline; pages also get a Content-Security-Policy whose only inline scripts are those carrying
// the request's nonce (what Remix writes into the page). No 'unsafe-inline' for scripts or styles.

export function newNonce(): string {
  return randomBytes(16).toString('base64')
}

/**
 * Is the request served over https, here or at a proxy TRUST_PROXY trusts? The request's URL says:
 * the Express adapter builds it from req.protocol, which reads X-Forwarded-Proto only from a
 * trusted proxy. The raw header is never read here: anyone can send it.
 */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:'
}

/**
 * The policy of an HTML page: scripts from us or carrying `nonce`; nothing framed, nothing framing
 * us. `devServer` (npm run dev only) lets Vite's hot reload open its websocket on its own port.
 */
export function contentSecurityPolicy(nonce: string, { devServer = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    devServer ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** For responses that are not pages (JSON, files): nothing runs, nothing frames them. */
export const RESOURCE_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** The headers every response carries (a non-page policy); HSTS only over https. */
export function baselineSecurityHeaders(https: boolean): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['Content-Security-Policy', RESOURCE_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
  ]
  if (https) headers.push(['Strict-Transport-Security', 'max-age=31536000'])
  return headers
}

/**
 * Sets the headers every response carries; `nonce` makes it a page's policy. Headers a route set
 * itself are kept, except the policy, which is always ours. (The HTTP server, server/, adds the
 * same to the answers that never pass through here: static files, resource routes.)
 */
export function applySecurityHeaders(
  headers: Headers,
  request: Request,
  page?: { nonce: string; devServer?: boolean },
): Headers {
  for (const [name, value] of baselineSecurityHeaders(isHttps(request))) headers.set(name, value)
  if (page) headers.set('Content-Security-Policy', contentSecurityPolicy(page.nonce, page))
  return headers
}
