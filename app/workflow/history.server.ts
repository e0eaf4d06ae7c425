import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { storedKey, viewOfStored, type StoredFields } from '../portfolio/field-kinds'
import { fieldsOn } from '../portfolio/fields'
import type { ItemView } from '../portfolio/item-view'
import {
  HISTORY_FIELDS,
  type FieldChangeRecord,
  type HistoryField,
  type HistoryValue,
  type ItemEvent,
} from './events'
import { statusChangeOf } from './status-changes'

// Writing the item history. Every write to an item calls recordEvent inside its own transaction,
// after changing the item: the change and its event commit together or not at all. The items
// row is updated first, which on PostgreSQL locks it, so the next `seq` read here cannot race
// another writer of the same item (on SQLite writers are serialised anyway).

/** Appends one event to an item's history and returns its id. Call it inside the transaction that made the change. */
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
  return id
}

export type FieldValues = Record<HistoryField, HistoryValue>

/** An item's recorded fields as the API shows them, from what is stored. */
export function valuesOfView(item: ItemView): FieldValues {
  return Object.fromEntries(HISTORY_FIELDS.map((field) => [field, item[field]])) as FieldValues
}

/** The same, for fields about to be written: taxonomy ids become names, amounts USD million. */
export async function valuesOfFields(db: DB, fields: StoredFields): Promise<FieldValues> {
  const values: Record<string, unknown> = {}
  for (const field of fieldsOn('history')) {
    const value = fields[storedKey(field)]
    if (field.kind !== 'taxonomy') values[field.name] = viewOfStored(field, value)
    else if (value === null) values[field.name] = null
    else
      values[field.name] =
        (
          await db
            .selectFrom(field.names)
            .select('name')
            .where('id', '=', value as string)
            .executeTakeFirst()
        )?.name ?? null
  }
  return values as FieldValues
}

/** The fields whose value differs, in the order of HISTORY_FIELDS; empty when nothing changed. */
export function fieldChanges(before: FieldValues, after: FieldValues): FieldChangeRecord[] {
  const same = (a: HistoryValue, b: HistoryValue) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  return HISTORY_FIELDS.filter((field) => !same(before[field], after[field])).map((field) => ({
    field,
    old: before[field] ?? null,
    new: after[field] ?? null,
  }))
}
