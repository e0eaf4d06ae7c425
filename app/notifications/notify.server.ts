import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { mentionedNames } from '../comments/markup.server'
import { translator } from '../i18n/i18n'
import { followersOf, setFollow, type Follower } from './follows.server'
import { appUrl } from './mail.server'
import type { Stage } from '../cofinancing/schema'
import type { Status } from '../portfolio/codes'
import { enqueueNotificationMail } from './preferences.server'

// Telling people about changes (docs/decisions/0008-notifications.md). Each function runs inside
// the transaction that recorded the history event: the inbox rows and the outbox mail commit with
// the change or not at all. The person who made the change is never told about it.

export const NOTIFICATION_KINDS = ['mention', 'transition', 'flag'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export interface AnnouncedItem {
  id: string
  ref: string
  title_en: string
}

interface Announcement {
  item: AnnouncedItem
  eventId: string
  actorId: string
  at: string
}

interface Mail {
  subject: string
  lines: string[]
}

const t = translator()

async function nameOf(db: DB, userId: string): Promise<string> {
  return (
    (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ??
    t('history.someone')
  )
}

/** Writes one inbox row and one outbox mail per recipient (the actor left out). */
async function notify(
  db: DB,
  kind: NotificationKind,
  a: Announcement,
  recipients: Follower[],
  mail: Mail,
): Promise<number> {
  const told = recipients.filter((r) => r.id !== a.actorId)
  if (told.length === 0) return 0
  const itemUrl = `${appUrl()}/items/${encodeURIComponent(a.item.ref)}`
  const text = [
    ...mail.lines,
    '',
    itemUrl,
    '',
    t('notifications.mail.footer', { inbox: `${appUrl()}/inbox` }),
  ].join('\n')
  for (const person of told) {
    const notificationId = randomUUID()
    await db
      .insertInto('notifications')
      .values({
        id: notificationId,
        user_id: person.id,
        item_id: a.item.id,
        event_id: a.eventId,
        kind,
        created_at: a.at,
        read_at: null,
      })
      .execute()
    await enqueueNotificationMail(db, {
      notificationId,
      kind,
      userId: person.id,
      to: person.email,
      subject: mail.subject,
      body: text,
      link: itemUrl,
      at: a.at,
    })
  }
  return told.length
}

/** A status change: every follower hears of it. */
export async function announceTransition(
  db: DB,
  a: Announcement,
  move: { from: string; to: string; reason: string | null },
): Promise<number> {
  const who = await nameOf(db, a.actorId)
  const values = {
    who,
    ref: a.item.ref,
    title: a.item.title_en,
    from: t(`status.${move.from as Status}`),
    to: t(`status.${move.to as Status}`),
  }
  return notify(db, 'transition', a, await followersOf(db, a.item.id), {
    subject: t('notifications.mail.transitionSubject', values),
    lines: [
      t('notifications.mail.transition', values),
      ...(move.reason ? [t('history.reason', { reason: move.reason })] : []),
    ],
  })
}

/** A development partner flagged interest for the first time (or again after withdrawing): followers hear of it, and the flagger follows the item. */
export async function announceFlag(
  db: DB,
  a: Announcement,
  flag: { organisation: string; stage: string },
): Promise<number> {
  await setFollow(db, a.actorId, a.item.id, true, 'flagged', a.at)
  const who = await nameOf(db, a.actorId)
  const values = {
    who,
    ref: a.item.ref,
    title: a.item.title_en,
    organisation: flag.organisation,
    stage: t(`cofinancing.stage.${flag.stage as Stage}`),
  }
  return notify(db, 'flag', a, await followersOf(db, a.item.id), {
    subject: t('notifications.mail.flagSubject', values),
    lines: [t('notifications.mail.flag', values)],
  })
}

/**
 * A comment was posted or edited: its author follows the item, and the people it @mentions (but
 * did not mention before the edit) are told, and follow the item from then on.
 */
export async function announceComment(
  db: DB,
  a: Announcement,
  body: string,
  previousBody: string | null = null,
): Promise<number> {
  await setFollow(db, a.actorId, a.item.id, true, 'commented', a.at)
  const users = await db.selectFrom('users').select(['id', 'name', 'email']).execute()
  const names = [...new Set(users.map((u) => u.name))]
  const before = new Set(
    previousBody === null ? [] : mentionedNames(previousBody, names).map((n) => n.toLowerCase()),
  )
  const mentioned = new Set(
    mentionedNames(body, names)
      .map((n) => n.toLowerCase())
      .filter((n) => !before.has(n)),
  )
  if (mentioned.size === 0) return 0
  const people = users.filter((u) => mentioned.has(u.name.toLowerCase()))
  for (const person of people)
    if (person.id !== a.actorId) await setFollow(db, person.id, a.item.id, true, 'mentioned', a.at)
  const who = await nameOf(db, a.actorId)
  const values = { who, ref: a.item.ref, title: a.item.title_en }
  return notify(db, 'mention', a, people, {
    subject: t('notifications.mail.mentionSubject', values),
    lines: [t('notifications.mail.mention', values), '', body],
  })
}
