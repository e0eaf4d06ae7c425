import { createHash } from 'node:crypto'
import type { DB } from '../../db/schema'
import { recordAccessEvent } from './access-log.server'
import { describeUserAgent, type BrowserLabel } from './user-agent'

// One's own sessions on the account page: which browser, since when, last used; end one or all
// others. A page never shows a session's id (it is the credential): each is named by a key
// derived from it, which cannot be turned back into the id.

export interface SessionView extends BrowserLabel {
  key: string
  createdAt: string | null
  lastUsedAt: string | null
  current: boolean
}

export function sessionKey(sessionId: string): string {
  return createHash('sha256').update(`session:${sessionId}`).digest('base64url').slice(0, 22)
}

export async function listSessions(
  db: DB,
  userId: string,
  currentSessionId: string | null,
  now = new Date().toISOString(),
): Promise<SessionView[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_used_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .execute()
  return rows
    .map((r) => ({
      key: sessionKey(r.id),
      ...describeUserAgent(r.user_agent),
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      current: r.id === currentSessionId,
    }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) || (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? ''),
    )
}

/** Ends one of one's own sessions by its key; false when there is none (already ended). */
export async function endSession(
  db: DB,
  userId: string,
  key: string,
  now = new Date().toISOString(),
): Promise<boolean> {
  const rows = await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()
  const found = rows.find((r) => sessionKey(r.id) === key)
  if (!found) return false
  await db.deleteFrom('sessions').where('id', '=', found.id).where('user_id', '=', userId).execute()
  await recordAccessEvent(db, {
    event: 'sessions_ended',
    actorId: userId,
    subjectId: userId,
    details: { count: 1 },
    at: now,
  })
  return true
}

/** Ends every session of one's own but this one; answers how many ended. */
export async function endOtherSessions(
  db: DB,
  userId: string,
  currentSessionId: string | null,
  now = new Date().toISOString(),
): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (currentSessionId) query = query.where('id', '!=', currentSessionId)
  const ended = Number((await query.executeTakeFirst()).numDeletedRows)
  if (ended > 0)
    await recordAccessEvent(db, {
      event: 'sessions_ended',
      actorId: userId,
      subjectId: userId,
      details: { count: ended, all_others: true },
      at: now,
    })
  return ended
}
