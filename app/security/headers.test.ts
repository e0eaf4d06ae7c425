import { describe, expect, it } from 'vitest'
import {
  applySecurityHeaders,
  contentSecurityPolicy,
  isHttps,
  newNonce,
  RESOURCE_POLICY,
} from './headers.server'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/)
      return [name!, values]
    }),
  )
}

describe('security headers', () => {
  it('a page’s policy allows scripts only from us or with this response’s nonce, no inline anything', () => {
    const nonce = newNonce()
    const policy = directives(contentSecurityPolicy(nonce))
    expect(policy.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`])
    expect(policy.get('style-src')).toEqual(["'self'"])
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'none'"])
    expect(contentSecurityPolicy(nonce)).not.toContain('unsafe')
    expect(policy.get('connect-src')).toEqual(["'self'"])
    // only the development server's hot reload may open a websocket elsewhere
    expect(directives(contentSecurityPolicy(nonce, { devServer: true })).get('connect-src')).toEqual([
      "'self'",
      'ws:',
      'wss:',
    ])
  })

  it('nonces are fresh and unguessable', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce))
    expect(nonces.size).toBe(100)
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16)
  })

  it('every response gets the baseline; HSTS only over https', () => {
    const plain = applySecurityHeaders(new Headers(), new Request('http://127.0.0.1:3000/items'))
    expect(Object.fromEntries(plain)).toMatchObject({
      'content-security-policy': RESOURCE_POLICY,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
    })
    expect(plain.has('strict-transport-security')).toBe(false)

    const secure = applySecurityHeaders(new Headers(), new Request('https://pipeline.example.org/items'), {
      nonce: 'abc',
    })
    expect(secure.get('strict-transport-security')).toBe('max-age=31536000')
    expect(secure.get('content-security-policy')).toBe(contentSecurityPolicy('abc'))
  })

  it('https is what the request’s URL says, never a raw X-Forwarded-Proto (trusted proxies are in the URL)', () => {
    const spoofed = new Request('http://127.0.0.1:3000/', { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(isHttps(spoofed)).toBe(false)
    expect(applySecurityHeaders(new Headers(), spoofed).has('strict-transport-security')).toBe(false)
    const secure = new Request('https://x.example/', { headers: { 'X-Forwarded-Proto': 'http' } })
    expect(isHttps(secure)).toBe(true)
  })

  it('a route’s own policy is replaced by ours', () => {
    const headers = new Headers({ 'Content-Security-Policy': "default-src *; script-src 'unsafe-inline'" })
    applySecurityHeaders(headers, new Request('http://127.0.0.1/'))
    expect(headers.get('content-security-policy')).toBe(RESOURCE_POLICY)
  })
})
