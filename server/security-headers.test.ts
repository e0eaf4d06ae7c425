import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy, RESOURCE_POLICY } from '../app/security/headers.server'
import { securityHeaders } from './security-headers'

// Every answer of the server carries the security headers, whatever produced it; a page's own
// policy (with its nonce) is kept. HSTS follows X-Forwarded-Proto only from a trusted proxy.

const servers: http.Server[] = []
let direct = 0
let behindProxy = 0

async function start(trustProxy: string | false): Promise<number> {
  const app = express()
  app.set('trust proxy', trustProxy)
  app.use(securityHeaders)
  app.all('*', (req, res) => {
    if (req.path === '/page') res.setHeader('Content-Security-Policy', contentSecurityPolicy('n0nce'))
    res
      .status(req.path === '/missing' ? 404 : 200)
      .type('text/plain')
      .send('ok')
  })
  const server = app.listen(0, '127.0.0.1')
  servers.push(server)
  await new Promise((resolve) => server.once('listening', resolve))
  return (server.address() as AddressInfo).port
}

beforeAll(async () => {
  direct = await start(false)
  behindProxy = await start('loopback')
})
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))))

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<http.IncomingHttpHeaders> {
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
      const headers = await get(direct, path)
      expect(headers['content-security-policy']).toBe(RESOURCE_POLICY)
      expect(headers['x-content-type-options']).toBe('nosniff')
      expect(headers['x-frame-options']).toBe('DENY')
      expect(headers['referrer-policy']).toBe('same-origin')
      expect(headers['strict-transport-security']).toBeUndefined()
    }
  })

  it('keep a page’s own policy, and add HSTS behind a trusted https proxy', async () => {
    expect((await get(behindProxy, '/page'))['content-security-policy']).toBe(contentSecurityPolicy('n0nce'))
    expect(
      (await get(behindProxy, '/page', { 'X-Forwarded-Proto': 'https' }))['strict-transport-security'],
    ).toBe('max-age=31536000')
  })

  it('ignore X-Forwarded-Proto when no proxy is trusted (TRUST_PROXY unset)', async () => {
    const headers = await get(direct, '/page', { 'X-Forwarded-Proto': 'https' })
    expect(headers['strict-transport-security']).toBeUndefined()
    expect(headers['content-security-policy']).toBe(contentSecurityPolicy('n0nce'))
  })
})
