import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { can, type Actor } from '../permissions/permissions'
import { getItemByRef, nowIso } from '../portfolio/items.server'
import type { ItemView } from '../portfolio/item-view'
import { recordEvent } from '../history/history.server'

// Publication (docs/decisions/0026-public-portfolio.md): the secretariat publishes items on the
// public portfolio or makes them internal again, one or many at once; each item that changes gets
// a `publication` event in its history, in the same transaction. Publishing is not an edit of the
// item's content, so its version stays (an edit form open meanwhile still saves).

export type PublicationOutcome =
  | { kind: 'done'; changed: string[] }
  | { kind: 'forbidden' }
  /** refs that name no item; nothing was changed */
  | { kind: 'not_found'; refs: string[] }

/** Publishes (or unpublishes) the items of `refs`, all or none; items already so are left as they are. */
export async function setPublished(
  db: DB,
  actor: Actor,
  refs: readonly string[],
  published: boolean,
): Promise<PublicationOutcome> {
  if (!can(actor, 'item:publish')) return { kind: 'forbidden' }
  const unique = [...new Set(refs)]
  if (unique.length === 0) return { kind: 'done', changed: [] }
  return withinTransaction(db, async (trx): Promise<PublicationOutcome> => {
    const items = await trx
      .selectFrom('items')
      .select(['id', 'ref', 'published'])
      .where('ref', 'in', unique)
      .execute()
    const missing = unique.filter((ref) => !items.some((item) => item.ref === ref))
    if (missing.length) return { kind: 'not_found', refs: missing }
    const now = nowIso()
    const value = published ? 1 : 0
    const changed: string[] = []
    const byRef = new Map(items.map((item) => [item.ref, item]))
    // In the order given, so the answer lists the changed refs as asked.
    for (const item of unique.map((ref) => byRef.get(ref)!)) {
      // The guarded update also takes the row lock (PostgreSQL) before the history's next seq is read.
      const result = await trx
        .updateTable('items')
        .set({ published: value })
        .where('id', '=', item.id)
        .where('published', '<>', value)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) continue
      await recordEvent(trx, item.id, actor.id, now, { kind: 'publication', details: { published } })
      changed.push(item.ref)
    }
    return { kind: 'done', changed }
  })
}

/** One item's publication, answering the item as it now is (the API's answer). */
export async function setItemPublished(
  db: DB,
  actor: Actor,
  ref: string,
  published: boolean,
): Promise<{ kind: 'done'; item: ItemView } | { kind: 'forbidden' } | { kind: 'not_found' }> {
  const outcome = await setPublished(db, actor, [ref], published)
  if (outcome.kind !== 'done') return { kind: outcome.kind }
  const item = await getItemByRef(db, ref)
  return item ? { kind: 'done', item } : { kind: 'not_found' }
}
