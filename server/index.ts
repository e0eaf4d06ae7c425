import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'

// `npm start` (production) and `npm run dev` (`--dev`: Vite with hot reload). Brings the database
// up to date, then serves the app on PORT (and HOST, if set). A fatal error (the database cannot
// be opened, the port is taken, an uncaught exception) ends the process with a non-zero exit
// code, so a process manager restarts it (README, "Running in production").

const dev = process.argv.includes('--dev')
// Before React and the app are loaded: they pick their production or development build from it.
process.env.NODE_ENV ??= dev ? 'development' : 'production'
const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)))

function fatal(message: string, error?: unknown): never {
  console.error(`Fatal: ${message}`, error instanceof Error ? error.message : (error ?? ''))
  process.exit(1)
}

process.on('uncaughtException', (error) => {
  console.error(error)
  fatal('uncaught exception, stopping')
})
process.on('unhandledRejection', (error) => {
  console.error(error)
  fatal('unhandled promise rejection, stopping')
})

// Every setting read and checked before anything starts: a wrong one ends here, naming it.
const { configOrExit } = await import('../app/config.server')
const settings = configOrExit()

const { connect, migrateToLatest } = await import('../db/connect')
const db = connect(settings.DATABASE_URL)
try {
  await migrateToLatest(db)
} catch (error) {
  fatal('cannot open or migrate the database (DATABASE_URL)', error)
} finally {
  await db.destroy()
}

// Which proxies may name the client, for sign-in throttling per address (TRUST_PROXY).
const trustProxy = settings.TRUST_PROXY ?? false

const { createApp } = await import('./app')
// Meeting pack PDFs laid out in a thread of their own (docs/decisions/0058).
const { startPdfThread } = await import('./pdf-thread')
const pdfThread = startPdfThread()
const vite = dev
  ? await import('vite').then(({ createServer }) => createServer({ root, server: { middlewareMode: true } }))
  : undefined
const app = createApp({
  build: vite
    ? () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
    : await import(pathToFileURL(path.join(root, 'build/server/index.js')).href),
  mode: dev ? 'development' : 'production',
  vite,
  clientDir: path.join(root, 'build/client'),
  trustProxy,
  renderPackPdf: pdfThread.render,
})

// Background jobs (imports, exports, snapshots, packs) off the request thread (docs/decisions/0035).
const { startJobsThread } = await import('./jobs-thread')
const jobs = settings.JOBS_IN_SERVER === 1 ? startJobsThread(settings.DATABASE_URL) : undefined

const port = settings.PORT
const host = settings.HOST
const listening = () =>
  console.log(`CAREC Pipeline: http://${host ?? 'localhost'}:${port} (${settings.NODE_ENV})`)
const server = host ? app.listen(port, host, listening) : app.listen(port, listening)
server.on('error', (error) => fatal(`cannot listen on ${host ?? ''}:${port}`, error))

// Finish the requests under way, then stop; a process manager's stop or Ctrl+C.
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    server.close(() => void Promise.all([jobs?.stop(), pdfThread.stop()]).then(() => process.exit(0)))
    server.closeIdleConnections()
    setTimeout(() => process.exit(0), 10_000).unref()
  })
