import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { currentSessionId } from '../auth/session.server'
import type { FlashMessage } from './flash'

// Flash messages live in the database beside the session (flash_messages, one per session), not
// in process memory: the redirect after an action may reach another app instance or a restarted
// one, and a message must be shown once. Why: docs/decisions/0031-correctable-meetings-and-feedback.md.

/** Leaves `message` for the next page of the request's session; without a session it is dropped. */
export async function setFlash(
  db: DB,
  request: Request,
  message: Omit<FlashMessage, 'id'>,
  now: string = new Date().toISOString(),
): Promise<void> {
  const sessionId = currentSessionId(request)
  if (sessionId) await putFlash(db, sessionId, message, now)
}

/** The same, for a known session id (tests, and callers that have one). */
export async function putFlash(
  db: DB,
  sessionId: string,
  message: Omit<FlashMessage, 'id'>,
  now: string,
): Promise<void> {
  const stored = JSON.stringify({ ...message, id: randomUUID() } satisfies FlashMessage)
  // delete then insert: the same on SQLite and PostgreSQL (no dialect's upsert needed)
  await withinTransaction(db, async (trx) => {
    await trx.deleteFrom('flash_messages').where('session_id', '=', sessionId).execute()
    await trx
      .insertInto('flash_messages')
      .values({ session_id: sessionId, message: stored, created_at: now })
      .execute()
  })
}

/** The session's message, once: it is deleted as it is read. */
export async function takeFlash(db: DB, request: Request): Promise<FlashMessage | null> {
  const sessionId = currentSessionId(request)
  return sessionId ? takeFlashOf(db, sessionId) : null
}

export async function takeFlashOf(db: DB, sessionId: string): Promise<FlashMessage | null> {
  const row = await db
    .selectFrom('flash_messages')
    .select('message')
    .where('session_id', '=', sessionId)
    .executeTakeFirst()
  if (!row) return null
  const deleted = await db
    .deleteFrom('flash_messages')
    .where('session_id', '=', sessionId)
    .where('message', '=', row.message)
    .executeTakeFirst()
  // two pages reading at once: only the one that deleted it shows it
  if (Number(deleted.numDeletedRows) !== 1) return null
  try {
    return JSON.parse(row.message) as FlashMessage
  } catch {
    return null
  }
}
