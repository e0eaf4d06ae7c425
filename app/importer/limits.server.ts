import { createInflateRaw } from 'node:zlib'
import { chunksOf, streamOf } from './chunks.server'
import type { ImportError } from './interchange'

// What an import file may hold, checked before it is parsed whole, so that no file (a zip bomb,
// a 650,000-row sheet, a 16,000-column header) can exhaust the server: a workbook's zip
// directory is read and every part inflated as a stream, counted as it comes and abandoned at
// the first limit passed; a CSV is scanned once for its records and header width. Run on upload
// and again whenever a stored upload is read, so a file that fails is refused, never parsed.
// The numbers and why: docs/decisions/0017-bounded-input.md.

export const IMPORT_LIMITS = {
  /** data rows, the header not counted (a sheet's formatted empty rows count: the reader loads them) */
  rows: 20_000,
  /** columns of the header, or the furthest column used in a sheet (the interchange format has 19) */
  columns: 100,
  /** a workbook's parts together, unpacked */
  unpackedBytes: 50 * 1024 * 1024,
  /** parts in a workbook's zip */
  zipEntries: 1_000,
  /** problems listed for one file; the rest are counted */
  listedProblems: 100,
} as const

type Refusal = { ok: false; error: ImportError }
export type LimitCheck = { ok: true } | Refusal

const refused = (key: string, values: Record<string, string | number> = {}): Refusal => ({
  ok: false,
  error: { row: 0, column: null, key, values },
})
const OK: LimitCheck = { ok: true }

/** The first `IMPORT_LIMITS.listedProblems` problems, and how many more there are. */
export function firstProblems<T>(problems: readonly T[]): { shown: T[]; more: number } {
  const shown = problems.slice(0, IMPORT_LIMITS.listedProblems)
  return { shown, more: problems.length - shown.length }
}

// --- CSV -----------------------------------------------------------------------------------

/**
 * Counts a CSV's records (empty lines skipped, as the reader does; quoted line breaks stay inside
 * their field) and its header's columns, stopping at the first limit passed.
 */
export function checkCsvLimits(text: string | Uint8Array): LimitCheck {
  const scanned = scanCsv(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)
  return scanned.ok ? OK : scanned
}

/**
 * checkCsvLimits over the file's UTF-8 bytes (no copy of it as text), telling how many records
 * (the header's included) it holds. Every character it looks for is ASCII, which no byte of a
 * multi-byte UTF-8 character can be; a byte order mark (EF BB BF) makes no line non-empty.
 */
export function scanCsv(bytes: Uint8Array): { ok: true; records: number } | Refusal {
  let quoted = false
  let records = 0
  let fields = 1
  let empty = true
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!
    if (c === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) {
      i += 2 // U+FEFF
    } else if (c === 0x22 /* " */) {
      quoted = !quoted // a doubled quote inside a field toggles twice: still inside
      empty = false
    } else if (quoted) {
      continue
    } else if (c === 0x0a /* LF */ || c === 0x0d /* CR */) {
      if (!empty) {
        records++
        if (records === 1 && fields > IMPORT_LIMITS.columns)
          return refused('tooManyColumns', { limit: IMPORT_LIMITS.columns })
        if (records > IMPORT_LIMITS.rows + 1) return refused('tooManyRows', { limit: IMPORT_LIMITS.rows })
      }
      empty = true
    } else {
      if (c === 0x2c /* , */ && records === 0) fields++
      empty = false
    }
  }
  if (!empty) records++
  if (records <= 1 && fields > IMPORT_LIMITS.columns)
    return refused('tooManyColumns', { limit: IMPORT_LIMITS.columns })
  if (records > IMPORT_LIMITS.rows + 1) return refused('tooManyRows', { limit: IMPORT_LIMITS.rows })
  return { ok: true, records }
}

// --- XLSX ----------------------------------------------------------------------------------

export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  declaredSize: number
  dataStart: number
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50

