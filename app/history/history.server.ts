import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { insertRows } from '../../db/insert-rows'
import { bumpPortfolioVersion, type FigureChange } from '../dashboard/figures-cache.server'
import { rebuildTallies, syncItemTallies } from '../dashboard/tallies.server'
import { dispatch } from '../notifications/dispatch.server'
import type { HistoryEntry, ItemEvent } from './events'
import { statusChangeOf } from './status-changes'

// The item history: an append-only list of events per item (docs/decisions/0005-workflow.md). It
// belongs to no one capability: the portfolio, the workflow, comments, co-financing, scores,
// meetings and the importer all write it, and the notifications read what is written.
//
// Every write to an item calls recordEvent inside its own transaction, after changing the item:
// the change, its event and the notifications it causes commit together or not at all. The items
// row is updated first, which on PostgreSQL locks it, so the next `seq` read here cannot race
// another writer of the same item (on SQLite writers are serialised anyway).

/**
 * Appends one event to an item's history, tells whoever should hear of it (app/notifications,
 * the one dispatcher) and returns the event's id. Call it inside the transaction that made the change.
 */
export async function recordEvent(
  db: DB,
  itemId: string,
  actorId: string | null,
  at: string,
  event: ItemEvent,
): Promise<string> {
  const last = await db
    .selectFrom('item_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('item_id', '=', itemId)
    .executeTakeFirst()
  const id = randomUUID()
  const seq = Number(last?.seq ?? 0) + 1
  await db
    .insertInto('item_events')
    .values({
      id,
      item_id: itemId,
      seq,
      kind: event.kind,
      actor_id: actorId,
      at,
      data: JSON.stringify(event.details),
    })
    .execute()
  // the dashboard's status over time reads these rows, not the events' JSON
  const change = statusChangeOf(event)
  if (change)
    await db
      .insertInto('item_status_changes')
      .values({
        item_id: itemId,
        seq,
        at,
        month: at.slice(0, 7),
        from_status: change.from,
        to_status: change.to,
      })
      .execute()
  // the dashboard's summary rows follow the item as this transaction left it; its stored figures
  // of other views become unused, or are brought up to date by what the write changed (search views)
  const rows = await syncItemTallies(db, itemId)
  await bumpPortfolioVersion(db, rows ? [{ itemId, change: rows }] : [])
  await dispatch(db, { id, itemId, actorId, at, event })
  return id
}

/** One event of many to record together (recordEvents). */
export interface EventToRecord {
  itemId: string
  event: ItemEvent
}

/**
 * Appends many events as recordEvent does, each after its item's last, in multi-row statements
 * (the importer's thousands of rows), then hands each to the dispatcher. `fresh`: the items are
 * new in this transaction, so each event is their first and no history is read. `syncTallies`
 * false: the caller brings the dashboard's tallies up to date itself (`syncTalliesOf`), once for
 * several calls (an import written a batch at a time).
 */
export async function recordEvents(
  db: DB,
  events: readonly EventToRecord[],
  actorId: string | null,
  at: string,
  fresh = false,
  syncTallies = true,
): Promise<string[]> {
  const last = new Map<string, number>()
  if (!fresh)
    for (let start = 0; start < events.length; start += 500) {
      const ids = [...new Set(events.slice(start, start + 500).map((e) => e.itemId))]
      const rows = await db
        .selectFrom('item_events')
        .select('item_id')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('item_id', 'in', ids)
        .groupBy('item_id')
        .execute()
      for (const row of rows) last.set(row.item_id, Number(row.seq ?? 0))
    }
  const rows = events.map(({ itemId, event }) => {
    const seq = (last.get(itemId) ?? 0) + 1
    last.set(itemId, seq)
    return {
      id: randomUUID(),
      item_id: itemId,
      seq,
      kind: event.kind,
      actor_id: actorId,
      at,
      data: JSON.stringify(event.details),
    }
  })
  await insertRows(db, 'item_events', rows)
  const changes = events.flatMap(({ itemId, event }, i) => {
    const change = statusChangeOf(event)
    return change
      ? [
          {
            item_id: itemId,
            seq: rows[i]!.seq,
            at,
            month: at.slice(0, 7),
            from_status: change.from,
            to_status: change.to,
          },
        ]
      : []
  })
  await insertRows(db, 'item_status_changes', changes)
  for (const [i, { itemId, event }] of events.entries())
    await dispatch(db, { id: rows[i]!.id, itemId, actorId, at, event })
  if (syncTallies) await syncTalliesOf(db, [...new Set(events.map((e) => e.itemId))])
  return rows.map((r) => r.id)
}

/**
 * The dashboard's summary rows and version after a batch, as recordEvent keeps them per event
 * (decision 0038): item by item for a small batch; counted afresh in SQL when the batch is a
 * sizeable share of the register, where one pass over every item is cheaper than five small
 * statements per item.
 */
export async function syncTalliesOf(db: DB, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return
  // the register's size as item_totals keeps it (migration 2026_12_02_0200), not counted again
  const register = await db
    .selectFrom('item_totals')
    .select((eb) => eb.fn.sum<number | string>('n').as('n'))
    .executeTakeFirst()
  if (itemIds.length * 20 >= Number(register?.n ?? 0)) return rebuildTallies(db)
  const changes: FigureChange[] = []
  for (const itemId of itemIds) {
    const change = await syncItemTallies(db, itemId)
    if (change) changes.push({ itemId, change })
  }
  await bumpPortfolioVersion(db, changes)
}

/** An item's history, newest first, with the names of who made each change; null for an unknown ref. */
export async function getHistory(db: DB, ref: string): Promise<HistoryEntry[] | null> {
  const item = await db.selectFrom('items').select('id').where('ref', '=', ref).executeTakeFirst()
  return item ? historyOf(db, item.id) : null
}

/** The history of the item with this id, newest first. */
export async function historyOf(db: DB, itemId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('item_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.seq', 'e.kind', 'e.at', 'e.data', 'u.name as by'])
    .where('e.item_id', '=', itemId)
    .orderBy('e.seq', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    seq: row.seq,
    at: row.at,
    by: row.by,
    ...eventOf(row),
  }))
}

/** A stored event row back as the typed event: its kind and its JSON details. */
export function eventOf(row: { kind: string; data: string }): ItemEvent {
  return { kind: row.kind, details: JSON.parse(row.data) } as ItemEvent
}
