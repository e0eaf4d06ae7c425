import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtFiles } from './static-files'

// The built client folder's files are served at their addresses, with their caching; every other
// address (a page, the API, a file added after the server started, anything under assets/, which
// has its own route) goes on to the app without the static middleware looking at the disk.

let dir = ''
let server: http.Server
let port = 0

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'built-files-'))
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>')
  fs.mkdirSync(path.join(dir, 'fonts'))
  fs.writeFileSync(path.join(dir, 'fonts', 'a b.txt'), 'spaced')
  fs.mkdirSync(path.join(dir, 'assets'))
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'js')
  const app = express()
  app.use(builtFiles(dir, { maxAge: '1h' }))
  app.all('*', (req, res) => res.type('text/plain').send(`app ${req.method} ${req.path}`))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  fs.rmSync(dir, { recursive: true, force: true })
})

function request(address: string, method = 'GET') {
  return new Promise<{ status: number; body: string; cache: string | undefined }>((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port, path: address, method }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, cache: res.headers['cache-control'] }),
        )
      })
      .on('error', reject)
      .end()
  })
}

describe('builtFiles', () => {
  it("serves the folder's files at their addresses, cached for an hour", async () => {
    expect(await request('/favicon.svg')).toEqual({
      status: 200,
      body: '<svg/>',
      cache: 'public, max-age=3600',
    })
    expect((await request('/fonts/a%20b.txt')).body).toBe('spaced')
    expect((await request('/favicon.svg', 'HEAD')).status).toBe(200)
  })

  it('sends every other address on to the app', async () => {
    for (const address of ['/items', '/', '/favicon.svg/x', '/fonts', '/assets/app.js'])
      expect((await request(address)).body).toBe(`app GET ${address}`)
    expect((await request('/favicon.svg', 'POST')).body).toBe('app POST /favicon.svg')
  })

  it('lists the files once, as the server starts', async () => {
    fs.writeFileSync(path.join(dir, 'later.txt'), 'later')
    expect((await request('/later.txt')).body).toBe('app GET /later.txt')
  })
})
