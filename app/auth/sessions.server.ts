import type { DB } from '../../db/schema'
import { randomToken, sha256Hex } from './secrets.server'

// Server-side sessions (docs/decisions/0022-sign-in-protection.md). The cookie carries a random
// token; the database keeps only its SHA-256 as the session's id, so a copy of the database
// cannot be replayed as a cookie. A session ends 14 days after its last use and 30 days after
// sign-in, whichever comes first, and at once when signed out. This module is the whole session
// store: nothing else in the app reads the sessions table's expiry.

export const SESSION = {
  idleMs: 14 * 24 * 60 * 60_000,
  maxMs: 30 * 24 * 60 * 60_000,
  /** the sliding expiry is written at most this often, not on every request */
  touchEveryMs: 60_000,
} as const

export interface SessionUser {
  sessionId: string
  userId: string
  email: string
  name: string
  role: string
  organisation: string | null
  /** users.language, the account's preferred language */
  language: string
  expiresAt: Date
}

export function sessionIdOf(token: string): string {
  return sha256Hex(token)
}

/**
 * A new session (always a new id: nothing a client sent before is ever reused). The browser's
 * user agent is kept for the account page's list of sessions.
 */
export async function createSession(
  db: DB,
  userId: string,
  now: Date,
  userAgent: string | null = null,
): Promise<{ token: string; id: string }> {
  const token = randomToken(32)
  const id = sessionIdOf(token)
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      expires_at: new Date(now.getTime() + SESSION.idleMs).toISOString(),
      absolute_expires_at: new Date(now.getTime() + SESSION.maxMs).toISOString(),
      created_at: now.toISOString(),
      last_used_at: now.toISOString(),
      user_agent: userAgent?.slice(0, 400) ?? null,
    })
    .execute()
  await db.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', userId).execute()
  return { token, id }
}

/**
 * The session of a cookie token and its person, or null once it has ended (then it is deleted):
 * by time, or because the account is no longer active (deactivated: a session that slipped past
 * the deactivation ends at its next use). A use moves the idle expiry to 14 days from now, never
 * past the 30-day limit, and is the session's "last used".
 */
export async function validateSession(db: DB, token: string, now: Date): Promise<SessionUser | null> {
  const id = sessionIdOf(token)
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.user_id',
      's.expires_at',
      's.absolute_expires_at',
      'u.email',
      'u.name',
      'u.role',
      'u.organisation',
      'u.language',
      'u.status',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  const absolute = row.absolute_expires_at ? Date.parse(row.absolute_expires_at) : Date.parse(row.expires_at)
  const expires = Math.min(Date.parse(row.expires_at), absolute)
  if (now.getTime() >= expires || row.status !== 'active') {
    await db.deleteFrom('sessions').where('id', '=', id).execute()
    return null
  }
  const slid = Math.min(now.getTime() + SESSION.idleMs, absolute)
  const touch = slid - expires >= SESSION.touchEveryMs
  if (touch)
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(slid).toISOString(), last_used_at: now.toISOString() })
      .where('id', '=', id)
      .execute()
  return {
    sessionId: id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisation: row.organisation,
    language: row.language,
    expiresAt: new Date(touch ? slid : expires),
  }
}

/** Ends the session of a cookie token, if there is one. */
export async function endSession(db: DB, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionIdOf(token)).execute()
}

/** Ends every session of a person, or every one but `exceptId` (the one in use). */
export async function endUserSessions(db: DB, userId: string, exceptId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptId) query = query.where('id', '!=', exceptId)
  await query.execute()
}

/** Sessions past either limit; run now and then so the table does not grow with abandoned ones. */
export async function deleteEndedSessions(db: DB, now: Date): Promise<void> {
  const at = now.toISOString()
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', at), eb('absolute_expires_at', '<=', at)]))
    .execute()
}