/** The entries of a zip, from its central directory (what every zip reader, exceljs's included, goes by). */
export function zipEntries(bytes: Buffer): ZipEntry[] | 'damaged' | 'tooMany' {
  // The end-of-directory record is in the last 22 bytes plus at most a 65,535-byte comment.
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--)
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i
      break
    }
  if (end < 0) return 'damaged'
  const count = bytes.readUInt16LE(end + 10)
  let at = bytes.readUInt32LE(end + 16)
  if (count > IMPORT_LIMITS.zipEntries) return 'tooMany'
  const entries: ZipEntry[] = []
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return 'damaged'
    const nameLength = bytes.readUInt16LE(at + 28)
    const local = bytes.readUInt32LE(at + 42)
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_HEADER) return 'damaged'
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
    const entry = {
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      declaredSize: bytes.readUInt32LE(at + 24),
      dataStart,
    }
    // 0xFFFFFFFF marks a ZIP64 size: far beyond anything a 10 MB upload holds.
    if (entry.compressedSize === 0xffffffff || dataStart + entry.compressedSize > bytes.length)
      return 'damaged'
    entries.push(entry)
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
  }
  return entries
}

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/i
/** A row or cell start tag, with or without a namespace prefix, and its attributes. */
const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>/g
const CELL_COLUMN = /(?:^|\s)r\s*=\s*["']([A-Za-z]{1,4})\d*["']/
/** A start tag longer than this is not one a spreadsheet writes. */
const MAX_PENDING_TAG = 64 * 1024

/** Counts a sheet's rows and the furthest column of its cells, as its XML streams past. */
class SheetCounter {
  rows = 0
  columns = 0
  private column = 0
  private pending = ''

  /** Feeds inflated bytes; false once the pending text holds a tag too long to be real. */
  feed(chunk: Buffer): boolean {
    // Tags are ASCII: latin1 keeps every byte one character and never splits a character.
    const text = this.pending + chunk.toString('latin1')
    let consumed = 0
    for (const match of text.matchAll(TAG)) {
      consumed = match.index + match[0].length
      if (match[1] === 'row') {
        this.rows++
        this.column = 0
        continue
      }
      const letters = CELL_COLUMN.exec(match[2]!)?.[1]
      this.column = letters ? columnNumber(letters) : this.column + 1
      if (this.column > this.columns) this.columns = this.column
    }
    const open = text.lastIndexOf('<')
    this.pending = open >= consumed && text.indexOf('>', open) < 0 ? text.slice(open) : ''
    return this.pending.length <= MAX_PENDING_TAG
  }
}

/** "A" -> 1, "Z" -> 26, "AA" -> 27, "XFD" -> 16384. */
function columnNumber(letters: string): number {
  let n = 0
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64)
  return n
}

type Unpacked = { ok: true; bytes: number } | Refusal

/** Inflates one entry as a stream, counting bytes (and a sheet's rows and columns); stops at the first limit passed. */
async function unpackEntry(bytes: Buffer, entry: ZipEntry, budget: number): Promise<Unpacked> {
  const sheet = SHEET.test(entry.name) ? new SheetCounter() : null
  const sheetName = entry.name.replace(/^.*\//, '')
  let total = 0
  const check = (chunk: Buffer): Refusal | null => {
    total += chunk.length
    if (total > budget)
      return refused('tooLargeUnpacked', { limit: IMPORT_LIMITS.unpackedBytes / 1024 / 1024 })
    if (!sheet) return null
    if (!sheet.feed(chunk)) return refused('xlsx', { detail: `${sheetName}: malformed XML` })
    if (sheet.rows > IMPORT_LIMITS.rows + 1)
      return refused('tooManyRowsSheet', { limit: IMPORT_LIMITS.rows, sheet: sheetName })
    if (sheet.columns > IMPORT_LIMITS.columns)
      return refused('tooManyColumns', { limit: IMPORT_LIMITS.columns })
    return null
  }
  if (entry.method !== 0 && entry.method !== 8)
    return refused('xlsx', { detail: `${entry.name}: unknown compression` })
  try {
    for await (const chunk of entryChunks(bytes, entry)) {
      const problem = check(chunk)
      if (problem) return problem
    }
  } catch {
    return refused('xlsx', { detail: `${entry.name}: damaged` })
  }
  return { ok: true, bytes: total }
}

/** The compressed data of a zip part read (or inflated) at a time. */
const ENTRY_CHUNK = 64 * 1024

/**
 * A zip part's bytes as they unpack, from the archive's bytes: a stored part as it is, a deflated
 * one inflated ENTRY_CHUNK of input at a time; stopping early (a `break`) stops the inflating.
 * Throws when a deflated part is damaged.
 */
export async function* entryChunks(bytes: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)
  if (entry.method === 0) {
    yield* chunksOf(data, ENTRY_CHUNK)
    return
  }
  const input = streamOf(data, ENTRY_CHUNK)
  const inflate = createInflateRaw({ chunkSize: ENTRY_CHUNK })
  input.pipe(inflate)
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk
  } finally {
    input.destroy()
    inflate.destroy()
  }
}

/**
 * Reads a workbook's zip directory and inflates every part as a stream: refused if it has too
 * many parts, unpacks to more than the limit, or has a sheet with too many rows or columns.
 * Nothing is kept: each part is counted and dropped.
 */
export async function checkXlsxLimits(bytes: Uint8Array): Promise<LimitCheck> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const entries = zipEntries(buffer)
  if (entries === 'damaged') return refused('xlsx', { detail: 'damaged zip archive' })
  if (entries === 'tooMany') return refused('tooManyParts', { limit: IMPORT_LIMITS.zipEntries })
  // The sizes the archive declares are checked first (a zip bomb usually tells the truth), then
  // the real ones while inflating (in case it does not).
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0)
  if (declared > IMPORT_LIMITS.unpackedBytes)
    return refused('tooLargeUnpacked', { limit: IMPORT_LIMITS.unpackedBytes / 1024 / 1024 })
  let budget = IMPORT_LIMITS.unpackedBytes
  for (const entry of entries) {
    const unpacked = await unpackEntry(buffer, entry, budget)
    if (!unpacked.ok) return unpacked
    budget -= unpacked.bytes
  }
  return OK
}
