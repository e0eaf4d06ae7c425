import { titlesOf, type TextsByLanguage } from '../portfolio/item-text'
import type { DB } from '../../db/schema'
import { renderComment } from '../comments/markup.server'
import type { NotificationKind } from './kinds'

// The in-app inbox: a person's notifications, newest first, and marking them read. Every query
// is scoped to the signed-in person's id; nobody reads or marks another's inbox.

export const INBOX_PAGE_SIZE = 50

export interface InboxEntry {
  id: string
  kind: NotificationKind
  at: string
  read: boolean
  ref: string
  title: string
  /** the item's title in each language (app/portfolio/item-text.ts); `title` is the English one */
  titles: TextsByLanguage
  /** the item's translations_outdated (item-text.ts outdatedLanguages) */
  outdated: string | null
  by: string | null
  /** transition: from, to, reason; flag: organisation, stage; mention: comment_id, and the comment as typed (`comment`) and as safe HTML (`html`), both null once deleted */
  details: Record<string, unknown>
}

export interface InboxPage {
  entries: InboxEntry[]
  unread: number
  /** the `before` cursor of the next (older) page, or null on the last */
  older: string | null
}

export async function unreadCount(db: DB, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** One page of the inbox, newest first; `before` is the cursor an earlier page returned. */
export async function getInbox(
  db: DB,
  userId: string,
  options: { unreadOnly?: boolean; before?: string | null } = {},
): Promise<InboxPage> {
  const cursor = parseCursor(options.before)
  let query = db
    .selectFrom('notifications as n')
    .innerJoin('items as i', 'i.id', 'n.item_id')
    .innerJoin('item_events as e', 'e.id', 'n.event_id')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'n.id',
      'n.kind',
      'n.created_at',
      'n.read_at',
      'i.ref',
      'i.title_en',
      'i.title_ru',
      'i.title_zh',
      'i.translations_outdated',
      'u.name as by',
      'e.data',
    ])
    .where('n.user_id', '=', userId)
  if (options.unreadOnly) query = query.where('n.read_at', 'is', null)
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('n.created_at', '<', cursor.at),
        eb.and([eb('n.created_at', '=', cursor.at), eb('n.id', '<', cursor.id)]),
      ]),
    )
  }
  const rows = await query
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(INBOX_PAGE_SIZE + 1)
    .execute()
  const page = rows.slice(0, INBOX_PAGE_SIZE)
  const commentIds = page
    .filter((r) => r.kind === 'mention')
    .map((r) => (JSON.parse(r.data) as { comment_id?: string }).comment_id)
    .filter((id): id is string => !!id)
  const bodies = new Map<string, { body: string; deleted: boolean }>()
  if (commentIds.length > 0) {
    const comments = await db
      .selectFrom('comments')
      .select(['id', 'body', 'deleted'])
      .where('id', 'in', commentIds)
      .execute()
    for (const c of comments) bodies.set(c.id, { body: c.body, deleted: Number(c.deleted) === 1 })
  }
  const entries = page.map((row): InboxEntry => {
    const details = JSON.parse(row.data) as Record<string, unknown>
    if (row.kind === 'mention') {
      const comment = bodies.get(String(details.comment_id))
      details.comment = comment && !comment.deleted ? comment.body : null
      details.html = comment && !comment.deleted ? renderComment(comment.body) : null
    }
    return {
      id: row.id,
      kind: row.kind,
      at: row.created_at,
      read: row.read_at !== null,
      ref: row.ref,
      title: row.title_en,
      titles: titlesOf(row),
      outdated: row.translations_outdated,
      by: row.by,
      details,
    }
  })
  const last = page[page.length - 1]
  return {
    entries,
    unread: await unreadCount(db, userId),
    older: rows.length > INBOX_PAGE_SIZE && last ? `${last.created_at}_${last.id}` : null,
  }
}

function parseCursor(before: string | null | undefined): { at: string; id: string } | null {
  if (!before) return null
  const split = before.lastIndexOf('_')
  if (split <= 0) return null
  return { at: before.slice(0, split), id: before.slice(split + 1) }
}

/** Marks the person's notifications read: the ones named, or all. Returns how many changed. */
export async function markRead(
  db: DB,
  userId: string,
  which: readonly string[] | 'all',
  at: string,
): Promise<number> {
  if (which !== 'all' && which.length === 0) return 0
  let query = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
  if (which !== 'all') query = query.where('id', 'in', [...which])
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Opening an entry from the inbox (issue 11): marks it read and answers what notificationHref
 * needs to say where it leads. Null when the person has no such notification.
 */
export async function openNotification(
  db: DB,
  userId: string,
  id: string,
  at: string,
): Promise<{ kind: string; ref: string; details: Record<string, unknown> } | null> {
  const row = await db
    .selectFrom('notifications as n')
    .innerJoin('items as i', 'i.id', 'n.item_id')
    .innerJoin('item_events as e', 'e.id', 'n.event_id')
    .select(['n.kind', 'i.ref', 'e.data'])
    .where('n.user_id', '=', userId)
    .where('n.id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  await markRead(db, userId, [id], at)
  return { kind: row.kind, ref: row.ref, details: JSON.parse(row.data) as Record<string, unknown> }
}
