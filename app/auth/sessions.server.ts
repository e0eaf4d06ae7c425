import { Lucia, TimeSpan } from 'lucia'
import type { DB } from '../../db/schema'
import { KyselyAdapter, SESSION, sessionIdOf } from './adapter.server'
import { randomToken } from './secrets.server'

// Server-side sessions (docs/decisions/0022-sign-in-protection.md). lucia v3 manages them (the
// stack's choice), kept behind this module so it can be replaced: nothing else in the app touches
// lucia's sessions. Our adapter (adapter.server.ts) carries the policy: the cookie's 256-bit
// random token is lucia's session id, the database keeps only its SHA-256, and a session ends 14
// days after its last use and 30 days after sign-in, whichever comes first, and at once when
// signed out. Both lucia and the adapter read the system clock (lucia has no other), so tests set
// that clock.

export { SESSION, sessionIdOf }

function createLucia(db: DB) {
  return new Lucia(new KyselyAdapter(db), {
    sessionExpiresIn: new TimeSpan(SESSION.idleMs, 'ms'),
    getUserAttributes: (attributes) => attributes,
    getSessionAttributes: (attributes) => attributes,
  })
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>
    DatabaseUserAttributes: {
      email: string
      name: string
      role: string
      organisation: string | null
      language: string
      /** user_countries, in code order (read with the session: adapter.server.ts) */
      countries: string[]
      /** has the person turned two-factor sign-in on */
      two_factor: boolean
    }
    DatabaseSessionAttributes: {
      user_agent: string | null
      /** set by the adapter from the sign-in time, never given by a caller */
      absolute_expires_at?: string
    }
  }
}

// One lucia per database handle (the app has one; tests open their own).
const instances = new WeakMap<DB, ReturnType<typeof createLucia>>()
function luciaOf(db: DB): ReturnType<typeof createLucia> {
  let lucia = instances.get(db)
  if (!lucia) instances.set(db, (lucia = createLucia(db)))
  return lucia
}

export interface SessionUser {
  /** the stored id (SHA-256 of the token), as the account page's list of sessions names it */
  sessionId: string
  userId: string
  email: string
  name: string
  role: string
  organisation: string | null
  /** users.language, the account's preferred language */
  language: string
  /** the person's countries (user_countries), in code order */
  countries: string[]
  /** has the person turned two-factor sign-in on */
  twoFactor: boolean
  expiresAt: Date
}

/**
 * A new session (always a new id: nothing a client sent before is ever reused). Answers the token
 * for the cookie and the stored id. The browser's user agent is kept for the account page.
 */
export async function createSession(
  db: DB,
  userId: string,
  userAgent: string | null = null,
): Promise<{ token: string; id: string }> {
  const session = await luciaOf(db).createSession(
    userId,
    { user_agent: userAgent },
    { sessionId: randomToken(32) },
  )
  await db
    .updateTable('users')
    .set({ last_sign_in_at: new Date().toISOString() })
    .where('id', '=', userId)
    .execute()
  return { token: session.id, id: sessionIdOf(session.id) }
}

/**
 * The session of a cookie token and its person, or null once it has ended (lucia then deletes it):
 * by time, or because the account is no longer active (a session that slipped past a deactivation
 * ends at its next use). A use counts as the session's last use (written at most once a minute).
 */
export async function validateSession(db: DB, token: string): Promise<SessionUser | null> {
  const { session, user } = await luciaOf(db).validateSession(token)
  if (!session) return null
  // lucia's extension reports its own 14 days from now; the adapter stored no more than the 30.
  const absolute = session.absolute_expires_at ? Date.parse(session.absolute_expires_at) : Infinity
  return {
    sessionId: sessionIdOf(session.id),
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisation: user.organisation,
    language: user.language,
    countries: user.countries,
    twoFactor: user.two_factor,
    expiresAt: new Date(Math.min(session.expiresAt.getTime(), absolute)),
  }
}

/** Ends the session of a cookie token, if there is one. */
export async function endSession(db: DB, token: string): Promise<void> {
  await luciaOf(db).invalidateSession(token)
}

/** Ends every session of a person, or every one but `exceptId` (the stored id of the one in use). */
export async function endUserSessions(db: DB, userId: string, exceptId?: string): Promise<void> {
  if (!exceptId) return luciaOf(db).invalidateUserSessions(userId)
  // lucia knows no "all but one", and knows sessions by token, which is not stored.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', exceptId).execute()
}

/** Sessions past either end; run now and then so the table does not grow with abandoned ones. */
export async function deleteEndedSessions(db: DB): Promise<void> {
  await luciaOf(db).deleteExpiredSessions()
}
