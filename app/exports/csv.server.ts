import { cellText, isNumericKind } from '../portfolio/field-kinds'
import { fieldsOn } from '../portfolio/fields'
import type { FieldRow } from '../portfolio/field-rows.server'
import { neutraliseCsvText } from './formula'

// The CSV export is the item interchange format (../shared/data/README.md), every column of the
// field registry's interchange surface, so the file goes back through the importer unchanged:
// docs/decisions/0009-exports.md.

/** The fields the CSV writes, in its column order: all an export reads of an item (eachRowBatch). */
export const CSV_FIELDS = fieldsOn('interchange')
const HEADER = CSV_FIELDS.map((f) => f.name)
/** Per column, once: the field and whether its cell is a number (left as it is) or text (neutralised). */
const COLUMNS = CSV_FIELDS.map((field) => ({ field, numeric: isNumericKind(field.kind) }))

/** One item as an interchange record, in the registry's column order; text neutralised against formulas. */
export function interchangeRecord(item: FieldRow): string[] {
  return COLUMNS.map(({ field, numeric }) => {
    const text = cellText(field, item[field.name])
    return numeric ? text : neutraliseCsvText(text)
  })
}

// The quoting csv-stringify 6 writes with `record_delimiter: '\r\n'` and `quoted_match: /[\r\n]/`
// (what this module used until the exports were made faster, docs/decisions/0047): a field is
// quoted when it holds a comma, a quote, a CR or an LF (Python's csv, pandas and Excel end a record
// at a bare LF or CR too), quotes inside doubled; nothing else is touched. Written here because
// the library's general path (casting, options per field) was a fifth of a CSV export's time;
// csv.server.test.ts holds the two byte for byte equal.
const NEEDS_QUOTES = /[",\r\n]/
const QUOTE = /"/g
const RECORD_END = '\r\n'

/** One field as written in the file. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text
}

/** Records as CSV text, each ended by CRLF. */
export function csvRecords(records: readonly (readonly string[])[]): string {
  let out = ''
  for (const record of records) {
    for (let i = 0; i < record.length; i++) out += (i === 0 ? '' : ',') + csvField(record[i]!)
    out += RECORD_END
  }
  return out
}

/** A batch of items as interchange CSV records, without the per-item arrays of interchangeRecord. */
function itemRecords(items: readonly FieldRow[]): string {
  let out = ''
  for (const item of items) {
    for (let i = 0; i < COLUMNS.length; i++) {
      const { field, numeric } = COLUMNS[i]!
      const text = cellText(field, item[field.name])
      out += (i === 0 ? '' : ',') + csvField(numeric ? text : neutraliseCsvText(text))
    }
    out += RECORD_END
  }
  return out
}

/**
 * The CSV, a piece per batch: a UTF-8 byte order mark (so spreadsheets read Chinese and Russian
 * titles right; the importer skips it), the header, then the records.
 */
export async function* interchangeCsv(batches: AsyncIterable<FieldRow[]>): AsyncGenerator<string> {
  yield '\uFEFF' + csvRecords([HEADER])
  for await (const items of batches) yield itemRecords(items)
}
