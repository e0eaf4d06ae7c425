import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia'
import type { DB } from '../../db/schema'
import { sha256Hex } from './secrets.server'

// lucia v3's storage, over Kysely (so one adapter serves SQLite and PostgreSQL; lucia's own SQLite
// adapter refuses better-sqlite3 12). lucia creates, validates and ends sessions; this adapter
// carries our policy (docs/decisions/0022-sign-in-protection.md):
// - lucia's session id is the cookie's random token; the table keeps only its SHA-256, so a copy
//   of the database opens no session. Every method that takes a session id hashes it.
// - A session ends 14 days after its last use and 30 days after sign-in, whichever comes first.
//   The expiry reported to lucia is exactly that, so lucia's own expiry check (which deletes an
//   ended session) enforces it; lucia's half-life extension can only rewrite within the 30 days.
// - The last use is written at most once a minute, not on every request.

const sessionQuery = (db: DB, id: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('two_factor as t', 't.user_id', 's.user_id')
    .leftJoin('user_countries as c', 'c.user_id', 's.user_id')
    .select([
      's.user_id',
      's.expires_at',
      's.absolute_expires_at',
      's.last_used_at',
      's.user_agent',
      'u.email',
      'u.name',
      'u.role',
      'u.organisation',
      'u.status',
      'u.language',
      't.enabled_at as two_factor_enabled_at',
      'c.country_code',
    ])
    .where('s.id', '=', id)
    .orderBy('c.country_code')

type SessionStatement = ReturnType<ReturnType<typeof sessionQuery>['compile']>
const compiledSessions = new WeakMap<DB, SessionStatement>()

/**
 * The session's statement with this id. It runs on every signed-in request, and building and
 * compiling it took ten times as long as running it (docs/performance.md, "Kysely's building and
 * compiling"), so it is compiled once per database; its one parameter is the session's id. Only
 * the SQL text is kept, never a session.
 */
function sessionStatement(db: DB, id: string): SessionStatement {
  let compiled = compiledSessions.get(db)
  if (!compiled) {
    compiled = sessionQuery(db, '').compile()
    if (compiled.parameters.length !== 1) throw new Error('the session statement takes only the id')
    compiledSessions.set(db, compiled)
  }
  return { ...compiled, parameters: [id] }
}

export const SESSION = {
  idleMs: 14 * 24 * 60 * 60_000,
  maxMs: 30 * 24 * 60 * 60_000,
  /** "last used" (and with it the idle expiry) is written at most this often */
  touchEveryMs: 60_000,
} as const

export function sessionIdOf(token: string): string {
  return sha256Hex(token)
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

type Row = { expires_at: string; absolute_expires_at: string | null; last_used_at: string | null }

/** When a session ends: 14 days after its last use, never past its absolute end (30 days). */
function endOf(row: Row): { expires: number; absolute: number; lastUsed: number } {
  // Only rows older than these columns lack them (the sign-in migration deleted those): then the
  // stored expiry stands for both.
  const absolute = Date.parse(row.absolute_expires_at ?? row.expires_at)
  const lastUsed = row.last_used_at
    ? Date.parse(row.last_used_at)
    : Date.parse(row.expires_at) - SESSION.idleMs
  return { expires: Math.min(lastUsed + SESSION.idleMs, absolute), absolute, lastUsed }
}

export class KyselyAdapter implements Adapter {
  constructor(private readonly db: DB) {}

  /**
   * The session, its person and what the app needs of them on every request (their countries,
   * whether two-factor is on) in one statement: a row per country, at least one. Read from the
   * database at every request, so a session signed out or a person changed elsewhere counts at
   * once on every server (docs/decisions/0054-json-list.md).
   */
  async getSessionAndUser(token: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const id = sessionIdOf(token)
    const { rows } = await this.db.executeQuery(sessionStatement(this.db, id))
    const row = rows[0]
    if (!row) return [null, null]
    const now = Date.now()
    const end = endOf(row)
    let expires = end.expires
    // A use of a live session moves its idle end to 14 days from now (within the 30 days), so the
    // expiry lucia checks is the one from this use on. An ended session is left for lucia to delete.
    if (now < expires && row.status === 'active' && now - end.lastUsed >= SESSION.touchEveryMs) {
      expires = Math.min(now + SESSION.idleMs, end.absolute)
      await this.db
        .updateTable('sessions')
        .set({ last_used_at: iso(now), expires_at: iso(expires) })
        .where('id', '=', id)
        .execute()
    }
    const session: DatabaseSession = {
      id: token,
      userId: row.user_id,
      expiresAt: new Date(expires),
      attributes: { user_agent: row.user_agent, absolute_expires_at: iso(end.absolute) },
    }
    // Only an active account has a session: lucia deletes a session whose user it is not given, so
    // a deactivated person's session ends at their next request, whatever else missed it.
    if (row.status !== 'active') return [session, null]
    return [
      session,
      {
        id: row.user_id,
        attributes: {
          email: row.email,
          name: row.name,
          role: row.role,
          organisation: row.organisation,
          language: row.language,
          countries: rows.flatMap((r) => (r.country_code === null ? [] : [r.country_code])),
          two_factor: row.two_factor_enabled_at !== null,
        },
      },
    ]
  }

  /** lucia's listing; the app lists sessions itself (app/people/sessions.server.ts). The ids here
   * are the stored hashes: the tokens themselves are nowhere to be read back. */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute()
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      expiresAt: new Date(endOf(row).expires),
      attributes: { user_agent: row.user_agent, absolute_expires_at: iso(endOf(row).absolute) },
    }))
  }

  /** A new session: lucia gives it 14 days (SESSION.idleMs); the 30-day end is set here. */
  async setSession(session: DatabaseSession): Promise<void> {
    const now = Date.now()
    await this.db
      .insertInto('sessions')
      .values({
        id: sessionIdOf(session.id),
        user_id: session.userId,
        expires_at: iso(Math.min(session.expiresAt.getTime(), now + SESSION.maxMs)),
        absolute_expires_at: iso(now + SESSION.maxMs),
        created_at: iso(now),
        last_used_at: iso(now),
        user_agent: session.attributes.user_agent?.slice(0, 400) ?? null,
      })
      .execute()
  }

  /**
   * lucia's extension (it asks once a session is past half its 14 days). Since a use already moves
   * the idle end, this is only reached near the 30-day end, and never goes past it.
   */
  async updateSessionExpiration(token: string, expiresAt: Date): Promise<void> {
    const id = sessionIdOf(token)
    const row = await this.db
      .selectFrom('sessions')
      .select(['expires_at', 'absolute_expires_at', 'last_used_at'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) return
    const capped = Math.min(expiresAt.getTime(), endOf(row).absolute)
    if (capped <= Date.parse(row.expires_at)) return
    await this.db
      .updateTable('sessions')
      .set({ expires_at: iso(capped) })
      .where('id', '=', id)
      .execute()
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionIdOf(token)).execute()
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute()
  }

  /** Sessions past either end, so the table does not grow with abandoned ones. */
  async deleteExpiredSessions(): Promise<void> {
    const now = iso(Date.now())
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('absolute_expires_at', '<=', now)]))
      .execute()
  }
}
