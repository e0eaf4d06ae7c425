import { redirect } from '@remix-run/node'
import { getDb } from '../db.server'
import { actorOf, mustUseTwoFactor, ROLES, type Actor, type Role } from '../permissions/permissions'
import { authenticateToken } from '../tokens/tokens.server'
import { securityConfig } from './config.server'
import { readCookie, SESSION_COOKIE, sessionCookie } from './cookies.server'
import { isCrossOriginWrite } from './origin.server'
import { onceThisTurn } from './same-moment.server'
import { createSession, sessionIdOf, validateSession } from './sessions.server'
import { twoFactorEnabled } from './two-factor.server'

// Who is asking: the guards routes call. A browser is known by its session cookie; a program on
// /api/v1 and /export by its personal API token (Authorization: Bearer). Signing in itself is
// app/auth/sign-in.server.ts.

export interface CurrentUser extends Actor {
  email: string
  name: string
  /** users.language: the page's language when neither ?lng= nor the cookie names one (app/i18n) */
  preferredLanguage: string
  /** has this person turned two-factor sign-in on */
  twoFactor: boolean
  /** how the request proved who it is; a token's kind limits it to reading or not */
  via: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenKind: 'read' | 'write' }
}

export const TWO_FACTOR_SETUP_PATH = '/account/security'

/** A write from another site's page is refused: the Origin a browser sends must be ours. */
export function assertSameOrigin(request: Request): void {
  if (isCrossOriginWrite(request))
    throw new Response('Cross-origin request refused', { status: 403, statusText: 'Forbidden' })
}

async function loadActor(
  user: {
    id: string
    email: string
    name: string
    role: string
    organisation: string | null
    language: string
  },
  via: CurrentUser['via'],
  /** the person's countries and two-factor setting when already read (with the session) */
  known?: { countries: string[]; twoFactor: boolean },
): Promise<CurrentUser | null> {
  if (!(ROLES as readonly string[]).includes(user.role)) return null
  const db = await getDb()
  const countries =
    known?.countries ??
    (
      await db
        .selectFrom('user_countries')
        .select('country_code')
        .where('user_id', '=', user.id)
        .orderBy('country_code')
        .execute()
    ).map((c) => c.country_code)
  const actor = actorOf({ id: user.id, role: user.role as Role, organisation: user.organisation }, countries)
  return {
    ...actor,
    email: user.email,
    name: user.name,
    preferredLanguage: user.language,
    twoFactor: known?.twoFactor ?? (await twoFactorEnabled(db, user.id)),
    via,
  }
}

/** The signed-in person of a browser request (by its session cookie), or null. */
export async function getUser(request: Request): Promise<CurrentUser | null> {
  const token = readCookie(request, SESSION_COOKIE)
  if (!token) return null
  // Once per page request, though the root loader and the page's loader each ask. Only for reads:
  // a form posted without JavaScript runs its action and then the loaders in one request, and the
  // action may have changed the person (their language, a signed-out session).
  if (request.method === 'GET' || request.method === 'HEAD')
    return onceThisTurn(`user:${token}`, () => userOfSession(token))
  return userOfSession(token)
}

async function userOfSession(token: string): Promise<CurrentUser | null> {
  const session = await validateSession(await getDb(), token)
  if (!session) return null
  return loadActor(
    {
      id: session.userId,
      email: session.email,
      name: session.name,
      role: session.role,
      organisation: session.organisation,
      language: session.language,
    },
    { kind: 'session', sessionId: session.sessionId },
    // read in the session's own statement: one statement per request, not three
    { countries: session.countries, twoFactor: session.twoFactor },
  )
}

/** The id of the session the request's cookie names (valid or not), for the account page. */
export function currentSessionId(request: Request): string | null {
  const token = readCookie(request, SESSION_COOKIE)
  return token ? sessionIdOf(token) : null
}

/** A new session for someone just signed in another way (an accepted invitation): its cookie. */
export async function startSession(request: Request, userId: string): Promise<string> {
  const { token } = await createSession(await getDb(), userId, request.headers.get('user-agent'))
  return sessionCookie(request, token)
}

/** Must this person still turn two-factor on (the installation requires it of their role)? */
export function needsTwoFactorSetup(user: CurrentUser): boolean {
  return !user.twoFactor && mustUseTwoFactor(user, securityConfig().twoFactorRequiredRoles)
}

/**
 * The signed-in person, or a redirect to the sign-in page that comes back here afterwards. A
 * person whose role must use two-factor and has not turned it on is sent to set it up first;
 * `allowWithoutTwoFactor` is for that page itself.
 */
export async function requireUser(
  request: Request,
  { allowWithoutTwoFactor = false }: { allowWithoutTwoFactor?: boolean } = {},
): Promise<CurrentUser> {
  assertSameOrigin(request)
  const user = await getUser(request)
  const url = new URL(request.url)
  if (!user) throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`)
  if (!allowWithoutTwoFactor && needsTwoFactorSetup(user)) throw redirect(TWO_FACTOR_SETUP_PATH)
  return user
}

function apiRefusal(status: 401 | 403, error: string, message: string): Response {
  return Response.json(
    { error, message },
    { status, headers: status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {} },
  )
}

/** The token of `Authorization: Bearer <token>`; undefined when the header is absent. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization')
  if (header === null) return undefined
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header)
  return match ? match[1]! : ''
}

/**
 * For /api/v1 and /export: a personal API token (Authorization: Bearer) or a session cookie;
 * 401 or 403 with a JSON body instead of a redirect. A token request needs no Origin (it is no
 * browser riding a cookie); a cookie request that writes must come from our own pages.
 */
export async function requireApiUser(request: Request): Promise<CurrentUser> {
  const token = bearerToken(request)
  let user: CurrentUser | null
  if (token !== undefined) {
    const db = await getDb()
    const outcome = await authenticateToken(db, token, request.method, new Date())
    if (outcome.kind === 'invalid')
      throw apiRefusal(401, 'invalid_token', 'This API token is unknown, revoked or expired.')
    if (outcome.kind === 'read_only')
      throw apiRefusal(403, 'read_only_token', 'This API token may only read; this request writes.')
    const owner = await db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role', 'organisation', 'language'])
      .where('id', '=', outcome.userId)
      .where('status', '=', 'active')
      .executeTakeFirst()
    user = owner ? await loadActor(owner, { kind: 'token', tokenKind: outcome.tokenKind }) : null
    if (!user) throw apiRefusal(401, 'invalid_token', 'This API token is unknown, revoked or expired.')
  } else {
    assertSameOrigin(request)
    user = await getUser(request)
    if (!user)
      throw apiRefusal(
        401,
        'unauthenticated',
        'Sign in first: this API needs a session cookie or an API token (Authorization: Bearer).',
      )
  }
  if (needsTwoFactorSetup(user))
    throw apiRefusal(403, 'two_factor_required', 'Turn on two-factor sign-in first (/account/security).')
  return user
}
