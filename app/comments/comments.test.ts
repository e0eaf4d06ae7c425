import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { usePortfolio } from '../../tests/setup/portfolio'
import { getItemByRef, setArchived } from '../portfolio/items.server'
import { getHistory } from '../history/history.server'
import { addComment, deleteComment, editComment, getComments, getRevisions } from './comments.server'

const ROWS = [
  { ref: 'C-01', strategy: 'CITA 2030', title_en: 'Single window', proposers: 'KAZ', status: 'proposed' },
  { ref: 'C-02', strategy: 'CITA 2030', title_en: 'Dry port', proposers: 'GEO', status: 'proposed' },
]

async function count(
  db: Kysely<Database>,
  table: 'item_events' | 'comments' | 'comment_revisions',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function itemId(db: Kysely<Database>, ref: string): Promise<string> {
  return (await getItemByRef(db, ref))!.id
}

function done(outcome: Awaited<ReturnType<typeof addComment>>): string {
  if (outcome.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`)
  return outcome.commentId
}

describe('comments', () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      secretariat: { role: 'secretariat' },
      wgKaz: { role: 'working_group', countries: ['KAZ'] },
      partner: { role: 'partner', organisation: 'ADB' },
      viewer: { role: 'viewer' },
    },
  })
  const { secretariat, wgKaz, partner, viewer } = t.people

  it('adds threads and replies, each with a history row; the item version stays', async () => {
    const before = await getItemByRef(t.db, 'C-01')
    const first = done(await addComment(t.db, partner, 'C-01', '  ADB could **co-finance** this.  '))
    const reply = done(
      await addComment(t.db, wgKaz, 'C-01', 'Welcome: see [the plan](https://carecprogram.org/)', first),
    )
    const second = done(await addComment(t.db, viewer, 'C-01', '- one\n- two'))

    const threads = await getComments(t.db, partner, await itemId(t.db, 'C-01'))
    expect(threads.map((c) => ({ id: c.id, author: c.author, replies: c.replies.map((r) => r.id) }))).toEqual(
      [
        { id: first, author: 'Test partner', replies: [reply] },
        { id: second, author: 'Test viewer', replies: [] },
      ],
    )
    expect(threads[0]).toMatchObject({
      body: 'ADB could **co-finance** this.',
      html: '<p>ADB could <strong>co-finance</strong> this.</p>\n',
      canEdit: true,
      canDelete: true,
    })
    expect(threads[0]!.replies[0]).toMatchObject({ parentId: first, canEdit: false, canDelete: false })
    expect(threads[0]!.replies[0]!.html).toContain('<a href="https://carecprogram.org/"')

    const history = await getHistory(t.db, 'C-01')
    expect(history!.slice(0, 3).map(({ kind, by, details }) => ({ kind, by, details }))).toEqual([
      { kind: 'comment', by: 'Test viewer', details: { action: 'added', comment_id: second } },
      { kind: 'comment', by: 'Test working_group', details: { action: 'replied', comment_id: reply } },
      { kind: 'comment', by: 'Test partner', details: { action: 'added', comment_id: first } },
    ])
    expect((await getItemByRef(t.db, 'C-01'))!.version).toBe(before!.version)
  })

  it('keeps replies one level deep and within the item', async () => {
    const first = done(await addComment(t.db, partner, 'C-01', 'Thread'))
    const reply = done(await addComment(t.db, wgKaz, 'C-01', 'Reply', first))
    const events = await count(t.db, 'item_events')
    expect(await addComment(t.db, viewer, 'C-01', 'Reply to a reply', reply)).toEqual({
      kind: 'refused',
      reason: 'nested_reply',
    })
    expect(await addComment(t.db, viewer, 'C-02', 'Reply across items', first)).toEqual({ kind: 'not_found' })
    expect(await addComment(t.db, viewer, 'C-01', 'Reply to nothing', 'no-such-comment')).toEqual({
      kind: 'not_found',
    })
    expect(await addComment(t.db, viewer, 'Z-99', 'No item')).toEqual({ kind: 'not_found' })
    expect(await count(t.db, 'comments')).toBe(2)
    expect(await count(t.db, 'item_events')).toBe(events)
  })

  it('edits your own comment, keeping the old text; refuses editing anyone else’s', async () => {
    const id = done(await addComment(t.db, partner, 'C-01', 'First text'))
    expect(await editComment(t.db, partner, 'C-01', id, ' Second text ')).toEqual({
      kind: 'done',
      commentId: id,
    })
    expect(await editComment(t.db, partner, 'C-01', id, 'Third text')).toEqual({
      kind: 'done',
      commentId: id,
    })
    const events = await count(t.db, 'item_events')
    expect(await editComment(t.db, secretariat, 'C-01', id, 'Words put in their mouth')).toEqual({
      kind: 'forbidden',
      action: 'comment:edit',
    })
    expect(await editComment(t.db, wgKaz, 'C-01', id, 'Mine now')).toEqual({
      kind: 'forbidden',
      action: 'comment:edit',
    })
    expect(await editComment(t.db, partner, 'C-02', id, 'Wrong item')).toEqual({ kind: 'not_found' })
    // saving the same text again changes nothing and records nothing
    expect(await editComment(t.db, partner, 'C-01', id, 'Third text')).toEqual({
      kind: 'done',
      commentId: id,
    })
    expect(await count(t.db, 'item_events')).toBe(events)

    const [thread] = await getComments(t.db, viewer, await itemId(t.db, 'C-01'))
    expect(thread).toMatchObject({ body: 'Third text', deleted: false })
    expect(thread!.editedAt).not.toBeNull()
    expect((await getRevisions(t.db, id)).map((r) => r.body)).toEqual(['First text', 'Second text'])
    const history = await getHistory(t.db, 'C-01')
    expect(
      history!.filter((e) => e.kind === 'comment').map((e) => (e.details as { action: string }).action),
    ).toEqual(['edited', 'edited', 'added'])
  })

  it('deletes your own comment (its replies stay, it shows as deleted); the secretariat may delete any', async () => {
    const first = done(await addComment(t.db, partner, 'C-01', 'To be deleted'))
    const reply = done(await addComment(t.db, wgKaz, 'C-01', 'A reply', first))
    const other = done(await addComment(t.db, wgKaz, 'C-01', 'Off topic'))
    expect(await deleteComment(t.db, viewer, 'C-01', first)).toEqual({
      kind: 'forbidden',
      action: 'comment:delete',
    })
    expect(await deleteComment(t.db, partner, 'C-01', first)).toEqual({ kind: 'done', commentId: first })
    expect(await deleteComment(t.db, secretariat, 'C-01', other)).toEqual({ kind: 'done', commentId: other })
    expect(await editComment(t.db, partner, 'C-01', first, 'Back again')).toEqual({
      kind: 'refused',
      reason: 'deleted',
    })

    // Comments saved in the same millisecond have no order between them: find threads by id.
    const threads = await getComments(t.db, partner, await itemId(t.db, 'C-01'))
    const firstThread = threads.find((thread) => thread.id === first)
    expect(firstThread).toMatchObject({
      id: first,
      deleted: true,
      body: '',
      html: '',
      canEdit: false,
      canDelete: false,
    })
    expect(firstThread!.replies.map((r) => r.id)).toEqual([reply])
    expect(threads.find((thread) => thread.id === other)).toMatchObject({ id: other, deleted: true })
    expect((await getRevisions(t.db, first)).map((r) => r.body)).toEqual(['To be deleted'])
  })

  it('writes nothing on an archived item', async () => {
    const id = done(await addComment(t.db, partner, 'C-01', 'Before archiving'))
    await setArchived(t.db, secretariat, 'C-01', true)
    const events = await count(t.db, 'item_events')
    expect(await addComment(t.db, partner, 'C-01', 'After')).toEqual({ kind: 'refused', reason: 'archived' })
    expect(await editComment(t.db, partner, 'C-01', id, 'After')).toEqual({
      kind: 'refused',
      reason: 'archived',
    })
    expect(await deleteComment(t.db, partner, 'C-01', id)).toEqual({ kind: 'refused', reason: 'archived' })
    expect(await count(t.db, 'item_events')).toBe(events)
  })

  it('writes the comment and its history row in one transaction: if the history fails, no comment', async () => {
    const id = done(await addComment(t.db, partner, 'C-01', 'Kept'))
    await sql`create trigger item_events_broken before insert on item_events begin select raise(abort, 'history unavailable'); end`.execute(
      t.db,
    )
    const comments = await count(t.db, 'comments')
    const revisions = await count(t.db, 'comment_revisions')
    await expect(addComment(t.db, partner, 'C-01', 'Lost')).rejects.toThrow(/history unavailable/)
    await expect(addComment(t.db, wgKaz, 'C-01', 'Lost reply', id)).rejects.toThrow(/history unavailable/)
    await expect(editComment(t.db, partner, 'C-01', id, 'Lost edit')).rejects.toThrow(/history unavailable/)
    await expect(deleteComment(t.db, partner, 'C-01', id)).rejects.toThrow(/history unavailable/)
    expect(await count(t.db, 'comments')).toBe(comments)
    expect(await count(t.db, 'comment_revisions')).toBe(revisions)
    const [thread] = await getComments(t.db, partner, await itemId(t.db, 'C-01'))
    expect(thread).toMatchObject({ body: 'Kept', editedAt: null, deleted: false })
  })
})
