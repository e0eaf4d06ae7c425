import { describe, expect, it } from 'vitest'
import { isSecure } from './cookies.server'
import { isCrossOriginWrite } from './origin.server'

// Behind a reverse proxy (docs/operations.md): the session cookie stays Secure, and only the
// request's URL (which follows TRUST_PROXY) names our host, never a raw X-Forwarded-* header.

const production = { NODE_ENV: 'production', APP_URL: 'http://localhost:3000' } as const
const public_ = { NODE_ENV: 'production', APP_URL: 'https://pipeline.example.org' } as const

describe('the session cookie’s Secure flag', () => {
  it('is left off only for plain http on this machine’s loopback (the quick start)', () => {
    expect(isSecure(new Request('http://127.0.0.1:3000/login'), production)).toBe(false)
    expect(isSecure(new Request('http://localhost:3000/login'), production)).toBe(false)
    expect(isSecure(new Request('http://pipeline.example.org/login'), production)).toBe(true)
    expect(isSecure(new Request('https://127.0.0.1:3000/login'), production)).toBe(true)
    expect(
      isSecure(new Request('http://127.0.0.1:3000/login'), { ...production, NODE_ENV: 'development' }),
    ).toBe(false)
  })

  it('stays on behind a proxy that sends a loopback Host over plain http, when APP_URL is https', () => {
    const behindProxy = new Request('http://127.0.0.1:3000/login', {
      headers: { host: '127.0.0.1:3000', 'x-forwarded-proto': 'https' },
    })
    expect(isSecure(behindProxy, public_)).toBe(true)
  })
})

describe('a cross-origin write', () => {
  const post = (url: string, headers: Record<string, string>) => new Request(url, { method: 'POST', headers })

  it('is told by the request’s own host, not by an X-Forwarded-Host the request carries', () => {
    const spoofed = post('http://127.0.0.1:3000/login', {
      origin: 'https://evil.example',
      'x-forwarded-host': 'evil.example',
    })
    expect(isCrossOriginWrite(spoofed, 'http://localhost:3000')).toBe(true)
    expect(isCrossOriginWrite(post('http://127.0.0.1:3000/login', { origin: 'http://127.0.0.1:3000' }))).toBe(
      false,
    )
  })

  it('accepts the public address (APP_URL) from a proxy that passes a loopback Host', () => {
    const proxied = post('http://127.0.0.1:3000/login', { origin: 'https://pipeline.example.org' })
    expect(isCrossOriginWrite(proxied, 'https://pipeline.example.org')).toBe(false)
    expect(isCrossOriginWrite(proxied, 'http://localhost:3000')).toBe(true)
  })
})
