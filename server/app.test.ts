import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BODY_LIMITS } from '../app/request-limits'
import { bodyLimit } from './body-limit'
import { noStoreByDefault } from './no-store'

// The server's own rules, in front of any route: bodies too large are refused before they are
// read, and answers are not cached unless a route says so. The app behind is a stand-in that
// reads whatever body reaches it.

let received: { path: string; bytes: number }[] = []
let server: http.Server
let port = 0

beforeAll(async () => {
  const app = express()
  app.use(bodyLimit())
  app.use(noStoreByDefault)
  app.get('/cached', (_req, res) => res.set('Cache-Control', 'public, max-age=60').send('cached'))
  app.all('*', (req, res) => {
    let bytes = 0
    req.on('data', (chunk: Buffer) => (bytes += chunk.length))
    req.on('end', () => {
      received.push({ path: req.path, bytes })
      res.send(`read ${bytes}`)
    })
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** A raw request: `declared` is the Content-Length sent, whatever the body really is; 'chunked' sends none. */
function send(
  path: string,
  options: { body?: string | Buffer; declared?: number | 'chunked'; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const body = options.body ?? ''
  const headers: Record<string, string | number> = { ...options.headers }
  if (options.declared === 'chunked') headers['Transfer-Encoding'] = 'chunked'
  else headers['Content-Length'] = options.declared ?? Buffer.byteLength(body)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    // The server may answer and close before the declared body was sent: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)))
    req.end(body)
  })
}

const form = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' }

describe('request body limits', () => {
  it('refuses a 200 MB sign-in by its declared length, with a message, without reading it', async () => {
    received = []
    const answer = await send('/login', { body: 'email=a', declared: 200 * 1024 * 1024, headers: form })
    expect(answer.status).toBe(413)
    expect(answer.headers.connection).toBe('close')
    expect(answer.body).toContain('This request is too large: a sign-in may be at most 32 KB.')
    expect(answer.body).toContain('<a href="/login">')
    // a phone shows it at its own width, not a desktop page shrunk to a third
    expect(answer.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
    expect(received).toEqual([])
  })

  it('takes a sign-in at the limit and refuses one byte more', async () => {
    received = []
    const limit = BODY_LIMITS.signIn
    expect((await send('/login', { body: 'x'.repeat(limit), headers: form })).status).toBe(200)
    expect((await send('/login', { body: 'x'.repeat(limit + 1), headers: form })).status).toBe(413)
    expect(received).toEqual([{ path: '/login', bytes: limit }])
  })

  it('refuses a form over 1 MB, and a JSON body to the API with a JSON answer', async () => {
    received = []
    const big = 'x'.repeat(BODY_LIMITS.form + 1)
    const page = await send('/items/CITA-01-a/edit.data', { body: big, headers: form })
    expect(page.status).toBe(413)
    expect(page.body).toContain('a form may be at most 1 MB')
    // Back to the page, not to Remix's data address.
    expect(page.body).toContain('<a href="/items/CITA-01-a/edit">')
    const api = await send('/api/v1/items/CITA-01-a/transitions', {
      body: big,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    })
    expect(api.status).toBe(413)
    expect(JSON.parse(api.body)).toEqual({
      error: 'too_large',
      message: 'This request is too large: a form may be at most 1 MB. Nothing was read or saved.',
    })
    expect(received).toEqual([])
  })

  it('lets an import upload of several MB through, and refuses one over 10 MB', async () => {
    received = []
    const multipart = { 'Content-Type': 'multipart/form-data; boundary=x', Accept: 'text/html' }
    const five = Buffer.alloc(5 * 1024 * 1024, 'a')
    expect((await send('/import', { body: five, headers: multipart })).status).toBe(200)
    const over = await send('/import', { body: Buffer.alloc(11 * 1024 * 1024, 'a'), headers: multipart })
    expect(over.status).toBe(413)
    expect(over.body).toContain('an uploaded file may be at most 10 MB')
    // Received and thrown away, so a browser still sending gets this page; the connection stays.
    expect(over.headers.connection).toBe('keep-alive')
    // The upload limit is the import page's alone: a multipart post elsewhere is a form.
    expect((await send('/items/new', { body: five, headers: multipart })).status).toBe(413)
    expect(received).toEqual([{ path: '/import', bytes: five.length }])
  })

  it('says so in the language the pages use (the cookie, then Accept-Language)', async () => {
    const russian = await send('/login', {
      declared: 100 * 1024 * 1024,
      headers: { ...form, 'Accept-Language': 'ru-RU,ru;q=0.9' },
    })
    expect(russian.body).toContain('<html lang="ru">')
    expect(russian.body).toContain('Запрос слишком велик: вход в систему — не более 32 КБ.')
    const chosen = await send('/login', {
      declared: 100 * 1024 * 1024,
      headers: { ...form, 'Accept-Language': 'ru', Cookie: 'carec_lng=zh' },
    })
    expect(chosen.body).toContain('<html lang="zh-Hans">')
    expect(chosen.body).toContain('此请求过大')
  })

  it('refuses a body of undeclared length (chunked) with 411', async () => {
    received = []
    const answer = await send('/login', { body: 'email=a', declared: 'chunked', headers: form })
    expect(answer.status).toBe(411)
    expect(answer.body).toContain('must state its length')
    expect(received).toEqual([])
  })

  it('does not offer a link off the site on its refusal page', async () => {
    const answer = await send('//evil.example/x', { declared: 300 * 1024 * 1024, headers: form })
    expect(answer.status).toBe(413)
    expect(answer.body).toContain('<a href="/">')
  })
})

describe('caching', () => {
  it('answers no-store unless the route says otherwise', async () => {
    expect((await send('/items', { headers: form })).headers['cache-control']).toBe('no-store')
    const cached = await new Promise<http.IncomingMessage>((resolve) =>
      http.get({ host: '127.0.0.1', port, path: '/cached' }, (res) => resolve(res.resume())),
    )
    expect(cached.headers['cache-control']).toBe('public, max-age=60')
  })
})
