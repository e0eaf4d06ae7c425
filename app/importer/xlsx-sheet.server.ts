import { createRequire } from 'node:module'
import { StringDecoder } from 'node:string_decoder'
import type ExcelJS from 'exceljs'
import { onFirstUse } from '../load-package.server'
import type { ImportError, SheetRecord } from './interchange'
import { entryChunks, zipEntries, type ZipEntry } from './limits.server'

// A workbook's first sheet read a batch of rows at a time (docs/decisions/0067-xlsx-read-as-a-stream.md),
// with exceljs's own parts (its XML parser, its row and cell readers, its shared strings, styles
// and workbook readers), so that every cell comes out as `workbook.xlsx.load` gives it, without
// the whole workbook in memory: the zip's parts are inflated straight from the upload's bytes (the
// directory limits.server.ts reads), the small ones (workbook, relationships, styles, shared
// strings) whole, the sheet as a stream, twice: once to count its records and find the problems
// of the whole file (which today's reader tells before any row), once to hand its rows on. A sheet
// with merged cells or hyperlinks, or rows out of order, whose cells depend on what follows its
// rows, is loaded whole as before (`loadWhole`).

const excel = onFirstUse<typeof ExcelJS>('exceljs')
const require = createRequire(import.meta.url)

/* The exceljs internals used here (CommonJS, untyped): the shapes this module relies on. */
interface SaxNode {
  name: string
  attributes: Record<string, string>
}
type SaxEvent =
  | { eventType: 'opentag'; value: SaxNode }
  | { eventType: 'text'; value: string }
  | { eventType: 'closetag'; value: SaxNode }
interface Xform {
  model: unknown
  map: Record<string, unknown>
  parseOpen(node: SaxNode): boolean
  parseText(text: string): void
  parseClose(name: string): boolean
  parse(events: AsyncIterable<SaxEvent[]>): Promise<unknown>
  reset(): void
}
interface RowModel {
  number: number
  cells: CellModel[]
}
interface CellModel {
  address?: string
  type: number
  value?: unknown
}
interface RowXform extends Xform {
  model: RowModel
  reconcile(model: RowModel, options: ReconcileOptions): void
}
interface ReconcileOptions {
  styles: unknown
  sharedStrings: unknown
  date1904: unknown
  hyperlinkMap: Record<string, string>
  commentsMap: Record<string, unknown>
  formulae: Record<string, string>
}
type XformClass<T extends Xform = Xform> = new (options?: unknown) => T
type RowClass = new (worksheet: ExcelJS.Worksheet, number: number) => ExcelJS.Row

let loaded: ReturnType<typeof load> | undefined
const internals = () => (loaded ??= load())
function load() {
  const lib = (path: string) => require(`exceljs/lib/${path}`) as unknown
  return {
    parseSax: lib('utils/parse-sax') as (chunks: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>,
    WorkbookXform: lib('xlsx/xform/book/workbook-xform') as XformClass,
    RelationshipsXform: lib('xlsx/xform/core/relationships-xform') as XformClass,
    SharedStringsXform: lib('xlsx/xform/strings/shared-strings-xform') as XformClass,
    StylesXform: lib('xlsx/xform/style/styles-xform') as XformClass,
    WorksheetXform: lib('xlsx/xform/sheet/worksheet-xform') as XformClass,
    RowXform: lib('xlsx/xform/sheet/row-xform') as XformClass<RowXform>,
    Row: lib('doc/row') as RowClass,
    colCache: lib('utils/col-cache') as { decodeAddress(address: string): { col: number } },
    ValueType: (lib('doc/enums') as { ValueType: Record<'Null' | 'Merge' | 'Number' | 'String', number> })
      .ValueType,
  }
}

export const fileError = (key: string, values?: Record<string, string | number>): ImportError => ({
  row: 0,
  column: null,
  key,
  ...(values ? { values } : {}),
})

const loadError = (error: unknown) =>
  fileError('xlsx', { detail: error instanceof Error ? error.message : String(error) })

type CellResult = { text: string } | { error: string; value?: string }

/**
 * A cell as the text the same value would have in the CSV. Numbers come through as they are
 * shown (12.5, 2025; at most 15 significant digits, as a spreadsheet shows them), text and rich
 * text as their text, a formula as its last computed value. Dates are refused: the format has
 * none (years are numbers), so a date cell is a mistake to point at, not a value to guess from.
 */
export function cellText(value: ExcelJS.CellValue): CellResult {
  if (value === null || value === undefined) return { text: '' }
  if (typeof value === 'string') return { text: value }
  if (typeof value === 'number')
    return Number.isFinite(value) ? { text: numberText(value) } : { error: 'xlsxError', value: String(value) }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' }
  if (value instanceof Date) return { error: 'xlsxDate' }
  if ('error' in value) return { error: 'xlsxError', value: String(value.error) }
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join('') }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    if (result === undefined || result === null) return { error: 'xlsxFormula' }
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result)
      return { error: 'xlsxError', value: String((result as { error: unknown }).error) }
    return cellText(result as ExcelJS.CellValue)
  }
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? { text: value.text } : cellText(value.text as ExcelJS.CellValue)
  return { error: 'xlsxUnreadable' }
}

