import { acceptedLanguage, DEFAULT_LANGUAGE, isLanguage, type Language } from './languages'

// Which language a request is answered in, decided in one place for pages, exports, the meeting
// pack and API messages alike (docs/decisions/0024-languages.md).

export const LANGUAGE_COOKIE = 'carec_lng'
export const LANGUAGE_PARAM = 'lng'
const ONE_YEAR = 60 * 60 * 24 * 365

/** The part of a signed-in person the resolution reads: their account's stored preference. */
export interface LanguageHolder {
  id: string
  preferredLanguage?: string | null
}

/** ?lng= of the address, when it names one of ours. */
export function languageFromQuery(request: Request): Language | null {
  const value = new URL(request.url).searchParams.get(LANGUAGE_PARAM)
  return isLanguage(value) ? value : null
}

/** The language remembered in this browser's cookie, when it names one of ours. */
export function languageFromCookie(request: Request): Language | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === LANGUAGE_COOKIE) {
      const value = rest.join('=').trim()
      if (isLanguage(value)) return value
    }
  }
  return null
}

/**
 * The order, most specific first: a shared link's ?lng=, this browser's last choice (cookie), the
 * person's account, the browser's Accept-Language, English. The cookie comes before the account
 * so a choice made on this device holds here even before it reaches the account.
 */
export function resolveLanguage(request: Request, user: LanguageHolder | null | undefined): Language {
  const account = user?.preferredLanguage
  return (
    languageFromQuery(request) ??
    languageFromCookie(request) ??
    (isLanguage(account) ? account : null) ??
    acceptedLanguage(request.headers.get('accept-language')) ??
    DEFAULT_LANGUAGE
  )
}

/**
 * The Set-Cookie that remembers a language in this browser for a year. Not a secret (HttpOnly
 * only because no script needs it), SameSite=Lax so a shared link's choice sticks.
 */
export function languageCookie(language: Language): string {
  return `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax; HttpOnly`
}

/**
 * The Set-Cookie a page answer carries when its address chose a language (?lng=) other than the
 * one the cookie already holds: a shared link then keeps its language on the next click.
 */
export function languageCookieFor(request: Request): string | null {
  const chosen = languageFromQuery(request)
  return chosen && chosen !== languageFromCookie(request) ? languageCookie(chosen) : null
}

/** A same-site path with any ?lng= taken out, so going back after a choice does not undo it. */
export function withoutLanguageParam(path: string): string {
  const url = new URL(path, 'http://localhost')
  url.searchParams.delete(LANGUAGE_PARAM)
  return url.pathname + url.search
}
