import { redirect } from '@remix-run/node'
import { Lucia, TimeSpan } from 'lucia'
import { config } from '../config.server'
import { getDb } from '../db.server'
import { actorOf, ROLES, type Actor, type Role } from '../permissions/permissions'
import { KyselyAdapter } from './adapter.server'
import { isCrossOriginWrite } from './origin.server'
import { decoyHash, verifyPassword } from './password.server'
import { touchSession } from './session-use.server'

export interface CurrentUser extends Actor {
  email: string
  name: string
  /** users.language: the page's language when neither ?lng= nor the cookie names one (app/i18n) */
  preferredLanguage: string
}

// Sessions live in the database (revocable, shared by every app instance) and slide: they end
// 30 days after the last use. The cookie only carries the id and is long-lived, so reads never
// need to re-send it; the database decides whether it is still valid.
const lucia = new Lucia(new KyselyAdapter(getDb), {
  sessionExpiresIn: new TimeSpan(30, 'd'),
  sessionCookie: { name: 'carec_session', expires: false, attributes: { sameSite: 'lax' } },
  getUserAttributes: (attributes) => attributes,
  getSessionAttributes: (attributes) => attributes,
})

declare module 'lucia' {
  interface Register {
    Lucia: typeof lucia
    DatabaseUserAttributes: {
      email: string
      name: string
      role: string
      organisation: string | null
      language: string
    }
    DatabaseSessionAttributes: { user_agent: string | null }
  }
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/

/**
 * Secure in production, except for plain http on this machine's loopback address, where
 * browsers and curl would otherwise drop the cookie and the quick start could not sign in.
 */
function isSecure(request: Request): boolean {
  if (config().NODE_ENV !== 'production') return false
  const url = new URL(request.url)
  const host = request.headers.get('host') ?? url.host
  return url.protocol === 'https:' || !LOOPBACK.test(host)
}

function serialize(request: Request, cookie: ReturnType<typeof lucia.createSessionCookie>): string {
  cookie.attributes.secure = isSecure(request)
  return cookie.serialize()
}

/** A write from another site's page is refused: the Origin a browser sends must be ours. */
export function assertSameOrigin(request: Request): void {
  if (isCrossOriginWrite(request))
    throw new Response('Cross-origin request refused', { status: 403, statusText: 'Forbidden' })
}

async function loadActor(
  userId: string,
  attributes: { email: string; name: string; role: string; organisation: string | null; language: string },
): Promise<CurrentUser | null> {
  if (!(ROLES as readonly string[]).includes(attributes.role)) return null
  const db = await getDb()
  const countries = await db
    .selectFrom('user_countries')
    .select('country_code')
    .where('user_id', '=', userId)
    .orderBy('country_code')
    .execute()
  const actor = actorOf(
    { id: userId, role: attributes.role as Role, organisation: attributes.organisation },
    countries.map((c) => c.country_code),
  )
  return { ...actor, email: attributes.email, name: attributes.name, preferredLanguage: attributes.language }
}

export async function getUser(request: Request): Promise<CurrentUser | null> {
  const sessionId = currentSessionId(request)
  if (!sessionId) return null
  const { user } = await lucia.validateSession(sessionId)
  if (!user) return null
  await touchSession(await getDb(), sessionId, new Date().toISOString())
  return loadActor(user.id, user)
}

/** The id of the session the request's cookie names (valid or not), for the account page. */
export function currentSessionId(request: Request): string | null {
  return lucia.readSessionCookie(request.headers.get('cookie') ?? '')
}

/** A new session for someone just signed in another way (an accepted invitation): its cookie. */
export async function startSession(request: Request, userId: string): Promise<string> {
  const db = await getDb()
  await db
    .updateTable('users')
    .set({ last_sign_in_at: new Date().toISOString() })
    .where('id', '=', userId)
    .execute()
  const session = await lucia.createSession(userId, { user_agent: userAgentOf(request) })
  return serialize(request, lucia.createSessionCookie(session.id))
}

function userAgentOf(request: Request): string | null {
  return request.headers.get('user-agent')?.slice(0, 400) ?? null
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  assertSameOrigin(request)
  const user = await getUser(request)
  if (user) return user
  const url = new URL(request.url)
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`)
}

/** For the JSON API: 401 with a JSON body instead of a redirect. */
export async function requireApiUser(request: Request): Promise<CurrentUser> {
  assertSameOrigin(request)
  const user = await getUser(request)
  if (user) return user
  throw Response.json(
    { error: 'unauthenticated', message: 'Sign in first: this API needs a session cookie.' },
    { status: 401 },
  )
}

/** Checks e-mail and password; the same answer, in the same time, for an unknown e-mail and a wrong password. */
export async function signIn(request: Request, email: string, password: string): Promise<string | null> {
  const db = await getDb()
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'status'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  // An invited account has no password yet (''): the decoy keeps its timing like any other.
  const ok = await verifyPassword(user?.password_hash || (await decoyHash()), password)
  if (!user || !ok || user.status !== 'active') return null
  return startSession(request, user.id)
}

export async function signOut(request: Request): Promise<string> {
  const sessionId = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (sessionId) await lucia.invalidateSession(sessionId)
  return serialize(request, lucia.createBlankSessionCookie())
}
