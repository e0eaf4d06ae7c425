import type { Request, RequestHandler, Response } from 'express'
import { safeRedirect } from '../app/auth/schema'
import { LANGUAGE_TAGS, translator } from '../app/i18n/i18n'
import { resolveLanguage } from '../app/i18n/language.server'
import { BODY_LIMITS, bodyKindOf, sizeOf } from '../app/request-limits'

// Request bodies are refused before the app reads a byte of them: the declared Content-Length
// decides, and Node's HTTP parser never hands the app more than that many bytes. A body of
// undeclared length (chunked) could be any size, so it is refused too; browsers always declare
// the length. docs/decisions/0017-bounded-input.md

/**
 * A refused body up to this size is received and thrown away, so that a browser still sending it
 * gets the answer; one larger (or of unknown size) is cut off by closing the connection, which a
 * browser may show as a network error rather than our page.
 */
const DISCARD_UP_TO = 64 * 1024 * 1024

export const bodyLimit: RequestHandler = (req, res, next) => {
  if (req.headers['transfer-encoding'] !== undefined) return refuse(req, res, 411, 'lengthRequired')
  const kind = bodyKindOf(req.path, req.headers['content-type'])
  const limit = BODY_LIMITS[kind]
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared <= limit) return next()
  const t = translator(languageOf(req))
  const { amount, unit } = sizeOf(limit)
  const size = `${amount} ${t(`request.unit.${unit}`)}`
  refuse(req, res, 413, 'tooLarge', { what: t(`request.what.${kind}`), limit: size }, declared)
}

function refuse(
  req: Request,
  res: Response,
  status: 411 | 413,
  key: 'tooLarge' | 'lengthRequired',
  values: { what?: string; limit?: string } = {},
  declared = Infinity,
): void {
  const language = languageOf(req)
  const t = translator(language)
  const message = t(`request.${key}`, values)
  // Node discards an unread body after the answer, on a connection kept open; or closes it.
  if (declared > DISCARD_UP_TO) res.set('Connection', 'close')
  if (req.path.startsWith('/api/') || !req.accepts('html')) {
    res.status(status).json({ error: key === 'tooLarge' ? 'too_large' : 'length_required', message })
    return
  }
  const title = t(`request.${key}Title`)
  // Back to the page the form was on: this address without Remix's `.data` suffix.
  const back = safeRedirect(req.originalUrl.replace(/\.data(?=$|\?)/, ''), '/')
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="${LANGUAGE_TAGS[language]}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
        `<body><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>` +
        `<p><a href="${escapeHtml(back)}">${escapeHtml(t('request.back'))}</a></p></body></html>`,
    )
}

/** As pages choose it (docs/decisions/0024-languages.md): ?lng=, the cookie, Accept-Language. */
function languageOf(req: Request) {
  const headers = new Headers()
  for (const name of ['cookie', 'accept-language'] as const) {
    const value = req.headers[name]
    if (value) headers.set(name, value)
  }
  return resolveLanguage(
    new globalThis.Request(new URL(req.originalUrl, 'http://app.invalid'), { headers }),
    null,
  )
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
