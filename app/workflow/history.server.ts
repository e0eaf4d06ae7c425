import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import type { ItemFields } from '../portfolio/items.server'
import type { ItemView } from '../portfolio/item-view'
import { kusdToMillion } from '../portfolio/money'
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
      .values({ item_id: itemId, seq, at, month: at.slice(0, 7), from_status: change.from, to_status: change.to })
      .execute()
  return id
}

export type FieldValues = Record<HistoryField, HistoryValue>

/** An item's recorded fields as the API shows them, from what is stored. */
export function valuesOfView(item: ItemView): FieldValues {
  return Object.fromEntries(HISTORY_FIELDS.map((field) => [field, item[field]])) as FieldValues
}

/**
 * The same, for fields about to be written: taxonomy ids become names, amounts USD million.
 * Financing sources a writer leaves out (the importer, whose stored and new fields both lack
 * them) read as null on both sides of its comparison, so they never count as changed.
 */
export async function valuesOfFields(db: DB, fields: ItemFields): Promise<FieldValues> {
  const name = async (table: 'strategies' | 'pillars' | 'areas', id: string | null) =>
    id === null
      ? null
      : ((await db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirst())?.name ?? null)
  const [strategy, pillar, area] = await Promise.all([
    name('strategies', fields.strategy_id),
    name('pillars', fields.pillar_id),
    name('areas', fields.area_id),
  ])
  return {
    ref: fields.ref,
    title_en: fields.title_en,
    title_zh: fields.title_zh,
    title_ru: fields.title_ru,
    description_en: fields.description_en,
    strategy,
    pillar,
    area,
    modalities: fields.modalities,
    proposers: fields.proposers,
    status: fields.status,
    start_year: fields.start_year,
    end_year: fields.end_year,
    cost_usd_m: kusdToMillion(fields.cost_kusd),
    secured_usd_m: kusdToMillion(fields.secured_kusd),
    secured_government_usd_m: kusdToMillion(fields.secured_government_kusd ?? null),
    secured_partners_usd_m: kusdToMillion(fields.secured_partners_kusd ?? null),
    secured_private_usd_m: kusdToMillion(fields.secured_private_kusd ?? null),
    partners: fields.partners,
    strategic_importance: fields.strategic_importance,
    ease_of_implementation: fields.ease_of_implementation,
    source: fields.source,
  }
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
