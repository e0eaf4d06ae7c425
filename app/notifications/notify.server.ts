import type { Status } from '../portfolio/codes'
import type { Stage } from '../cofinancing/schema'
import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { mentionedNames } from '../comments/markup.server'
import type { EventDetailsByKind, HistoryField } from '../history/events'
import type { TFunction } from 'i18next'
import { translator } from '../i18n/i18n'
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/languages'
import { plainTextFor, titlesOf } from '../portfolio/item-text'
import { followersOf, setFollow, type Follower, type FollowReason } from './follows.server'
import type { NotificationKind } from './kinds'
import { changedFieldsText } from './messages'
import { appUrl } from './mail.server'
import type { RecordedEvent } from './dispatch.server'
import { enqueueNotificationMail } from './preferences.server'

// Telling people about changes (docs/decisions/0008-notifications.md). app/notifications/dispatch
// decides which events tell whom; these functions write the inbox rows and the outbox mail inside
// the transaction that recorded the event, so they commit with the change or not at all. The
// person who made the change is never told about it.

/** What followers are told of an event (mentions are told to the people mentioned instead). */
export type Notice =
  | { kind: 'transition'; details: EventDetailsByKind['transition'] }
  /** `follow`: the person who made the change follows the item from then on */
  | { kind: 'flag'; details: EventDetailsByKind['flag']; follow: FollowReason }
  /** fields changed by an edit or an import */
  | { kind: 'change'; details: { fields: HistoryField[] } }

interface Mail {
  subject: string
  lines: string[]
}

interface AnnouncedItem {
  id: string
  ref: string
  title_en: string
  title_ru: string | null
  title_zh: string | null
}

/** A recipient, as the mail is written for them. */
type Recipient = Pick<Follower, 'id' | 'email' | 'language'>

/**
 * The mail in the recipient's words: `t` in their preferred language, `who` the actor (null: the
 * catalogue's "someone"), `title` the item's title in their language or, missing that, another
 * one marked with its code (item-text.ts plainTextFor).
 */
type MailFor = (t: TFunction, values: { who: string; ref: string; title: string }) => Mail

