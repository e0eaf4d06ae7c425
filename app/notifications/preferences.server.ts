import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { enqueueMail } from './outbox.server'
import {
  DELIVERIES,
  PREFERENCE_KINDS,
  preferenceKindOf,
  type Delivery,
  type PreferenceKind,
  type Preferences,
} from './preferences'

// E-mail preferences per kind of notification (docs/decisions/0021-notification-email-preferences.md):
// at once, in a daily digest, or not by e-mail. The inbox always has every notification; only the
// mail depends on the preference. No stored preference means "at once", as before.

export async function getPreferences(db: DB, userId: string): Promise<Preferences> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['kind', 'delivery'])
    .where('user_id', '=', userId)
    .execute()
  const preferences: Preferences = {
    mentions: 'immediate',
    status_changes: 'immediate',
    cofinancing: 'immediate',
    changes: 'immediate',
  }
  for (const row of rows)
    if (
      (PREFERENCE_KINDS as readonly string[]).includes(row.kind) &&
      (DELIVERIES as readonly string[]).includes(row.delivery)
    )
      preferences[row.kind as PreferenceKind] = row.delivery as Delivery
  return preferences
}

export async function savePreferences(
  db: DB,
  userId: string,
  preferences: Preferences,
  now = new Date().toISOString(),
): Promise<void> {
  for (const kind of PREFERENCE_KINDS)
    await db
      .insertInto('notification_preferences')
      .values({ user_id: userId, kind, delivery: preferences[kind], updated_at: now })
      .onConflict((oc) =>
        oc.columns(['user_id', 'kind']).doUpdateSet({ delivery: preferences[kind], updated_at: now }),
      )
      .execute()
}

export interface NotificationMail {
  notificationId: string
  /** the notification kind: mention, transition, flag, ... */
  kind: string
  userId: string
  to: string
  subject: string
  body: string
  /** the item's address, listed in a digest */
  link: string
  at: string
}

/**
 * The one place notification mail is queued, in the transaction that wrote the notification: at
 * once into the outbox, into the person's next daily digest, or nowhere, as they prefer. Only
 * active accounts get mail.
 */
export async function enqueueNotificationMail(db: DB, mail: NotificationMail): Promise<Delivery> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('notification_preferences as p', (join) =>
      join.onRef('p.user_id', '=', 'u.id').on('p.kind', '=', preferenceKindOf(mail.kind)),
    )
    .select(['u.status', 'p.delivery'])
    .where('u.id', '=', mail.userId)
    .executeTakeFirst()
  if (!row || row.status !== 'active') return 'none'
  const delivery = (DELIVERIES as readonly string[]).includes(row.delivery ?? '')
    ? (row.delivery as Delivery)
    : 'immediate'
  if (delivery === 'immediate')
    await enqueueMail(db, {
      to: mail.to,
      subject: mail.subject,
      body: mail.body,
      at: mail.at,
      notificationId: mail.notificationId,
    })
  else if (delivery === 'digest')
    await db
      .insertInto('digest_entries')
      .values({
        id: randomUUID(),
        user_id: mail.userId,
        notification_id: mail.notificationId,
        subject: mail.subject,
        link: mail.link,
        created_at: mail.at,
        digest_id: null,
      })
      .execute()
  return delivery
}
