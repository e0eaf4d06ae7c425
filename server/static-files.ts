import fs from 'node:fs'
import path from 'node:path'
import express, { type RequestHandler } from 'express'

/**
 * The built client folder's files outside `assets/` (public/'s: the favicon), served by
 * express.static, which otherwise looks each request's address up on the disk first (a stat, a
 * failed one for every page and API address). A built server's folder does not change while it
 * runs, so the files are listed once, as the server starts, and only their addresses reach the
 * static middleware; the rest go straight on (docs/decisions/0055-page-work.md).
 */
export function builtFiles(dir: string, options: Parameters<typeof express.static>[1]): RequestHandler {
  const addresses = new Set(listFiles(dir).map((file) => `/${file.split(path.sep).join('/')}`))
  const serve = express.static(dir, options)
  return (req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && addresses.has(decoded(req.path)))
      return serve(req, res, next)
    next()
  }
}

function decoded(address: string): string {
  try {
    return decodeURIComponent(address)
  } catch {
    return address
  }
}

/** Every file under `dir` (none when it is missing), relative to it; `assets/` has its own route. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => file.split(path.sep)[0] !== 'assets')
}
