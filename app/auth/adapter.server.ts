import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

// Lucia's own SQLite adapter refuses better-sqlite3 12, so this small one goes through Kysely
// and therefore serves PostgreSQL too. Expiry is ISO text, comparable as text on both databases.

export class KyselyAdapter implements Adapter {
  constructor(private readonly db: () => Promise<Kysely<Database>>) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const db = await this.db()
    const row = await db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id',
        's.user_id',
        's.expires_at',
        's.user_agent',
        'u.email',
        'u.name',
        'u.role',
        'u.organisation',
        'u.status',
        'u.language',
      ])
      .where('s.id', '=', sessionId)
      .executeTakeFirst()
    if (!row) return [null, null]
    const session = {
      id: row.id,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      attributes: { user_agent: row.user_agent },
    }
    // Only an active account has a session: a deactivated person's session ends at their next
    // request (Lucia deletes a session whose user is missing), whatever else missed it.
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
        },
      },
    ]
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const db = await this.db()
    const rows = await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute()
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      expiresAt: new Date(r.expires_at),
      attributes: { user_agent: r.user_agent },
    }))
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const db = await this.db()
    const now = new Date().toISOString()
    await db
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        expires_at: session.expiresAt.toISOString(),
        created_at: now,
        last_used_at: now,
        user_agent: session.attributes.user_agent ?? null,
      })
      .execute()
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    const db = await this.db()
    await db
      .updateTable('sessions')
      .set({ expires_at: expiresAt.toISOString() })
      .where('id', '=', sessionId)
      .execute()
  }

  async deleteSession(sessionId: string): Promise<void> {
    const db = await this.db()
    await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
  }

  async deleteUserSessions(userId: string): Promise<void> {
    const db = await this.db()
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
  }

  async deleteExpiredSessions(): Promise<void> {
    const db = await this.db()
    await db.deleteFrom('sessions').where('expires_at', '<=', new Date().toISOString()).execute()
  }
}
