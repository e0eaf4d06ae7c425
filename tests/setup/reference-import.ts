import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import type { FieldChangeRecord } from '../../app/history/events'
import { recordEvent } from '../../app/history/history.server'
import { fieldChanges, valuesOfFields } from '../../app/portfolio/changes.server'
import { storedFieldsOf, type InputValues } from '../../app/portfolio/field-kinds'
import {
  fieldsOfView,
  getItemByRef,
  insertItem,
  updateItemFields,
  type ItemFields,
} from '../../app/portfolio/items.server'
import { findOrCreateTaxonomy } from '../../app/portfolio/taxonomy.server'
import type { ImportRow } from '../../app/importer/import.server'
import { statusMoveOf, type StatusPolicy } from '../../app/importer/status-moves'

// For tests only: the importer as it wrote before it was batched (one row at a time through the
// single-item writers: insertItem, updateItemFields, recordEvent, findOrCreateTaxonomy), so a test
// can check that the batched importer leaves the very same database (app/importer/batches.suite.ts).

const fieldsOf = (values: InputValues, ids: Record<string, string | null>): ItemFields =>
  storedFieldsOf((field) => (field.kind === 'taxonomy' ? ids[`${field.name}_id`] : values[field.name]))

const same = (a: ItemFields, b: ItemFields) =>
  JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort())

export function importRowByRow(
  db: DB,
  rows: ImportRow[],
  by: string | null,
  now: string,
  statusPolicy: StatusPolicy = 'as_recorded',
): Promise<void> {
  return withinTransaction(db, async (trx) => {
    for (const { row, values } of rows) {
      const { created: _created, ...ids } = await findOrCreateTaxonomy(trx, values, now)
      const fields = fieldsOf(values, ids)
      const item = await getItemByRef(trx, values.ref)
      if (!item) {
        const id = await insertItem(trx, fields, by, now)
        await recordEvent(trx, id, by, now, {
          kind: 'imported',
          details: { created: true, status: fields.status, changes: [] },
        })
        continue
      }
      const stored = fieldsOfView(item)
      const changes: FieldChangeRecord[] = same(stored, fields)
        ? []
        : fieldChanges(await valuesOfFields(trx, stored), await valuesOfFields(trx, fields))
      if (changes.length === 0) continue
      const move =
        stored.status === fields.status
          ? undefined
          : statusMoveOf(values.ref, row, stored.status, { ...values, archived: false }, fields.status)
      if (!(await updateItemFields(trx, item.id, fields, item.version, by, now))) throw new Error('moved')
      await recordEvent(trx, item.id, by, now, {
        kind: 'imported',
        details: {
          created: false,
          status: null,
          changes,
          ...(move && !move.allowed && statusPolicy === 'as_recorded' ? { status_as_recorded: true } : {}),
        },
      })
    }
  })
}
