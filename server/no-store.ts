import type { RequestHandler } from 'express'

/**
 * Every answer of the app is for the person who asked (their pages, their data, their
 * downloads): no browser or proxy may keep it, unless the route said otherwise. Set just before
 * the headers go out, so a route's own Cache-Control wins. Static files are served before this.
 */
export const noStoreByDefault: RequestHandler = (_req, res, next) => {
  const writeHead = res.writeHead
  res.writeHead = function (this: typeof res, ...args: unknown[]) {
    if (!this.hasHeader('Cache-Control')) this.setHeader('Cache-Control', 'no-store')
    return (writeHead as (...a: unknown[]) => typeof res).apply(this, args)
  } as typeof res.writeHead
  next()
}
