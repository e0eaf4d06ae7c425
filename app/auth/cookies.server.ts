import { config, type Config } from '../config.server'
import { SESSION } from './sessions.server'
import { CHALLENGE_MS } from './sign-in.server'

// The two cookies of signing in: the session, and the short-lived one that carries a right
// password to its second factor. Both hold only a random token (the database keeps its hash),
// are HttpOnly and SameSite=Lax, and Secure except on plain http to this machine.

export const SESSION_COOKIE = 'carec_session'
export const CHALLENGE_COOKIE = 'carec_second_factor'

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/

/**
 * Secure in production, except for plain http on this machine's loopback address, where
 * browsers and curl would otherwise drop the cookie and the quick start could not sign in.
 * An https APP_URL makes it Secure always: behind a reverse proxy that talks plain http to a
 * loopback Host, the browser is still on https, whether or not TRUST_PROXY lets us see it.
 */
export function isSecure(
  request: Request,
  settings: Pick<Config, 'NODE_ENV' | 'APP_URL'> = config(),
): boolean {
  if (settings.NODE_ENV !== 'production') return false
  if (settings.APP_URL.startsWith('https:')) return true
  // request.url is https when this server or a proxy TRUST_PROXY trusts (X-Forwarded-Proto) says so
  const url = new URL(request.url)
  const host = request.headers.get('host') ?? url.host
  return url.protocol === 'https:' || !LOOPBACK.test(host)
}

export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim()
      // Our tokens are base64url; anything else is not ours and is ignored.
      return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : null
    }
  }
  return null
}

function serialise(request: Request, name: string, value: string, maxAgeSeconds: number): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`]
  if (isSecure(request)) parts.push('Secure')
  return parts.join('; ')
}

export function sessionCookie(request: Request, token: string): string {
  return serialise(request, SESSION_COOKIE, token, Math.floor(SESSION.maxMs / 1000))
}

export function challengeCookie(request: Request, challenge: string): string {
  return serialise(request, CHALLENGE_COOKIE, challenge, Math.floor(CHALLENGE_MS / 1000))
}

export function clearCookie(request: Request, name: string): string {
  return serialise(request, name, '', 0)
}
