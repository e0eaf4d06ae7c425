import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import type { AccessEvent } from './access-events'

// The access log: every change to people and access, written in the same transaction as the
// change (pass the transaction as `db`). Append-only: this module inserts and reads; nothing in
// the app updates or deletes a row.

export interface AccessEventInput {
  event: AccessEvent
  /** who did it; null for the command line or a person not signed in (a reset link) */
  actorId: string | null
  /** whose account it concerns; null when none (a reset asked for an unknown e-mail) */
  subjectId: string | null
  /** what changed, shaped by event; no secrets (never a password, token or link) */
  details?: Record<string, unknown>
  /** the client's address, when a request caused it */
  ip?: string | null
  at?: string
}

export async function recordAccessEvent(db: DB, input: AccessEventInput): Promise<void> {
  await db
    .insertInto('access_log')
    .values({
      id: randomUUID(),
      at: input.at ?? new Date().toISOString(),
      event: input.event,
      actor_id: input.actorId,
      subject_id: input.subjectId,
      ip: input.ip ?? null,
      details: JSON.stringify(input.details ?? {}),
    })
    .execute()
}
