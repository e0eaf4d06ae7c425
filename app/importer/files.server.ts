import { isUtf8 } from 'node:buffer'
import { parse as csvParser } from 'csv-parse'
import { streamOf } from './chunks.server'
import { csvProblem } from './csv-problem'
import { HAND_OVER, PlainCsvReader } from './csv-records'
import { MAX_UPLOAD_BYTES } from '../request-limits'
import { checkXlsxLimits, scanCsv } from './limits.server'
import { cellText, fileError, loadWhole, openXlsxSheet } from './xlsx-sheet.server'
import {
  checkRecords,
  emptyRead,
  readInterchangeCsv,
  type FileRead,
  type ImportError,
  type SheetRecord,
} from './interchange'

// An import file as it arrives, from the command line or the browser: the size limit, CSV or
// XLSX (by name, confirmed by the content), and a workbook's first sheet read into the same
// records as a CSV, so both go through one set of checks (interchange.ts).

export const MAX_IMPORT_BYTES = MAX_UPLOAD_BYTES

export type FileKind = 'csv' | 'xlsx'

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04] // "PK\3\4": every .xlsx is a zip archive

/** Is this file one we read? Decided by its name and checked against its first bytes; nothing is parsed yet. */
export function checkImportFile(
  filename: string,
  bytes: Uint8Array,
): { ok: true; kind: FileKind } | { ok: false; error: ImportError } {
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    return { ok: false, error: fileError('tooLarge', { limit: MAX_IMPORT_BYTES / 1024 / 1024 }) }
  const extension = /\.([^./\\]+)$/.exec(filename)?.[1]?.toLowerCase() ?? ''
  if (extension !== 'csv' && extension !== 'xlsx')
    return { ok: false, error: fileError('wrongType', { value: filename }) }
  if (bytes.byteLength === 0) return { ok: false, error: fileError('emptyFile') }
  const zip = ZIP_SIGNATURE.every((byte, i) => bytes[i] === byte)
  if (extension === 'xlsx')
    return zip ? { ok: true, kind: 'xlsx' } : { ok: false, error: fileError('notXlsx') }
  // A CSV is UTF-8 text: a workbook renamed .csv, or a file in another encoding, is refused here
  // rather than read as gibberish.
  if (zip || bytes.includes(0)) return { ok: false, error: fileError('notCsv') }
  if (!isUtf8(bytes)) return { ok: false, error: fileError('notUtf8') }
  return { ok: true, kind: 'csv' }
}

/**
 * checkImportFile, then the limits of what the file holds (rows, columns, a workbook's unpacked
 * size), counted without parsing it whole: limits.server.ts.
 */
export async function inspectImportFile(
  filename: string,
  bytes: Uint8Array,
): Promise<{ ok: true; kind: FileKind; records: number | null } | { ok: false; error: ImportError }> {
  const checked = checkImportFile(filename, bytes)
  if (!checked.ok) return checked
  if (checked.kind === 'xlsx') {
    const limits = await checkXlsxLimits(bytes)
    return limits.ok ? { ...checked, records: null } : limits
  }
  const scanned = scanCsv(bytes)
  return scanned.ok ? { ...checked, records: scanned.records } : scanned
}

const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** Records read from a file a batch at a time (the header is the first record of the first batch). */
export interface RecordSource {
  /** the records the file holds, the header's included, for progress */
  records: number
  batches: AsyncIterable<SheetRecord[]>
}

/** A problem with the file as a whole met while reading it: a CSV's syntax, a workbook that does not load. */
export class FileProblem extends Error {
  constructor(readonly errors: ImportError[]) {
    super(errors[0]?.key ?? 'file')
  }
}

/**
 * Opens an import file (CSV or XLSX) for reading in batches of `batchSize` records, after
 * inspectImportFile's checks. A CSV is parsed as it is read (csv-parse's stream), a workbook's
 * first sheet as its part is inflated (xlsx-sheet.server.ts), so only a batch of records is held
 * at a time. Reading throws FileProblem for a problem of the whole file.
 */
export async function openImportFile(
  filename: string,
  bytes: Uint8Array,
  batchSize: number,
): Promise<{ ok: true; source: RecordSource } | { ok: false; error: ImportError }> {
  const checked = await inspectImportFile(filename, bytes)
  if (!checked.ok) return checked
  if (checked.records !== null)
    return { ok: true, source: { records: checked.records, batches: csvBatches(bufferOf(bytes), batchSize) } }
  const sheet = await openXlsxSheet(bufferOf(bytes), batchSize)
  if ('records' in sheet) {
    const { batches } = sheet
    return {
      ok: true,
      source: {
        records: sheet.records,
        // The second reading of a sheet the first read whole does not fail; if it did, the
        // workbook is refused as one that does not load, not with a failed job.
        batches: (async function* () {
          try {
            yield* batches
          } catch (error) {
            throw new FileProblem([
              fileError('xlsx', { detail: error instanceof Error ? error.message : String(error) }),
            ])
          }
        })(),
      },
    }
  }
  const errors = sheet.errors
  return {
    ok: true,
    source: {
      records: 0,
      batches: (async function* () {
        yield* []
        throw new FileProblem(errors)
      })(),
    },
  }
}

/** The bytes a CSV stream is fed at a time. */
const CSV_CHUNK = 64 * 1024

/**
 * A CSV's records, `size` at a time, numbered from 1 (the header): read straight from the bytes
 * (csv-records.ts) as far as the file is plain, and by csv-parse's stream parser from where it is
 * not (or says what is wrong with it), the records already read skipped (decision 0063).
 */
async function* csvBatches(bytes: Buffer, size: number): AsyncGenerator<SheetRecord[]> {
  const plain = new PlainCsvReader(bytes)
  let batch: SheetRecord[] = []
  let row = 0
  for (let cells = plain.next(); cells !== null; cells = plain.next()) {
    if (cells === HAND_OVER) {
      yield* csvParseBatches(bytes, size, row, batch)
      return
    }
    batch.push({ row: ++row, cells })
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

/**
 * The records after the first `skip` as csv-parse's stream parser finds them, `size` at a time
 * (the first batch filled up from `batch`), numbered on from `skip`.
 */
async function* csvParseBatches(
  bytes: Buffer,
  size: number,
  skip: number,
  batch: SheetRecord[],
): AsyncGenerator<SheetRecord[]> {
  const input = streamOf(bytes, CSV_CHUNK)
  const parser = csvParser({ bom: true, skip_empty_lines: true, relax_column_count: false, trim: false })
  input.pipe(parser)
  let row = 0
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (++row <= skip) continue
      batch.push({ row, cells })
      if (batch.length >= size) {
        yield batch
        batch = []
      }
    }
  } catch (error) {
    throw new FileProblem([csvProblem(error)])
  } finally {
    input.destroy()
    parser.destroy()
  }
  if (batch.length) yield batch
}

/** Reads a whole import file (CSV or XLSX) and checks each row on its own. */
export async function readImportFile(filename: string, bytes: Uint8Array): Promise<FileRead> {
  const checked = await inspectImportFile(filename, bytes)
  if (!checked.ok) return emptyRead([checked.error])
  if (checked.kind === 'csv')
    return readInterchangeCsv(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  return readInterchangeXlsx(bytes)
}

/** The first sheet of a workbook: row 1 is the header, with the same columns as the CSV. */
export async function readInterchangeXlsx(bytes: Uint8Array): Promise<FileRead> {
  const sheet = await loadWhole(bufferOf(bytes))
  return 'records' in sheet ? checkRecords(sheet.records) : emptyRead(sheet.errors)
}

export { cellText }
