import { sql } from 'kysely'
import type { DB } from '../../db/schema'
import { partnerInterestOf } from '../cofinancing/cofinancing.server'
import { codesFromKey, fromColumn } from './field-kinds'
import type { Field } from './fields'
import type { ListedItem } from './item-view'

// Some fields of items, read by ref for the whole-view reads that write only a few of an item's
// ~45 columns (the CSV and XLSX exports): the select and each value's conversion are derived from
// the field registry (a field's column, its taxonomy table, its code list's key, fromColumn), so a
// field is described once; the values are those getItemsByRefsFromKeys gives for the same fields
// (list-batches.test.ts holds them equal). docs/decisions/0061.

/** Some of an item's fields (those asked for) by name, as the item view holds them; its partner interest when asked. */
export type FieldRow = Partial<ListedItem>

/** The taxonomy's tables, as the read joins them. */
const TAXONOMY_ALIAS = { strategies: 's', pillars: 'p', areas: 'a' } as const

/** Where a field is read from: an expression of the row joined with its taxonomy's names. */
function sourceOf(field: Field): string {
  if (field.kind === 'taxonomy') return `${TAXONOMY_ALIAS[field.names]}.name`
  if (field.kind === 'codes') return `i.${field.list.key}`
  return `i.${field.column}`
}

/** How the value read becomes the view's, in place; null where it already is. */
function conversionOf(field: Field): ((stored: unknown) => unknown) | null {
  if (field.kind === 'codes') return (key) => codesFromKey(key as string | null)
  if (field.kind === 'taxonomy') return null
  // fromColumn leaves the other kinds as they are
  if (field.kind === 'amount' || field.kind === 'flag' || field.kind === 'list')
    return (stored) => fromColumn(field, stored)
  return null
}

/**
 * A reader of `fields` for a batch of refs: the rows in the order of the refs given, each with
 * the fields by name (and `interest` when asked, and the item `columns` named). The select names each column by its field, and
 * the values are converted in place, so a row keeps the shape the driver gave it (a new object
 * per row, or one grown key by key, was a large part of an export's time: decision 0047).
 */
export function fieldReader(
  fields: readonly Field[],
  options: { interest: boolean; columns?: ReadonlyArray<'translations_outdated'> },
) {
  const selected = [...new Set(fields)]
  if (!selected.some((f) => f.name === 'ref')) throw new Error('a field read needs the ref')
  const columns = [
    ...selected.map((f) => sql.ref(sourceOf(f)).as(f.name)),
    // item columns outside the registry, as they are
    ...(options.columns ?? []).map((column) => sql.ref(`i.${column}`).as(column)),
  ]
  const conversions = selected.flatMap((f) => {
    const convert = conversionOf(f)
    return convert ? [{ name: f.name, convert }] : []
  })
  return async function read(db: DB, refs: readonly string[]): Promise<FieldRow[]> {
    if (refs.length === 0) return []
    let select = db
      .selectFrom('items as i')
      .innerJoin('strategies as s', 's.id', 'i.strategy_id')
      .leftJoin('pillars as p', 'p.id', 'i.pillar_id')
      .leftJoin('areas as a', 'a.id', 'i.area_id')
      .select(columns)
    if (options.interest) select = select.select('i.id as id')
    const rows = (await select.where('i.ref', 'in', [...refs]).execute()) as Array<Record<string, unknown>>
    const position = new Map(refs.map((ref, index) => [ref, index]))
    rows.sort((a, b) => position.get(a.ref as string)! - position.get(b.ref as string)!)
    for (const row of rows) for (const { name, convert } of conversions) row[name] = convert(row[name])
    if (options.interest) {
      const interest = await partnerInterestOf(
        db,
        rows.map((r) => r.id as string),
      )
      for (const row of rows) row.interest = interest.get(row.id as string) ?? []
    }
    return rows as FieldRow[]
  }
}