function numberText(value: number): string {
  return String(Number(value.toPrecision(15)))
}

/**
 * A sheet's rows made records, one at a time, in order: row 1 (the first that is not empty) is
 * the header; empty rows are skipped; a value beyond the header is a problem of the whole file.
 */
export class SheetReading {
  private header: string[] | null = null
  readonly errors: ImportError[] = []

  /** The header's columns, once read. */
  get width(): number | null {
    return this.header?.length ?? null
  }

  /** The record of a row that has values (exceljs's `eachRow`), or null for a row of empty strings. */
  record(row: ExcelJS.Row, rowNumber: number): SheetRecord | null {
    const header = this.header
    const cells: string[] = []
    const unreadable = new Map<number, ImportError>()
    const width = header ? header.length : row.cellCount
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const read = cellText(cell.value)
      const column = header
        ? (header[col - 1] ?? cell.address.replace(/\d+$/, ''))
        : cell.address.replace(/\d+$/, '')
      if (header && col > width) {
        if ('error' in read || read.text.trim() !== '')
          this.errors.push({
            row: rowNumber,
            column,
            key: 'xlsxOutsideHeader',
            values: { cell: cell.address },
          })
        return
      }
      if ('error' in read) {
        // a problem only if the column is read (checkRecords): an export's dates are not
        unreadable.set(col - 1, {
          row: rowNumber,
          column,
          key: read.error,
          values: { value: read.value ?? '', cell: cell.address },
        })
        return
      }
      cells[col - 1] = read.text
    })
    const filled = Array.from({ length: Math.max(cells.length, 0) }, (_, i) => cells[i] ?? '')
    if (filled.every((c) => c.trim() === '') && header && unreadable.size === 0) return null // a row of empty strings is no row, as in the CSV
    if (!header) {
      // The header ends at its last named column; empty cells after it do not make columns.
      while (filled.length && filled[filled.length - 1]!.trim() === '') filled.pop()
      this.header = filled.map((name) => name.trim())
    }
    return { row: rowNumber, cells: filled, ...(unreadable.size ? { unreadable } : {}) }
  }
}

type SheetRead = { records: SheetRecord[] } | { errors: ImportError[] }

/** The first sheet's rows as records (empty rows skipped), the workbook loaded whole (exceljs). */
export async function loadWhole(bytes: Buffer): Promise<SheetRead> {
  const workbook = new (excel().Workbook)()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch (error) {
    return { errors: [loadError(error)] }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { errors: [fileError('empty')] }
  const reading = new SheetReading()
  const records: SheetRecord[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const record = reading.record(row, rowNumber)
    if (record) records.push(record)
  })
  return reading.errors.length ? { errors: reading.errors } : { records }
}

// --- the sheet as a stream -----------------------------------------------------------------

/** A zip part's text, a chunk at a time, inflated from the archive's bytes as it is read. */
async function* partText(bytes: Buffer, entry: ZipEntry): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  for await (const chunk of entryChunks(bytes, entry)) yield decoder.write(chunk)
  const rest = decoder.end()
  if (rest) yield rest
}

/** What the workbook's parts say about its sheets: which is first, and what its cells are read with. */
interface Workbook {
  bytes: Buffer
  sheet: ZipEntry
  options: Pick<ReconcileOptions, 'styles' | 'sharedStrings' | 'date1904'>
}

const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/

/**
 * The workbook's first sheet, chosen as exceljs's `load` chooses `worksheets[0]`: the parts named
 * like a worksheet, given the id of the `<sheet>` of workbook.xml whose relationship points at
 * them, in the order of those `<sheet>`s; and what its cells need (shared strings, styles, the
 * 1904 date system). Null for a workbook without a worksheet.
 */
