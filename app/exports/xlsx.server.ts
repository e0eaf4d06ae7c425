import type { Writable } from 'node:stream'
import type ExcelJS from 'exceljs'
import { onFirstUse } from '../load-package.server'
import { formatUtc } from '../i18n/format'
import { translator } from '../i18n/i18n'
import type { Language } from '../i18n/languages'
import { NO_TAXONOMY_NAMES, type TaxonomyNames } from '../i18n/taxonomy'
import type { ColumnId } from '../portfolio/columns'
import type { FieldRow } from '../portfolio/field-rows.server'
import type { ListQuery } from '../portfolio/list-query'
import { describeView } from './describe'
import { neutraliseFormula } from './formula'
import { archivedShown, sheetColumns, type SheetColumn, type SheetValue } from './sheet-columns'

const excel = onFirstUse<typeof ExcelJS>('exceljs')

// The XLSX export: the table view as a spreadsheet. The view's visible columns with their
// headers (sheet-columns.ts, from the field registry), one row per item, amounts as numbers, and a
// second sheet saying what the file holds; all in the reader's language (headers, codes' and
// countries' names, taxonomy names, the unit and date order of the number formats; Excel itself
// writes the decimal separator of the reader's system). The importer reads it back in any of them.
// Written with exceljs's streaming writer, a row at a time, so a large view never sits in memory
// as a whole workbook. Decision: docs/decisions/0009-exports.md.

/** USD million, three decimals (amounts are exact to the thousand), negatives (an oversubscribed gap) in red. */
export const USD_MILLION_FORMATS: Record<Language, string> = {
  en: '#,##0.000" m";[Red]-#,##0.000" m"',
  ru: '#,##0.000" млн";[Red]-#,##0.000" млн"',
  zh: '#,##0.000" 百万";[Red]-#,##0.000" 百万"',
}
export const USD_MILLION_FORMAT = USD_MILLION_FORMATS.en
/** The order formatUtc writes dates in, per language (docs/decisions/0024-languages.md). */
export const DATE_TIME_FORMATS: Record<Language, string> = {
  en: 'yyyy-mm-dd hh:mm',
  ru: 'dd.mm.yyyy hh:mm',
  zh: 'yyyy/mm/dd hh:mm',
}
export const DATE_TIME_FORMAT = DATE_TIME_FORMATS.en

type Value = SheetValue
type Kind = SheetColumn['kind']

/** One style object per kind and language: exceljs finds a shared style by identity (below). */
const STYLES = Object.fromEntries(
  (Object.keys(USD_MILLION_FORMATS) as Language[]).map((language) => [
    language,
    {
      text: { alignment: { vertical: 'top' } },
      wrap: { alignment: { vertical: 'top', wrapText: true } },
      amount: { alignment: { vertical: 'top' }, numFmt: USD_MILLION_FORMATS[language] },
      year: { alignment: { vertical: 'top' }, numFmt: '0' },
      date: { alignment: { vertical: 'top' }, numFmt: DATE_TIME_FORMATS[language] },
    },
  ]),
) as Record<Language, Record<Kind, Partial<ExcelJS.Style>>>

export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } },
  alignment: { vertical: 'middle', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF000000' } } },
}

/** Text is neutralised against formulas; numbers and dates are cells of their own type, left as they are. */
const cell = (value: Value): ExcelJS.CellValue =>
  typeof value === 'string' ? neutraliseFormula(value) : value

export interface XlsxView {
  query: ListQuery
  columns: readonly ColumnId[]
  language: Language
  /** strategy, pillar and area names in `language` (English where none is stored) */
  names?: TaxonomyNames
  /** ISO-8601 UTC */
  exportedAt: string
  exportedBy: string
  /** the portfolio table's address for this view */
  viewUrl: string
}

/** Resolves once `out` wants more, or is closed (a cancelled download: the writes after it fail). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done)
      out.off('close', done)
      resolve()
    }
    out.on('drain', done)
    out.on('close', done)
  })
}

/**
 * exceljs 4.4 hands a sheet's XML to its zip (archiver) through a stream whose backpressure it
 * ignores, and the zip compresses on the thread pool: a sheet written faster than it is compressed
 * piles up uncompressed (0.5 MB a 1,000 rows, 50 MB at 100,000 measured). Waiting here for that
 * stream to drain keeps about a batch in flight. Reads exceljs's own fields, so a version without
 * them just does not wait.
 */
async function zipped(sheet: ExcelJS.Worksheet): Promise<void> {
  type Pending = Writable & { _writableState?: { needDrain?: boolean } }
  const pipes = (sheet as unknown as { stream?: { pipes?: Pending[] } }).stream?.pipes ?? []
  for (const pipe of pipes) if (pipe._writableState?.needDrain) await drained(pipe)
}

/**
 * Writes the workbook to `out` as the batches arrive: sheet 1 the items (styled header row,
 * frozen, with an autofilter over the rows written), sheet 2 what the file holds and when.
 * Resolves with the number of items once the file is complete.
 */
export async function writeItemsXlsx(
  out: Writable,
  batches: AsyncIterable<FieldRow[]>,
  view: XlsxView,
): Promise<number> {
  const t = translator(view.language)
  const names = view.names ?? NO_TAXONOMY_NAMES
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  workbook.creator = t('app.name')
  workbook.created = new Date(view.exportedAt)

  const defs = sheetColumns(view.columns, archivedShown(view.query), t, names)
  const sheet = workbook.addWorksheet(t('export.sheetItems'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
  })
  // Widths only: a column style would be copied into every cell as a new object, which exceljs
  // then looks up in its style table by content; one shared object per kind is found by identity,
  // which halves the time of a large export.
  sheet.columns = defs.map((d, index) => ({ key: String(index), width: d.width }))
  const styles = defs.map((d) => STYLES[view.language][d.kind])
  const header = sheet.addRow(defs.map((d) => neutraliseFormula(d.header)))
  header.eachCell((c) => (c.style = HEADER_STYLE))
  header.height = 30
  header.commit()

  let count = 0
  for await (const items of batches) {
    for (const item of items) {
      const row = sheet.addRow(defs.map((d) => cell(d.value(item))))
      row.eachCell({ includeEmpty: true }, (c, column) => (c.style = styles[column - 1]!))
      row.commit()
    }
    count += items.length
    // exceljs writes without waiting for the destination: wait here for a slow reader (a download)
    // to take what is written before reading the next batch, so at most about a batch is held.
    if (out.writableNeedDrain) await drained(out)
    await zipped(sheet)
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: count + 1, column: defs.length } }
  sheet.commit()

  const about = workbook.addWorksheet(t('export.sheetAbout'))
  about.columns = [
    { width: 32, style: { font: { bold: true }, alignment: { vertical: 'top' } } },
    { width: 100, style: { alignment: { vertical: 'top', wrapText: true } } },
  ]
  const lines: Array<[string, Value]> = [
    [t('export.about.title'), null],
    [t('export.about.exportedAt'), formatUtc(view.exportedAt, view.language)],
    [t('export.about.exportedBy'), view.exportedBy],
    [t('export.about.items'), count],
    ...describeView(view.query, t, names),
    [t('export.about.view'), view.viewUrl],
    [t('export.about.amounts'), t('export.about.amountsNote')],
    [t('export.about.formulasLabel'), t('export.about.formulas')],
  ]
  for (const [label, value] of lines) about.addRow([cell(label), cell(value)]).commit()
  about.commit()
  await workbook.commit()
  return count
}