async function nameOf(db: DB, userId: string | null): Promise<string | null> {
  if (userId === null) return null
  return (
    (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? null
  )
}

async function itemOf(db: DB, itemId: string): Promise<AnnouncedItem> {
  return db
    .selectFrom('items')
    .select(['id', 'ref', 'title_en', 'title_ru', 'title_zh'])
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow()
}

/**
 * Writes one inbox row and one outbox mail per recipient (the actor left out), each mail in the
 * recipient's preferred language (issue 9: e-mails in the recipient's language).
 */
async function write(
  db: DB,
  kind: NotificationKind,
  recorded: RecordedEvent,
  item: AnnouncedItem,
  told: Recipient[],
  who: string | null,
  mailFor: MailFor,
  /** where the mail leads, when not the item's page */
  link?: string,
): Promise<number> {
  const itemUrl = link ?? `${appUrl()}/items/${encodeURIComponent(item.ref)}`
  for (const person of told) {
    const language = isLanguage(person.language) ? person.language : DEFAULT_LANGUAGE
    const t = translator(language)
    const mail = mailFor(t, {
      who: who ?? t('history.someone'),
      ref: item.ref,
      title: plainTextFor(titlesOf(item), language),
    })
    const body = [
      ...mail.lines,
      '',
      itemUrl,
      '',
      t('notifications.mail.footer', { inbox: `${appUrl()}/inbox` }),
    ].join('\n')
    const notificationId = randomUUID()
    await db
      .insertInto('notifications')
      .values({
        id: notificationId,
        user_id: person.id,
        item_id: item.id,
        event_id: recorded.id,
        kind,
        created_at: recorded.at,
        read_at: null,
      })
      .execute()
    // the one door for notification mail: at once, in the daily digest or none, as the person prefers
    await enqueueNotificationMail(db, {
      notificationId,
      kind,
      userId: person.id,
      to: person.email,
      subject: mail.subject,
      body,
      link: itemUrl,
      at: recorded.at,
    })
  }
  return told.length
}

function mailOf(notice: Notice, t: TFunction, values: { who: string; ref: string; title: string }): Mail {
  switch (notice.kind) {
    case 'transition': {
      const move = {
        ...values,
        from: t(`status.${notice.details.from as Status}`),
        to: t(`status.${notice.details.to as Status}`),
      }
      return {
        subject: t('notifications.mail.transitionSubject', move),
        lines: [
          t('notifications.mail.transition', move),
          ...(notice.details.reason ? [t('history.reason', { reason: notice.details.reason })] : []),
        ],
      }
    }
    case 'flag': {
      const flag = {
        ...values,
        organisation: notice.details.organisation,
        stage: t(`cofinancing.stage.${notice.details.stage as Stage}`),
      }
      return {
        subject: t('notifications.mail.flagSubject', flag),
        lines: [t('notifications.mail.flag', flag)],
      }
    }
    case 'change': {
      const change = { ...values, fields: changedFieldsText(t, notice.details.fields) }
      return {
        subject: t('notifications.mail.changeSubject', change),
        lines: [t('notifications.mail.change', change)],
      }
    }
  }
}

/** Tells the item's followers of an event (and, for some kinds, makes its author a follower). */
export async function announce(db: DB, recorded: RecordedEvent, notice: Notice): Promise<number> {
  const { actorId, itemId, at } = recorded
  if (notice.kind === 'flag' && actorId !== null)
    await setFollow(db, actorId, itemId, true, notice.follow, at)
  const told = (await followersOf(db, itemId)).filter((f) => f.id !== actorId)
  if (told.length === 0) return 0
  const item = await itemOf(db, itemId)
  return write(db, notice.kind, recorded, item, told, await nameOf(db, actorId), (t, values) =>
    mailOf(notice, t, values),
  )
}

/**
 * A comment was posted or edited: its author follows the item, and the people it @mentions (but
 * did not mention before the edit) are told, and follow the item from then on.
 */
export async function announceMentions(
  db: DB,
  recorded: RecordedEvent,
  commentId: string,
  edited: boolean,
): Promise<number> {
  const { actorId, itemId, at } = recorded
  if (actorId === null) return 0
  await setFollow(db, actorId, itemId, true, 'commented', at)
  const comment = await db
    .selectFrom('comments')
    .select('body')
    .where('id', '=', commentId)
    .executeTakeFirst()
  if (!comment) return 0
  // An edit keeps the text it replaced as the comment's latest revision (app/comments).
  const previous = edited
    ? ((
        await db
          .selectFrom('comment_revisions')
          .select('body')
          .where('comment_id', '=', commentId)
          .orderBy('replaced_at', 'desc')
          .limit(1)
          .executeTakeFirst()
      )?.body ?? null)
    : null
  const users = await db.selectFrom('users').select(['id', 'name', 'email', 'language']).execute()
  const names = [...new Set(users.map((u) => u.name))]
  const before = new Set(previous === null ? [] : mentionedNames(previous, names).map((n) => n.toLowerCase()))
  const mentioned = new Set(
    mentionedNames(comment.body, names)
      .map((n) => n.toLowerCase())
      .filter((n) => !before.has(n)),
  )
  if (mentioned.size === 0) return 0
  const people = users.filter((u) => mentioned.has(u.name.toLowerCase()))
  for (const person of people)
    if (person.id !== actorId) await setFollow(db, person.id, itemId, true, 'mentioned', at)
  const told = people.filter((p) => p.id !== actorId)
  if (told.length === 0) return 0
  const item = await itemOf(db, itemId)
  return write(db, 'mention', recorded, item, told, await nameOf(db, actorId), (t, values) => ({
    subject: t('notifications.mail.mentionSubject', values),
    lines: [t('notifications.mail.mention', values), '', comment.body],
  }))
}

/**
 * A written procedure was opened (app/procedures): the members asked to vote are told, once per
 * procedure (on its first item's event), with a link to the voting page.
 */
export async function announceProcedure(
  db: DB,
  recorded: RecordedEvent,
  details: EventDetailsByKind['procedure'],
): Promise<number> {
  const told = (
    await db
      .selectFrom('written_procedure_votes as v')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .select(['u.id', 'u.name', 'u.email', 'u.language'])
      .where('v.procedure_id', '=', details.procedure_id)
      .execute()
  ).filter((person) => person.id !== recorded.actorId)
  if (told.length === 0) return 0
  const item = await itemOf(db, recorded.itemId)
  return write(
    db,
    'procedure',
    recorded,
    item,
    told,
    await nameOf(db, recorded.actorId),
    (t, { who }) => {
      const values = {
        who,
        title: details.title,
        items: details.items,
        deadline: details.deadline.slice(0, 16).replace('T', ' '),
      }
      return {
        subject: t('notifications.mail.procedureSubject', values),
        lines: [t('notifications.mail.procedure', values)],
      }
    },
    `${appUrl()}/procedures/${encodeURIComponent(details.procedure_id)}`,
  )
}
