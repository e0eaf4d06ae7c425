import { parse } from 'csv-parse/sync'
import { csvProblem } from './csv-problem'
import type { TFunction } from 'i18next'
import { interchangeTextOf, sheetHeaders } from '../exports/sheet-columns'
import { restoreNeutralised } from '../exports/formula'
import { createI18n, LANGUAGES } from '../i18n/i18n'
import { parseMessage, type MessageValues } from '../i18n/message'
import { readField, type InputValues } from '../portfolio/field-kinds'
import { fieldNamed, namesOn, type FieldName, type FieldNameOn, type FieldOn } from '../portfolio/fields'
import { shorten } from '../portfolio/text'

// The item interchange format (../shared/data/README.md): reading and checking a file, row by row,
// before anything is written. Shared by the command-line importer and the browser one
// (files.server.ts decides CSV or XLSX and reads a workbook into the same records). Each cell is
// checked by its field's rule in the registry (app/portfolio/field-kinds.ts), the very rule the
// item form uses; the checks against the register come after (import.server.ts checkedRows).

/** The interchange columns: the registry's fields on the interchange surface, in its order. */
export const COLUMNS = namesOn('interchange')
export type Column = FieldNameOn<'interchange'>
type InterchangeField = FieldOn<'interchange'>

/** A problem with the file: `row` counts like a spreadsheet (the header is row 1), 0 for the file as a whole. */
export interface ImportError {
  row: number
  column: string | null
  /**
   * A translation key with `values` for its placeholders: under import.error for the file's
   * shape, or a field rule's own key (validation.*), the form's message, for a cell.
   */
  key: string
  values?: MessageValues
}

/** One row of the file after its own checks: the values of the columns the file has. */
export interface FileRow {
  row: number
  ref: string
  /** by field name, as stored: amounts in USD thousands, taxonomy by name, lists as arrays */
  given: Partial<InputValues>
}

/** What reading a file found, before the checks against the register. */
export interface FileRead {
  /** the rows without problems of their own */
  rows: FileRow[]
  errors: ImportError[]
  /** every row's ref, for the checks against the stored refs (a row with other problems too) */
  refs: Array<{ row: number; ref: string }>
  /** the header of each field's column as the file names it */
  headers: Partial<Record<FieldName, string>>
  /** whether the header is our own XLSX export's (column labels rather than interchange names) */
  fromExport: boolean
  /** columns of our own XLSX export that hold what the register works out (gap, priority, ...): not read */
  ignored: string[]
}

/** One line of a spreadsheet: its row number as the user sees it (the header is row 1) and its cells as text. */
export interface SheetRecord {
  row: number
  cells: string[]
  /**
   * Cells that cannot be read as text (an XLSX date or error), by index: a problem only if their
   * column is read, so a workbook's "Last updated" dates do not stop an import that ignores them.
   */
  unreadable?: Map<number, ImportError>
}

const fileError = (key: string, values?: Record<string, string | number>): ImportError => ({
  row: 0,
  column: null,
  key,
  ...(values ? { values } : {}),
})

export const emptyRead = (errors: ImportError[]): FileRead => ({
  rows: [],
  errors,
  refs: [],
  headers: {},
  fromExport: false,
  ignored: [],
})

/** Reads a whole interchange CSV and checks every row on its own. */
export function readInterchangeCsv(content: string | Buffer): FileRead {
  let records: string[][]
  try {
    records = parse(content, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: false,
    }) as string[][]
  } catch (error) {
    return emptyRead([csvProblem(error)])
  }
  // A record is a spreadsheet row, even when a quoted cell spans several lines of the file.
  return checkRecords(records.map((cells, index) => ({ row: index + 1, cells })))
}

/** Headers of our XLSX export in every language we write it in, with the field each holds. */
let exportHeaders: Map<string, { field: FieldName | null; t: TFunction }> | undefined
function exportHeaderOf(name: string) {
  if (!exportHeaders) {
    exportHeaders = new Map()
    for (const language of LANGUAGES) {
      const t = createI18n(language).t
      for (const [header, field] of sheetHeaders(t)) exportHeaders.set(header, { field, t })
    }
  }
  return exportHeaders.get(name)
}

/** The unknown columns are named in one message; past this many, it says how many more. */
const UNKNOWN_LISTED = 20

interface ReadColumn {
  index: number
  header: string
  field: InterchangeField
  /** the export's translator when the column is one of our XLSX export's (its cells show labels) */
  labels: TFunction | null
}

/**
 * Which field each column holds: an interchange column by its name, or a column of our XLSX
 * export by its header (docs/decisions/0015-field-registry.md).
 */
