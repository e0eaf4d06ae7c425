import { sql } from 'kysely'
import type { DB } from '../../db/schema'
import { fromColumn } from '../portfolio/field-kinds'
import { fieldsOn } from '../portfolio/fields'
import { iatiStatusOf } from '../portfolio/iati'
import type { ListQuery } from '../portfolio/list-query'
import { pageRefs } from '../portfolio/list.server'

// The JSON list (GET /api/v1/items): one page of a view as the API publishes it, written as JSON
// text straight from the rows read. The same text as `JSON.stringify({ ...listItems(),
// items: items.map(toApiItem) })` (items.test.ts holds it to that), for less than half the work:
// only the API's columns are read (no interest, ids or editor's name, which the API does not
// answer, so two statements and four joins fewer), and no item view, API item or page object is
// made per row, which were most of a request's time after its statements and most of its garbage
// (docs/decisions/0054-json-list.md).

const API_FIELDS = fieldsOn('api')
type ApiField = (typeof API_FIELDS)[number]

/** The column each API field is read from: the taxonomy's names by join, code lists from the keys on the row. */
function columnOf(field: ApiField): string {
  if (field.kind === 'taxonomy') return field.name
  if (field.kind === 'codes') return field.list.key
  return field.column
}

const TAXONOMY_JOINS = {
  strategy: { table: 'strategies', alias: 's' },
  pillar: { table: 'pillars', alias: 'p' },
  area: { table: 'areas', alias: 'a' },
} as const

const SELECTED = API_FIELDS.map((field) =>
  field.kind === 'taxonomy'
    ? sql.ref(`${TAXONOMY_JOINS[field.name].alias}.name`).as(field.name)
    : sql.ref(`i.${columnOf(field)}`).as(columnOf(field)),
)

/** A field's value as the API answers it, from its column (as toItemView and toApiItem make it). */
function valueOf(field: ApiField, row: Record<string, unknown>): unknown {
  const value = row[columnOf(field)]
  if (field.kind === 'taxonomy') return value
  if (field.kind === 'codes') return value ? (value as string).split(';') : []
  return fromColumn(field, value)
}

/** Each field's `"name":` (with the comma before it), and where the IATI code follows. */
const KEYS = API_FIELDS.map((field, index) => `${index === 0 ? '{' : ','}${JSON.stringify(field.name)}:`)
const IATI_KEY = `,${JSON.stringify('iati_status')}:`

function itemJson(row: Record<string, unknown>): string {
  let out = ''
  for (let index = 0; index < API_FIELDS.length; index++) {
    const field = API_FIELDS[index]!
    const value = valueOf(field, row)
    out += KEYS[index]! + JSON.stringify(value)
    if (field.name === 'status') out += IATI_KEY + JSON.stringify(iatiStatusOf(value as string))
  }
  return out + '}'
}

/** One page of the view as the API's JSON text: `{"items":[...],"total":n,"page":n,"pageSize":n}`. */
export async function apiItemsJson(db: DB, query: ListQuery): Promise<string> {
  const { refs, total } = await pageRefs(db, query)
  let items = ''
  if (refs.length > 0) {
    const rows = (await db
      .selectFrom('items as i')
      .innerJoin('strategies as s', 's.id', 'i.strategy_id')
      .leftJoin('pillars as p', 'p.id', 'i.pillar_id')
      .leftJoin('areas as a', 'a.id', 'i.area_id')
      .select(SELECTED)
      .where('i.ref', 'in', refs)
      .execute()) as Array<Record<string, unknown>>
    const byRef = new Map(rows.map((row) => [row.ref as string, row]))
    for (const ref of refs) {
      const row = byRef.get(ref)
      if (row) items += (items ? ',' : '') + itemJson(row)
    }
  }
  return `{"items":[${items}],"total":${JSON.stringify(total)},"page":${JSON.stringify(query.page)},"pageSize":${JSON.stringify(query.pageSize)}}`
}
