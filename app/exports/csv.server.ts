import { stringify } from 'csv-stringify/sync'
import { COLUMNS, type Column } from '../importer/interchange'
import type { ItemView } from '../portfolio/item-view'
import { formatUsdMillion } from '../portfolio/money'
import { neutraliseCsvText } from './formula'

// The CSV export is the item interchange format (../shared/data/README.md), every column, so the
// file goes back through the importer unchanged: docs/decisions/0009-exports.md.

/** 12.5 (USD million, as ItemView holds it) -> '12.5', exactly as the importer reads it. */
const amount = (usdM: number | null) => formatUsdMillion(usdM == null ? null : Math.round(usdM * 1000))
const whole = (n: number | null) => (n == null ? '' : String(n))
const list = (values: readonly string[]) => values.join(';')

const CELLS: Record<Column, (item: ItemView) => string> = {
  ref: (i) => i.ref,
  strategy: (i) => i.strategy,
  pillar: (i) => i.pillar ?? '',
  area: (i) => i.area ?? '',
  title_en: (i) => i.title_en,
  title_zh: (i) => i.title_zh ?? '',
  title_ru: (i) => i.title_ru ?? '',
  modalities: (i) => list(i.modalities),
  proposers: (i) => list(i.proposers),
  status: (i) => i.status,
  start_year: (i) => whole(i.start_year),
  end_year: (i) => whole(i.end_year),
  cost_usd_m: (i) => amount(i.cost_usd_m),
  secured_usd_m: (i) => amount(i.secured_usd_m),
  partners: (i) => list(i.partners),
  strategic_importance: (i) => whole(i.strategic_importance),
  ease_of_implementation: (i) => whole(i.ease_of_implementation),
  description_en: (i) => i.description_en ?? '',
  source: (i) => i.source ?? '',
}

/** Text columns, neutralised against formulas; the others hold codes and numbers only. */
const NUMERIC = new Set<Column>([
  'start_year',
  'end_year',
  'cost_usd_m',
  'secured_usd_m',
  'strategic_importance',
  'ease_of_implementation',
])

/** One item as an interchange record, in COLUMNS order. */
export function interchangeRecord(item: ItemView): string[] {
  return COLUMNS.map((column) =>
    NUMERIC.has(column) ? CELLS[column](item) : neutraliseCsvText(CELLS[column](item)),
  )
}

// csv-stringify quotes a field holding its record delimiter (CRLF), not one holding a bare LF or
// CR; Python's csv, pandas and Excel end a record at either, so those fields are quoted too.
const OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const

/**
 * The CSV, a piece per batch: a UTF-8 byte order mark (so spreadsheets read Chinese and Russian
 * titles right; the importer skips it), the header, then the records.
 */
export async function* interchangeCsv(batches: AsyncIterable<ItemView[]>): AsyncGenerator<string> {
  yield '\uFEFF' + stringify([[...COLUMNS]], OPTIONS)
  for await (const items of batches) yield stringify(items.map(interchangeRecord), OPTIONS)
}
