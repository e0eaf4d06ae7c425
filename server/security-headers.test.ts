import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy, RESOURCE_POLICY } from '../app/security/headers.server'
import { securityHeaders } from './security-headers'

// Every answer of the server carries the security headers, whatever produced it; a page's own
// policy (with its nonce) is kept.

let server: http.Server
let port = 0

beforeAll(async () => {
  server = http.createServer((req, res) =>
    securityHeaders(req, res, () => {
      if (req.url === '/page') res.setHeader('Content-Security-Policy', contentSecurityPolicy('n0nce'))
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'Content-Type': 'text/plain' })
      res.end('ok')
    }),
  )
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

function get(path: string, headers: Record<string, string> = {}): Promise<http.IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (res) => {
        res.resume()
        resolve(res.headers)
      })
      .on('error', reject)
  })
}

describe('the server’s security headers', () => {
  it('are on every answer, errors included; no HSTS over plain http', async () => {
    for (const path of ['/favicon.svg', '/api/v1/items', '/missing']) {
      const headers = await get(path)
      expect(headers['content-security-policy']).toBe(RESOURCE_POLICY)
      expect(headers['x-content-type-options']).toBe('nosniff')
      expect(headers['x-frame-options']).toBe('DENY')
      expect(headers['referrer-policy']).toBe('same-origin')
      expect(headers['strict-transport-security']).toBeUndefined()
    }
  })

  it('keep a page’s own policy, and add HSTS behind an https proxy', async () => {
    expect((await get('/page'))['content-security-policy']).toBe(contentSecurityPolicy('n0nce'))
    expect((await get('/page', { 'X-Forwarded-Proto': 'https' }))['strict-transport-security']).toBe(
      'max-age=31536000',
    )
  })
})
