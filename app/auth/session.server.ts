import { redirect } from '@remix-run/node'
import { Lucia, TimeSpan } from 'lucia'
import { getDb } from '../db.server'
import { actorOf, ROLES, type Actor, type Role } from '../permissions/permissions'
import { KyselyAdapter } from './adapter.server'
import { isCrossOriginWrite } from './origin.server'
import { decoyHash, verifyPassword } from './password.server'

export interface CurrentUser extends Actor {
  email: string
  name: string
}

// Sessions live in the database (revocable, shared by every app instance) and slide: they end
// 30 days after the last use. The cookie only carries the id and is long-lived, so reads never
// need to re-send it; the database decides whether it is still valid.
const lucia = new Lucia(new KyselyAdapter(getDb), {
  sessionExpiresIn: new TimeSpan(30, 'd'),
  sessionCookie: { name: 'carec_session', expires: false, attributes: { sameSite: 'lax' } },
  getUserAttributes: (attributes) => attributes,
})

declare module 'lucia' {
  interface Register {
    Lucia: typeof lucia
    DatabaseUserAttributes: { email: string; name: string; role: string; organisation: string | null }
  }
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/

/**
 * Secure in production, except for plain http on this machine's loopback address, where
 * browsers and curl would otherwise drop the cookie and the quick start could not sign in.
 */
function isSecure(request: Request): boolean {
  if (process.env.NODE_ENV !== 'production') return false
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
  attributes: { email: string; name: string; role: string; organisation: string | null },
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
  return { ...actor, email: attributes.email, name: attributes.name }
}

export async function getUser(request: Request): Promise<CurrentUser | null> {
  const sessionId = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (!sessionId) return null
  const { user } = await lucia.validateSession(sessionId)
  if (!user) return null
  return loadActor(user.id, user)
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
    .select(['id', 'password_hash'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password)
  if (!user || !ok) return null
  const session = await lucia.createSession(user.id, {})
  return serialize(request, lucia.createSessionCookie(session.id))
}

export async function signOut(request: Request): Promise<string> {
  const sessionId = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (sessionId) await lucia.invalidateSession(sessionId)
  return serialize(request, lucia.createBlankSessionCookie())
}
