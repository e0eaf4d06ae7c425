import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import type { MailSender } from './mail.server'

// Delivering the e-mail outbox. Rows are claimed in the database (claimed_until), so several
// app instances, or the `npm run mail:deliver` script beside them, never send one mail twice; a
// failed send is retried later with a growing pause, up to MAX_ATTEMPTS.

export const MAX_ATTEMPTS = 5
const CLAIM_MS = 60_000
const BATCH = 20

export interface DeliveryReport {
  sent: number
  failed: number
}

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()

/** Sends what is due, one batch; returns what happened. */
export async function deliverOutbox(
  db: DB,
  sender: MailSender,
  now: string = new Date().toISOString(),
): Promise<DeliveryReport> {
  const due = await db
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'subject', 'body', 'attempts'])
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where('attempts', '<', MAX_ATTEMPTS)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(BATCH)
    .execute()
  const report: DeliveryReport = { sent: 0, failed: 0 }
  for (const mail of due) {
    const claimed = await db
      .updateTable('email_outbox')
      .set({ claimed_until: plus(now, CLAIM_MS) })
      .where('id', '=', mail.id)
      .where('sent_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) continue // another instance has it
    try {
      await sender.send({ to: mail.to_address, subject: mail.subject, text: mail.body })
      await db
        .updateTable('email_outbox')
        .set({
          sent_at: new Date().toISOString(),
          claimed_until: null,
          attempts: mail.attempts + 1,
          last_error: null,
        })
        .where('id', '=', mail.id)
        .execute()
      report.sent++
    } catch (error) {
      const attempts = mail.attempts + 1
      // 1, 4, 9, 16 minutes: a mail server that is down for a while gets time to come back.
      await db
        .updateTable('email_outbox')
        .set({
          attempts,
          claimed_until: null,
          next_attempt_at: plus(now, attempts * attempts * 60_000),
          last_error: error instanceof Error ? error.message : String(error),
        })
        .where('id', '=', mail.id)
        .execute()
      report.failed++
    }
  }
  return report
}

/**
 * Queues one mail that belongs to no notification (an invitation, a password reset), in the
 * caller's transaction; delivered like the rest.
 */
export async function enqueueMail(
  db: DB,
  mail: { to: string; subject: string; body: string; at: string; notificationId?: string | null },
): Promise<void> {
  await db
    .insertInto('email_outbox')
    .values({
      id: randomUUID(),
      notification_id: mail.notificationId ?? null,
      to_address: mail.to,
      subject: mail.subject,
      body: mail.body,
      created_at: mail.at,
      attempts: 0,
      next_attempt_at: mail.at,
      claimed_until: null,
      sent_at: null,
      last_error: null,
    })
    .execute()
}
