import { stringify } from 'csv-stringify/sync'
import { cellText, isNumericKind } from '../portfolio/field-kinds'
import { fieldsOn } from '../portfolio/fields'
import type { ItemView } from '../portfolio/item-view'
import { neutraliseCsvText } from './formula'

// The CSV export is the item interchange format (../shared/data/README.md), every column of the
// field registry's interchange surface, so the file goes back through the importer unchanged:
// docs/decisions/0009-exports.md.

const INTERCHANGE = fieldsOn('interchange')
const HEADER = INTERCHANGE.map((f) => f.name)

/** One item as an interchange record, in the registry's column order; text neutralised against formulas. */
export function interchangeRecord(item: ItemView): string[] {
  return INTERCHANGE.map((field) => {
    const text = cellText(field, item[field.name])
    return isNumericKind(field.kind) ? text : neutraliseCsvText(text)
  })
}

// csv-stringify quotes a field holding its record delimiter (CRLF), not one holding a bare LF or
// CR; Python's csv, pandas and Excel end a record at either, so those fields are quoted too.
const OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const

/**
 * The CSV, a piece per batch: a UTF-8 byte order mark (so spreadsheets read Chinese and Russian
 * titles right; the importer skips it), the header, then the records.
 */
export async function* interchangeCsv(batches: AsyncIterable<ItemView[]>): AsyncGenerator<string> {
  yield '\uFEFF' + stringify([HEADER], OPTIONS)
  for await (const items of batches) yield stringify(items.map(interchangeRecord), OPTIONS)
}