async function openWorkbook(bytes: Buffer): Promise<Workbook | null> {
  const x = internals()
  const directory = zipEntries(bytes)
  if (!Array.isArray(directory)) throw new Error('damaged zip archive') // checkXlsxLimits refused it already
  // JSZip's `files`, as `load` walks them: by name without a leading slash, a name met again replacing the part
  const parts = new Map<string, ZipEntry>()
  for (const entry of directory)
    if (!entry.name.endsWith('/')) parts.set(entry.name.replace(/^\//, ''), entry)
  const parse = async <T>(name: string, Xform: XformClass): Promise<T | undefined> => {
    const entry = parts.get(name)
    return entry ? ((await new Xform().parse(x.parseSax(partText(bytes, entry)))) as T) : undefined
  }
  const parsed = async (name: string, Xform: XformClass): Promise<Xform | undefined> => {
    const entry = parts.get(name)
    if (!entry) return undefined
    const xform = new Xform()
    await xform.parse(x.parseSax(partText(bytes, entry)))
    return xform
  }
  type Sheet = { id: number; rId: string }
  const book = await parse<{ sheets: Sheet[]; properties: { date1904?: unknown } }>(
    'xl/workbook.xml',
    x.WorkbookXform,
  )
  const sheets = book?.sheets
  const rels =
    (await parse<Array<{ Id: string; Target: string }>>(
      'xl/_rels/workbook.xml.rels',
      x.RelationshipsXform,
    )) ?? []
  const sharedStrings = await parsed('xl/sharedStrings.xml', x.SharedStringsXform)
  const styles = await parsed('xl/styles.xml', x.StylesXform)

  // xlsx.js's reconcile and Workbook's model setter, for the worksheet parts only
  const worksheetParts = [...parts.keys()].filter((name) => WORKSHEET.test(name))
  const idOf = new Map<string, number>()
  const relById = new Map(rels.map((rel) => [rel.Id, rel]))
  for (const sheet of sheets ?? []) {
    const rel = relById.get(sheet.rId)
    if (!rel) continue
    const name = `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`
    if (worksheetParts.includes(name)) idOf.set(name, sheet.id)
  }
  const byId: string[] = []
  for (const name of worksheetParts) {
    const id = idOf.get(name)
    if (id !== undefined && Number.isInteger(id) && id >= 1) byId[id] = name
  }
  const orderNo = (name: string) => sheets!.findIndex((sheet) => sheet.id === idOf.get(name))
  const first = byId
    .slice(1)
    .sort((a, b) => orderNo(a) - orderNo(b))
    .find(Boolean)
  if (!first) return null
  return {
    bytes,
    sheet: parts.get(first)!,
    options: {
      styles,
      sharedStrings,
      date1904: book?.properties?.date1904,
    },
  }
}

/** An empty object without a prototype, in V8's dictionary mode. */
function dictionary<T>(): Record<string, T> {
  const map = Object.create(null) as Record<string, T>
  map.x = undefined as T
  delete map.x
  return map
}

/** What a sheet holds after its rows that `load` gives its cells: merged ranges, hyperlinks. */
interface SheetTail {
  mergeCells?: unknown[] | null
  hyperlinks?: Array<{ rId?: string }> | null
}

/**
 * The cells of a row (reconciled, as `Row`'s model setter will read it) that certainly makes a
 * record of a sheet whose header has `width` columns, with no problem: its cells in column order,
 * none beyond the header, each text or a finite number or empty, one of them text that is not
 * blank. `SheetReading.record` would make the same record from the built row (a string cell's
 * value is its text, a number's as `cellText` writes it, an empty one is skipped), so the row
 * need not be built. Null for any other row.
 */
function plainCells(model: RowModel, width: number): string[] | null {
  const { colCache, ValueType } = internals()
  const cells: string[] = []
  let last = 0
  let text = false
  for (const cell of model.cells) {
    if (cell.type === ValueType.Merge) continue // Row's model setter skips it
    if (!cell.address) return null
    const col = colCache.decodeAddress(cell.address).col
    if (!(col > last && col <= width)) return null
    last = col
    if (cell.type === ValueType.Null) continue // eachCell skips it
    let value: string
    if (cell.type === ValueType.String && typeof cell.value === 'string') value = cell.value
    else if (cell.type === ValueType.Number && typeof cell.value === 'number' && Number.isFinite(cell.value))
      value = numberText(cell.value)
    else return null
    if (value.trim() !== '') text = true
    cells[col - 1] = value
  }
  return text ? Array.from({ length: cells.length }, (_, i) => cells[i] ?? '') : null
}

/** A row of the sheet: built as `load` builds it, or already made a record (plainCells). */
type SheetRow = { row: ExcelJS.Row; record?: never } | { record: SheetRecord; row?: never }

/**
 * The sheet's rows in order, handed on as they are parsed (each event chunk's rows together):
 * once the header's `width` is known, a plain row as its record, any other as an exceljs Row
 * built as `load` builds it. `ordered` is told of each row number.
 */
async function* sheetRows(
  workbook: Workbook,
  ordered: (number: number) => void,
  width: () => number | null,
): AsyncGenerator<SheetRow[], SheetTail> {
  const x = internals()
  const worksheet = new (excel().Workbook)().addWorksheet('rows')
  const options: ReconcileOptions = {
    ...workbook.options,
    // Looked up for every cell by its address and nearly always missing: as a dictionary (no
    // prototype, no fields) a miss is a hash probe, where `{}` misses V8's lookup cache for every
    // new address (a fifth of the sheet's reading at 10,000 rows).
    hyperlinkMap: dictionary(),
    commentsMap: dictionary(),
    formulae: {},
  }
  const rowXform = new x.RowXform()
  const parsed: RowModel[] = []
  const xform = new x.WorksheetXform()
  // sheetData as its ListXform parses it, each row handed on instead of kept
  const rows = new x.RowXform()
  let parser: RowXform | undefined
  xform.map.sheetData = {
    model: [],
    reset() {
      parser = undefined
    },
    parseOpen(node: SaxNode) {
      if (parser) {
        parser.parseOpen(node)
        return true
      }
      if (node.name === 'sheetData') return true
      if (rows.parseOpen(node)) parser = rows
      return parser !== undefined
    },
    parseText(text: string) {
      parser?.parseText(text)
    },
    parseClose(name: string) {
      if (!parser) return false
      if (!parser.parseClose(name)) {
        parsed.push(parser.model)
        parser = undefined
      }
      return true
    },
  }
  let done = false
  for await (const events of x.parseSax(partText(workbook.bytes, workbook.sheet))) {
    for (const event of events) {
      if (event.eventType === 'opentag') xform.parseOpen(event.value)
      else if (event.eventType === 'text') xform.parseText(event.value)
      else if (!xform.parseClose(event.value.name)) {
        done = true
        break
      }
    }
    if (parsed.length) {
      const made: SheetRow[] = []
      for (const model of parsed.splice(0)) {
        ordered(model.number)
        rowXform.reconcile(model, options)
        const header = width()
        const cells = header === null ? null : plainCells(model, header)
        if (cells) {
          made.push({ record: { row: model.number, cells } })
          continue
        }
        const row = new x.Row(worksheet, model.number)
        ;(row as unknown as { model: RowModel }).model = model
        made.push({ row })
      }
      yield made
    }
    if (done) break
  }
  // `load` reads the parsed sheet's model (a sheet never closed has none, and fails there)
  const model = xform.model as SheetTail & { sheetNo?: string }
  model.sheetNo = WORKSHEET.exec(workbook.sheet.name)?.[1]
  return model
}

export type XlsxSource =
  | { records: number; batches: AsyncIterable<SheetRecord[]> }
  | { errors: ImportError[] }

/**
 * The first sheet's records, `size` at a time, as `loadWhole` reads them (the same records, row
 * numbers and problems), holding a batch of rows at a time rather than the workbook; or the
 * problems of the whole file. `bytes` passed checkXlsxLimits.
 */
export async function openXlsxSheet(bytes: Buffer, size: number): Promise<XlsxSource> {
  let workbook: Workbook | null
  let counted = 0
  const reading = new SheetReading()
  let inOrder = true
  let last = 0
  const ordered = (number: number) => {
    if (!(Number.isInteger(number) && number > last)) inOrder = false
    last = number
  }
  try {
    workbook = await openWorkbook(bytes)
    if (!workbook) return { errors: [fileError('empty')] }
    const rows = sheetRows(workbook, ordered, () => reading.width)
    let step = await rows.next()
    for (; !step.done; step = await rows.next())
      for (const { row, record } of step.value) if (record ?? recordOf(reading, row)) counted++
    const tail = step.value
    if (!inOrder || (tail.mergeCells?.length ?? 0) > 0 || (tail.hyperlinks ?? []).some((h) => h.rId))
      return whole(await loadWhole(bytes), size)
  } catch (error) {
    return { errors: [loadError(error)] }
  }
  if (reading.errors.length) return { errors: reading.errors }
  const opened = workbook
  return {
    records: counted,
    batches: (async function* () {
      const again = new SheetReading()
      let batch: SheetRecord[] = []
      for await (const rows of sheetRows(
        opened,
        () => undefined,
        () => again.width,
      ))
        for (const row of rows) {
          const record = row.record ?? recordOf(again, row.row)
          if (!record) continue
          batch.push(record)
          if (batch.length >= size) {
            yield batch
            batch = []
          }
        }
      if (batch.length) yield batch
    })(),
  }
}

/** A built row's record, as `eachRow` (rows with values) and `SheetReading` make it. */
const recordOf = (reading: SheetReading, row: ExcelJS.Row) =>
  row.hasValues ? reading.record(row, row.number) : null

/** A sheet read whole, handed on `size` records at a time. */
function whole(read: SheetRead, size: number): XlsxSource {
  if (!('records' in read)) return read
  const { records } = read
  return {
    records: records.length,
    batches: (async function* () {
      for (let start = 0; start < records.length; start += size) yield records.slice(start, start + size)
    })(),
  }
}
