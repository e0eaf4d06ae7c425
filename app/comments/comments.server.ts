import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { canOnComment, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { lockItemRow, nowIso } from '../portfolio/items.server'
import type { EventDetailsByKind } from '../history/events'
import { recordEvent } from '../history/history.server'
import { renderComment } from './markup.server'

// Comments on items (docs/decisions/0007-comments.md). Each write and its history event
// (kind 'comment') commit together in one transaction; a refused write writes nothing.
// Comments do not change the item, so its version stays (no edit conflict from a comment), but
// each write first touches the item row so that on PostgreSQL it holds the row lock while it
// takes the next history `seq` (0005-workflow.md).

/** The details of a 'comment' history event: which comment and what happened to it. */
export type CommentEventDetails = EventDetailsByKind['comment']

export type CommentOutcome =
  | { kind: 'done'; commentId: string }
  | { kind: 'not_found' }
  /** not this user's to edit or delete */
  | Forbidden
  /** archived items are read-only; deleted comments cannot be edited; replies are one level deep */
  | { kind: 'refused'; reason: 'archived' | 'deleted' | 'nested_reply' }

export interface CommentView {
  id: string
  parentId: string | null
  author: string
  authorId: string
  createdAt: string
  editedAt: string | null
  deleted: boolean
  /** safe HTML made by renderComment; empty for a deleted comment */
  html: string
  /** the markup as typed, for the edit box; empty for a deleted comment */
  body: string
  canEdit: boolean
  canDelete: boolean
}

export interface CommentThread extends CommentView {
  replies: CommentView[]
}

async function itemOf(db: DB, ref: string) {
  return db
    .selectFrom('items')
    .select(['id', 'ref', 'title_en', 'archived'])
    .where('ref', '=', ref)
    .executeTakeFirst()
}

async function record(
  db: DB,
  itemId: string,
  actor: Actor,
  at: string,
  details: CommentEventDetails,
): Promise<string> {
  await lockItemRow(db, itemId)
  return recordEvent(db, itemId, actor.id, at, { kind: 'comment', details })
}

/**
 * Now, or just after the item's latest comment: comments list in posting order (by created_at),
 * which must hold even for two posted within one millisecond.
 */
async function postingTime(db: DB, itemId: string): Promise<string> {
  const latest = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('item_id', '=', itemId)
    .executeTakeFirst()
  return after(latest?.at as string | null | undefined)
}

/** Now, or one millisecond after `latest` if the clock has not moved past it. */
function after(latest: string | null | undefined): string {
  const now = nowIso()
  return !latest || latest < now ? now : new Date(Date.parse(latest) + 1).toISOString()
}

/** A new thread on the item (parentId null) or a reply to a thread's first comment. */
export async function addComment(
  db: DB,
  actor: Actor,
  ref: string,
  body: string,
  parentId: string | null = null,
): Promise<CommentOutcome> {
  if (!canOnComment(actor, 'comment:create')) return forbiddenOutcome('comment:create')
  return withinTransaction(db, async (trx): Promise<CommentOutcome> => {
    const item = await itemOf(trx, ref)
    if (!item) return { kind: 'not_found' }
    if (item.archived) return { kind: 'refused', reason: 'archived' }
    if (parentId !== null) {
      const parent = await trx
        .selectFrom('comments')
        .select(['item_id', 'parent_id'])
        .where('id', '=', parentId)
        .executeTakeFirst()
      if (!parent || parent.item_id !== item.id) return { kind: 'not_found' }
      if (parent.parent_id !== null) return { kind: 'refused', reason: 'nested_reply' }
    }
    const id = randomUUID()
    await lockItemRow(trx, item.id) // posters on one item go one at a time, so postingTime cannot race
    const now = await postingTime(trx, item.id)
    await trx
      .insertInto('comments')
      .values({
        id,
        item_id: item.id,
        parent_id: parentId,
        author_id: actor.id,
        body: body.trim(),
        created_at: now,
        edited_at: null,
        deleted: 0,
      })
      .execute()
    // The event tells the people the comment mentions (app/notifications).
    await record(trx, item.id, actor, now, {
      action: parentId === null ? 'added' : 'replied',
      comment_id: id,
    })
    return { kind: 'done', commentId: id }
  })
}

/** Edits or deletes one of the item's comments; the text it had is kept in comment_revisions. */
async function change(
  db: DB,
  actor: Actor,
  ref: string,
  commentId: string,
  next: { body: string } | 'delete',
): Promise<CommentOutcome> {
  return withinTransaction(db, async (trx): Promise<CommentOutcome> => {
    const item = await itemOf(trx, ref)
    if (!item) return { kind: 'not_found' }
    const comment = await trx
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', commentId)
      .where('item_id', '=', item.id)
      .executeTakeFirst()
    if (!comment) return { kind: 'not_found' }
    const action = next === 'delete' ? 'comment:delete' : 'comment:edit'
    if (!canOnComment(actor, action, { authorId: comment.author_id })) return forbiddenOutcome(action)
    if (item.archived) return { kind: 'refused', reason: 'archived' }
    if (comment.deleted)
      return next === 'delete' ? { kind: 'done', commentId } : { kind: 'refused', reason: 'deleted' }
    const body = next === 'delete' ? '' : next.body.trim()
    if (next !== 'delete' && body === comment.body) return { kind: 'done', commentId }
    // Revisions list oldest first by replaced_at: keep that order within one millisecond too.
    const latest = await trx
      .selectFrom('comment_revisions')
      .select((eb) => eb.fn.max('replaced_at').as('at'))
      .where('comment_id', '=', commentId)
      .executeTakeFirst()
    const now = after(latest?.at as string | null | undefined)
    await trx
      .insertInto('comment_revisions')
      .values({
        id: randomUUID(),
        comment_id: commentId,
        body: comment.body,
        replaced_at: now,
        replaced_by: actor.id,
      })
      .execute()
    await trx
      .updateTable('comments')
      .set(next === 'delete' ? { body: '', deleted: 1 } : { body, edited_at: now })
      .where('id', '=', commentId)
      .execute()
    // An edit that adds a mention tells the newly mentioned; nobody hears of a deletion (app/notifications).
    await record(trx, item.id, actor, now, {
      action: next === 'delete' ? 'deleted' : 'edited',
      comment_id: commentId,
    })
    return { kind: 'done', commentId }
  })
}

export function editComment(
  db: DB,
  actor: Actor,
  ref: string,
  commentId: string,
  body: string,
): Promise<CommentOutcome> {
  return change(db, actor, ref, commentId, { body })
}

export function deleteComment(db: DB, actor: Actor, ref: string, commentId: string): Promise<CommentOutcome> {
  return change(db, actor, ref, commentId, 'delete')
}

/** The names that may be @-mentioned: every user's, in alphabetical order. */
export async function getMentionableNames(db: DB): Promise<string[]> {
  const rows = await db.selectFrom('users').select('name').orderBy('name').execute()
  return [...new Set(rows.map((r) => r.name))]
}

/**
 * The item's comments as threads, oldest first, each with its replies oldest first, rendered for
 * `actor`; `names` are the people whose @mentions are marked (all users when not given).
 */
export async function getComments(
  db: DB,
  actor: Actor,
  itemId: string,
  names?: readonly string[],
): Promise<CommentThread[]> {
  const mentionable = names ?? (await getMentionableNames(db))
  const rows = await db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select([
      'c.id',
      'c.parent_id',
      'c.author_id',
      'c.body',
      'c.created_at',
      'c.edited_at',
      'c.deleted',
      'u.name',
    ])
    .where('c.item_id', '=', itemId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute()
  const threads: CommentThread[] = []
  const byId = new Map<string, CommentThread>()
  const replies: CommentView[] = []
  for (const row of rows) {
    const deleted = row.deleted === 1
    const view: CommentView = {
      id: row.id,
      parentId: row.parent_id,
      author: row.name,
      authorId: row.author_id,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deleted,
      html: deleted ? '' : renderComment(row.body, mentionable),
      body: deleted ? '' : row.body,
      canEdit: !deleted && canOnComment(actor, 'comment:edit', { authorId: row.author_id }),
      canDelete: !deleted && canOnComment(actor, 'comment:delete', { authorId: row.author_id }),
    }
    if (row.parent_id === null) {
      const thread = { ...view, replies: [] }
      threads.push(thread)
      byId.set(row.id, thread)
    } else {
      replies.push(view)
    }
  }
  // Attached after every thread is known: a reply saved in the same millisecond as its parent
  // may sort before it (ties go by id), and must not be lost.
  for (const reply of replies) byId.get(reply.parentId!)?.replies.push(reply)
  return threads
}

/** The texts a comment had before each edit, oldest first. */
export async function getRevisions(
  db: DB,
  commentId: string,
): Promise<Array<{ body: string; replacedAt: string }>> {
  const rows = await db
    .selectFrom('comment_revisions')
    .select(['body', 'replaced_at'])
    .where('comment_id', '=', commentId)
    .orderBy('replaced_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ body: r.body, replacedAt: r.replaced_at }))
}
