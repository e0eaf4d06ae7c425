import type { toTableRow } from './item-view'

type TableRow = ReturnType<typeof toTableRow>

// The portfolio page's rows travel to the browser as one JSON text of arrays, in FIELDS' order,
// rather than as 50 objects of 21 fields: Remix encodes loader data with turbo-stream, which walks
// every key and value in JavaScript (about 1 ms of the page's server time for the rows, measured
// with the same page's data), while a JSON text is one native call and one string for turbo-stream
// (0.3 ms), with the page's size about the same (docs/performance.md, "Issue 13: the page's table
// and filter options as one string each (decision 0059)").

const FIELDS = [
  'ref',
  'title_en',
  'title_ru',
  'title_zh',
  'translations_outdated',
  'strategy',
  'pillar',
  'area',
  'modalities',
  'proposers',
  'status',
  'start_year',
  'end_year',
  'cost_usd_m',
  'secured_usd_m',
  'gap_usd_m',
  'quadrant',
  'interest',
  'updated_at',
  'archived',
  'published',
] as const satisfies ReadonlyArray<keyof TableRow>

// every field of a row is listed (a field added to toTableRow and not here fails to compile)
type Unlisted = Exclude<keyof TableRow, (typeof FIELDS)[number]>
const everyField: [Unlisted] extends [never] ? true : Unlisted = true
void everyField

/** The rows as one JSON text (arrays of their values in FIELDS' order). */
export function packRows(rows: readonly TableRow[]): string {
  return JSON.stringify(rows.map((row) => FIELDS.map((field) => row[field])))
}

/** The rows packRows packed. */
export function unpackRows(text: string): TableRow[] {
  return (JSON.parse(text) as unknown[][]).map((values) => {
    const row: Record<string, unknown> = {}
    FIELDS.forEach((field, k) => (row[field] = values[k]))
    return row as TableRow
  })
}
