import type { DB } from '../../db/schema'

/** How stale "last used" may get before a request writes it again: one write a minute at most. */
export const TOUCH_INTERVAL_MS = 60_000

/** Records that a session was used now (for the account page's list of sessions). */
export async function touchSession(db: DB, sessionId: string, now: string): Promise<void> {
  const staleBefore = new Date(Date.parse(now) - TOUCH_INTERVAL_MS).toISOString()
  await db
    .updateTable('sessions')
    .set({ last_used_at: now })
    .where('id', '=', sessionId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute()
}
