import type { DB } from '../../db/schema'
import { storedKey, viewOfStored, type StoredFields } from './field-kinds'
import { fieldsOn } from './fields'
import {
  HISTORY_FIELDS,
  type FieldChangeRecord,
  type HistoryField,
  type HistoryValue,
} from '../history/events'
import type { ItemView } from './item-view'

// What a write changes in an item's recorded fields, in the history's words (app/history/events.ts):
// the form, the importer and anything else that writes item fields compare before and after here,
// so an unchanged save records nothing.

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

/** valuesOfFields with the taxonomy's names known already (`nameOf` an id): for many items at once. */
export function valuesOfFieldsNamed(
  fields: StoredFields,
  nameOf: (id: string) => string | null,
): FieldValues {
  const values: Record<string, unknown> = {}
  for (const field of fieldsOn('history')) {
    const value = fields[storedKey(field)]
    if (field.kind !== 'taxonomy') values[field.name] = viewOfStored(field, value)
    else values[field.name] = value === null ? null : nameOf(value as string)
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