function readHeader(header: SheetRecord) {
  const errors: ImportError[] = []
  const columns: ReadColumn[] = []
  const ignored: string[] = []
  const unknown: string[] = []
  const seen = new Map<FieldName, string>()
  header.cells.forEach((cell, index) => {
    const name = cell.trim()
    const isColumn = (COLUMNS as readonly string[]).includes(name)
    const exported = isColumn ? undefined : exportHeaderOf(name)
    const fieldName = isColumn ? (name as Column) : exported?.field
    if (fieldName === undefined) return void unknown.push(name)
    // an export's column of what the register works out (gap, priority, ...), or partner interest
    if (fieldName === null || !(COLUMNS as readonly string[]).includes(fieldName))
      return void ignored.push(name)
    if (seen.has(fieldName))
      return void errors.push({ row: header.row, column: name, key: 'duplicateColumn' })
    seen.set(fieldName, name)
    columns.push({
      index,
      header: name,
      field: fieldNamed(fieldName) as InterchangeField,
      labels: exported ? exported.t : null,
    })
  })
  if (unknown.length) {
    const more = unknown.length - UNKNOWN_LISTED
    const listed = unknown.slice(0, UNKNOWN_LISTED).map((n) => `"${shorten(n, 40)}"`)
    errors.unshift({
      row: header.row,
      column: null,
      key: more > 0 ? 'unknownColumnsMore' : 'unknownColumns',
      values: { columns: listed, ...(more > 0 ? { more } : {}), allowed: [...COLUMNS] },
    })
  }
  if (!seen.has('ref')) errors.push({ row: header.row, column: 'ref', key: 'missingColumn' })
  const fromExport = columns.some((c) => c.labels !== null) || ignored.length > 0
  return { columns, errors, ignored, fromExport, headers: Object.fromEntries(seen) }
}

/** A field rule's message as an import error: the rule's key and values, and the cell's text as `text`. */
function cellError(row: number, column: string, text: string, messageText: string): ImportError {
  const { key, values } = parseMessage(messageText)
  return { row, column, key, values: { ...values, text } }
}

/**
 * Checks a file's rows as they are read, a batch at a time (files.server.ts streams them): the
 * header once, then each record on its own. What it keeps between batches is only the header's
 * columns and each ref's first row (a repeated ref is found across batches).
 */
export class RecordChecker {
  private readonly seen = new Map<string, number>()
  private readonly refColumn: ReadColumn

  private constructor(
    private readonly columns: ReadColumn[],
    readonly headers: Partial<Record<FieldName, string>>,
    readonly fromExport: boolean,
    readonly ignored: string[],
  ) {
    this.refColumn = columns.find((c) => c.field.name === 'ref')!
  }

  /** The header's columns, or the header's problems. */
  static start(header: SheetRecord): RecordChecker | ImportError[] {
    const { columns, errors, ignored, headers, fromExport } = readHeader(header)
    for (const [, error] of header.unreadable ?? []) errors.push(error)
    if (errors.length) return errors
    return new RecordChecker(columns, headers, fromExport, ignored)
  }

  /** Checks these records: their rows without problems, every row's ref, every problem. */
  check(records: Iterable<SheetRecord>): FileRead {
    const errors: ImportError[] = []
    const read: FileRead = {
      rows: [],
      errors,
      refs: [],
      headers: this.headers,
      fromExport: this.fromExport,
      ignored: this.ignored,
    }
    const refColumn = this.refColumn
    for (const record of records) {
      const { row } = record
      const before = errors.length
      // A repeated ref is found whatever else is wrong with either row, so one pass lists every problem.
      const ref = (record.cells[refColumn.index] ?? '').trim()
      const first = ref ? this.seen.get(ref.toLowerCase()) : undefined
      if (first)
        errors.push({ row, column: refColumn.header, key: 'duplicateRef', values: { value: ref, first } })
      else if (ref) this.seen.set(ref.toLowerCase(), row)
      if (ref) read.refs.push({ row, ref })
      const given: Record<string, unknown> = {}
      for (const column of this.columns) {
        const unreadable = record.unreadable?.get(column.index)
        if (unreadable) {
          errors.push({ ...unreadable, column: column.header })
          continue
        }
        // An export put an apostrophe before text that starts like a formula (exports/formula.ts): take it off.
        const cell = restoreNeutralised((record.cells[column.index] ?? '').trim())
        const text = column.labels ? interchangeTextOf(column.field.name, cell, column.labels) : cell
        const value = readField(column.field, text)
        if (value.ok) given[column.field.name] = value.value
        else errors.push(cellError(row, column.header, cell, value.message))
      }
      if (errors.length === before) read.rows.push({ row, ref: given.ref as string, given })
    }
    return read
  }
}

/**
 * Checks the header (the first record) and every row after it on its own, from CSV or a workbook
 * alike. Problems of every row are collected, and the rows without any are kept.
 */
export function checkRecords(records: SheetRecord[]): FileRead {
  const [header, ...body] = records
  if (!header || body.length === 0) return emptyRead([fileError('empty')])
  const checker = RecordChecker.start(header)
  if (Array.isArray(checker)) return emptyRead(checker)
  return checker.check(body)
}
