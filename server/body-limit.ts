import type { Request, RequestHandler, Response } from 'express'
import { safeRedirect } from '../app/auth/schema'
import { LANGUAGE_TAGS, translator } from '../app/i18n/i18n'
import { resolveLanguage } from '../app/i18n/language.server'
import type { Language } from '../app/i18n/languages'
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

/**
 * The language a request is answered in, as pages choose it: the app's own resolution with the
 * signed-in person's stored preference (app/entry.server.tsx, `languageOfRequest`, through
 * app/auth's session look-up). Without it, a refusal is in the cookie's or the browser's language.
 */
export type RequestLanguage = (request: globalThis.Request) => Promise<Language>

const withoutAccount: RequestLanguage = (request) => Promise.resolve(resolveLanguage(request, null))

export function bodyLimit(requestLanguage: RequestLanguage = withoutAccount): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    const kind = bodyKindOf(req.path, req.headers['content-type'])
    if (req.headers['transfer-encoding'] === undefined && declared <= BODY_LIMITS[kind]) return next()
    // A refusal is rare: only then is the session looked up for the person's language.
    requestLanguage(requestOf(req))
      .catch(() => withoutAccount(requestOf(req)))
      .then((language) => {
        if (req.headers['transfer-encoding'] !== undefined)
          return refuse(req, res, language, 411, 'lengthRequired')
        const t = translator(language)
        const { amount, unit } = sizeOf(BODY_LIMITS[kind])
        const size = `${amount} ${t(`request.unit.${unit}`)}`
        refuse(
          req,
          res,
          language,
          413,
          'tooLarge',
          { what: t(`request.what.${kind}`), limit: size },
          declared,
        )
      })
      .catch(next)
  }
}

function refuse(
  req: Request,
  res: Response,
  language: Language,
  status: 411 | 413,
  key: 'tooLarge' | 'lengthRequired',
  values: { what?: string; limit?: string } = {},
  declared = Infinity,
): void {
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
      `<!doctype html><html lang="${LANGUAGE_TAGS[language]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
        `<body><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>` +
        `<p><a href="${escapeHtml(back)}">${escapeHtml(t('request.back'))}</a></p></body></html>`,
    )
}

/**
 * The headers the language and the session are read from (docs/decisions/0024-languages.md: ?lng=,
 * the cookie, the account, Accept-Language), as a bodiless request: its body is never read.
 */
function requestOf(req: Request): globalThis.Request {
  const headers = new Headers()
  for (const name of ['cookie', 'accept-language'] as const) {
    const value = req.headers[name]
    if (value) headers.set(name, value)
  }
  return new globalThis.Request(new URL(req.originalUrl, 'http://app.invalid'), { headers })
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
