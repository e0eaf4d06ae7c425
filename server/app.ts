import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type Express } from 'express'
import morgan from 'morgan'
import zlib from 'node:zlib'
import type { ViteDevServer } from 'vite'
import { addressForThrottling } from '../app/auth/client.server'
import type { PackRenderer } from '../app/meetings/pdf.server'
import { bodyLimit, type RequestLanguage } from './body-limit'
import { noStoreByDefault } from './no-store'
import { securityHeaders } from './security-headers'
import { builtFiles } from './static-files'

// The HTTP server in front of the Remix app (the Express pattern of Remix's templates and the
// Epic Stack), so what applies to every request lives in one place: request body limits,
// caching, and later security headers. docs/decisions/0018-server-and-safety.md

export interface AppOptions {
  /** the built app (production) or a function loading it from Vite (development) */
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode: 'production' | 'development'
  /** in development, Vite serves the browser modules and reloads them */
  vite?: ViteDevServer
  /** where the built browser files are (build/client) */
  clientDir: string
  /** which proxies may name the client (TRUST_PROXY, app/auth/config.server.ts) */
  trustProxy?: number | string | false
  /** lays meeting pack PDFs out off the request thread (server/pdf-thread.ts) */
  renderPackPdf?: PackRenderer
}

const BROTLI_PARAMS = {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 3,
  [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
}

/**
 * The machine interface's JSON (/api) at brotli quality 1: a list page of 50 items (46 KB)
 * compresses in 0.14 ms instead of 0.37, to 6.8 KB instead of 6.2 (+9%); the list's compression
 * was a sixth of its request's CPU time (docs/decisions/0054-json-list.md).
 */
const API_BROTLI_PARAMS = {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 1,
  [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
}

export function createApp({
  build,
  mode,
  vite,
  clientDir,
  trustProxy = false,
  renderPackPdf,
}: AppOptions): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', trustProxy)
  // First, so every answer carries them: static files, redirects, errors (docs/decisions/0022).
  app.use(securityHeaders)
  // Brotli at quality 3 with a 256 KB window: a portfolio page (about 90 KB) compresses in about
  // half the CPU time of the middleware's default quality 4 (4 MB window), for about 8% more
  // bytes (docs/performance.md, "Issue 13: throughput of the page and the list (decision 0049)").
  const pageCompression = compression({ brotli: { params: BROTLI_PARAMS } })
  const apiCompression = compression({ brotli: { params: API_BROTLI_PARAMS } })
  app.use((req, res, next) =>
    (req.path.startsWith('/api/') ? apiCompression : pageCompression)(req, res, next),
  )
  if (vite) {
    app.use(vite.middlewares)
    app.use(express.static(clientDir, { maxAge: '1h' }))
  } else {
    app.use('/assets', express.static(`${clientDir}/assets`, { immutable: true, maxAge: '1y' }))
    // The folder's other files by the addresses listed as the server starts: no disk look-up
    // for a page's address (docs/decisions/0055-page-work.md).
    app.use(builtFiles(clientDir, { maxAge: '1h' }))
  }
  app.use(morgan('tiny'))
  app.use(bodyLimit(accountLanguage(build)))
  app.use(noStoreByDefault)
  app.all(
    '*',
    createRequestHandler({
      build,
      mode,
      // Sign-in throttling per client address (app/auth/throttle.server.ts); the pack's PDF thread.
      getLoadContext: (req) => ({
        clientAddress: addressForThrottling(req.ip, trustProxy !== false),
        renderPackPdf,
      }),
    }),
  )
  return app
}

/**
 * The app's own language resolution, the signed-in person's stored preference included
 * (app/entry.server.tsx exports it with its build); a build without it answers in the cookie's or
 * the browser's language.
 */
function accountLanguage(build: AppOptions['build']): RequestLanguage {
  return async (request) => {
    const built = typeof build === 'function' ? await build() : build
    const entry = built.entry.module as { languageOfRequest?: RequestLanguage }
    if (!entry.languageOfRequest) throw new Error('the build exports no languageOfRequest')
    return entry.languageOfRequest(request)
  }
}
