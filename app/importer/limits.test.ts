import { once } from 'node:events'
import { randomUUID } from 'node:crypto'
import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { insertUser } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { zip, type ZipPart } from '../../tests/setup/zip'
import { readImportFile } from './files.server'
import { checkCsvLimits, checkXlsxLimits, IMPORT_LIMITS } from './limits.server'
import { previewUpload, saveUpload } from './uploads.server'

// The files that took the server down (issue 7): a zip bomb, a 650,000-row sheet, a 16,000-column
// header. Each is made here, small on disk, and must be refused by its counts before any parser
// holds it whole, on upload and again when a stored copy is opened.

const MB = 1024 * 1024

/** A raw DEFLATE stream of `unit` repeated `copies` times, built without deflating all of it. */
async function deflatedRepeat(unit: Buffer, copies: number): Promise<Buffer> {
  // After the first copy, every copy compresses to the same bytes (back-references into the
  // identical 32 KB before it), so the second copy's output is simply repeated.
  const deflate = zlib.createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => out.push(chunk))
  const flushed = async () => {
    await new Promise<void>((resolve) => deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve()))
    return Buffer.concat(out.splice(0))
  }
  deflate.write(unit)
  const first = await flushed()
  deflate.write(unit)
  const next = await flushed()
  deflate.end()
  await once(deflate, 'end')
  return Buffer.concat([first, ...Array<Buffer>(copies - 1).fill(next), ...out])
}

const WORKBOOK: ZipPart[] = [
  { name: '[Content_Types].xml', content: '<?xml version="1.0"?><Types/>', stored: true },
  { name: 'xl/workbook.xml', content: '<?xml version="1.0"?><workbook><sheets/></workbook>', stored: true },
]

/** A workbook whose sheet1 is `rowXml` repeated to about `rows` rows. */
async function sheetOfRows(rowXml: string, rows: number): Promise<Buffer> {
  const perUnit = Math.ceil((64 * 1024) / rowXml.length)
  const unit = Buffer.from(rowXml.repeat(perUnit))
  return zip([
    ...WORKBOOK,
    {
      name: 'xl/worksheets/sheet1.xml',
      deflated: await deflatedRepeat(unit, Math.ceil(rows / perUnit)),
      declaredSize: unit.length * Math.ceil(rows / perUnit),
    },
  ])
}

async function workbookOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Items')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const header = ['ref', 'strategy', 'title_en']
const dataRows = (n: number) => Array.from({ length: n }, (_, i) => [`R-${i}`, 'CITA 2030', `Item ${i}`])
const csvOf = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n'

describe('limits of an import file, counted before it is parsed', () => {
  describe('XLSX', () => {
    it('refuses a zip bomb (1 MB on disk, 1 GB unpacked) by the size it declares', async () => {
      const bomb = zip([
        ...WORKBOOK,
        {
          name: 'xl/sharedStrings.xml',
          deflated: await deflatedRepeat(Buffer.alloc(MB, ' '), 1024),
          declaredSize: 1024 * MB,
        },
      ])
      expect(bomb.length).toBeLessThan(2 * MB)
      expect(await checkXlsxLimits(bomb)).toEqual({
        ok: false,
        error: { row: 0, column: null, key: 'tooLargeUnpacked', values: { limit: 50 } },
      })
    })

    it('refuses a zip bomb that lies about its size, while inflating it, at the limit', async () => {
      const inflated = 1024 * MB
      const liar = zip([
        ...WORKBOOK,
        {
          name: 'xl/sharedStrings.xml',
          deflated: await deflatedRepeat(Buffer.alloc(MB, ' '), inflated / MB),
          declaredSize: 1000,
        },
      ])
      const started = process.memoryUsage().rss
      const outcome = await checkXlsxLimits(liar)
      expect(outcome).toMatchObject({ ok: false, error: { key: 'tooLargeUnpacked' } })
      // Counted as it streamed past, never held: far less than the 1 GB it would unpack to.
      expect(process.memoryUsage().rss - started).toBeLessThan(200 * MB)
    })

    it('refuses a 650,000-row sheet past the limit, naming the sheet', async () => {
      const file = await sheetOfRows('<row><c t="n"><v>1</v></c></row>', 650_000)
      expect(file.length).toBeLessThan(MB)
      expect(await checkXlsxLimits(file)).toEqual({
        ok: false,
        error: {
          row: 0,
          column: null,
          key: 'tooManyRowsSheet',
          values: { limit: IMPORT_LIMITS.rows, sheet: 'sheet1.xml' },
        },
      })
    })

    it('counts rows written with a namespace prefix too', async () => {
      const file = await sheetOfRows(
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>',
        IMPORT_LIMITS.rows + 1_000,
      )
      expect(await checkXlsxLimits(file)).toMatchObject({ ok: false, error: { key: 'tooManyRowsSheet' } })
    })

    it('refuses a 16,000-column header with one problem, not 16,003', async () => {
      const file = await workbookOf([Array.from({ length: 16_000 }, (_, i) => `column_${i}`), ['x']])
      const read = await readImportFile('wide.xlsx', file)
      expect(read.errors).toEqual([{ row: 0, column: null, key: 'tooManyColumns', values: { limit: 100 } }])
    })

    it('refuses a cell far to the right (XFD, column 16,384) by its address', async () => {
      const file = await sheetOfRows('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>', 1)
      expect(await checkXlsxLimits(file)).toMatchObject({ ok: false, error: { key: 'tooManyColumns' } })
    })

    it('reads a workbook of as many rows as the limit and 100 columns; refuses one row or one column more', async () => {
      expect(await checkXlsxLimits(await workbookOf([header, ...dataRows(IMPORT_LIMITS.rows)]))).toEqual({
        ok: true,
      })
      expect(
        await checkXlsxLimits(await workbookOf([header, ...dataRows(IMPORT_LIMITS.rows + 1)])),
      ).toMatchObject({ ok: false, error: { key: 'tooManyRowsSheet' } })
      const wide = (n: number) => [Array.from({ length: n }, (_, i) => `c${i}`)]
      expect(await checkXlsxLimits(await workbookOf(wide(100)))).toEqual({ ok: true })
      expect(await checkXlsxLimits(await workbookOf(wide(101)))).toMatchObject({
        ok: false,
        error: { key: 'tooManyColumns' },
      })
    })

    it('refuses an archive whose directory is damaged or has too many parts', async () => {
      const good = await workbookOf([header, ['R-1', 'CITA 2030', 'One']])
      expect(await checkXlsxLimits(good.subarray(0, good.length - 30))).toMatchObject({
        ok: false,
        error: { key: 'xlsx' },
      })
      const parts = Array.from({ length: 1_001 }, (_, i) => ({
        name: `x/${i}.xml`,
        content: '',
        stored: true,
      }))
      expect(await checkXlsxLimits(zip(parts))).toMatchObject({ ok: false, error: { key: 'tooManyParts' } })
    })
  })

  describe('CSV', () => {
    it('reads as many rows as the limit and refuses one more, counting a quoted multi-line cell as one row', () => {
      const rows = dataRows(IMPORT_LIMITS.rows)
      rows[0]![2] = '"First line\nsecond line\r\nthird"'
      expect(checkCsvLimits(csvOf([header, ...rows]))).toEqual({ ok: true })
      expect(checkCsvLimits('\uFEFF' + csvOf([header, ...rows]) + '\r\n\r\n')).toEqual({ ok: true })
      expect(checkCsvLimits(csvOf([header, ...dataRows(IMPORT_LIMITS.rows + 1)]))).toEqual({
        ok: false,
        error: { row: 0, column: null, key: 'tooManyRows', values: { limit: IMPORT_LIMITS.rows } },
      })
    })

    it('refuses a 16,000-column header with one problem', async () => {
      const wide = Array.from({ length: 16_000 }, (_, i) => `column_${i}`)
      const read = await readImportFile('wide.csv', Buffer.from(csvOf([wide, wide])))
      expect(read.errors).toEqual([{ row: 0, column: null, key: 'tooManyColumns', values: { limit: 100 } }])
      expect(checkCsvLimits(wide.join(','))).toMatchObject({ ok: false })
      expect(checkCsvLimits(wide.slice(0, 100).join(','))).toEqual({ ok: true })
    })
  })

  describe('uploads', () => {
    const t = useTestDb()

    it('refuses a zip bomb on upload, and a stored one again on opening its preview', async () => {
      const secretariat = await insertUser(t.db, 'secretariat')
      const bomb = zip([
        ...WORKBOOK,
        { name: 'xl/sharedStrings.xml', deflated: await deflatedRepeat(Buffer.alloc(MB, ' '), 100) },
      ])
      expect(await saveUpload(t.db, secretariat, 'bomb.xlsx', bomb)).toMatchObject({
        ok: false,
        error: { key: 'tooLargeUnpacked' },
      })
      // Stored before these checks existed: opening it refuses it again instead of parsing it.
      const id = randomUUID()
      await t.db
        .insertInto('import_uploads')
        .values({
          id,
          user_id: secretariat.id,
          filename: 'bomb.xlsx',
          kind: 'xlsx',
          size: bomb.length,
          sha256: 'x'.repeat(64),
          content: bomb.toString('base64'),
          created_at: new Date().toISOString(),
          imported_at: null,
          result: null,
        })
        .execute()
      expect(await previewUpload(t.db, secretariat, id)).toMatchObject({
        kind: 'errors',
        errors: [{ key: 'tooLargeUnpacked' }],
        moreErrors: 0,
      })
    })

    it('lists the first hundred problems of a file and says how many more there are', async () => {
      const secretariat = await insertUser(t.db, 'secretariat')
      const rows = Array.from({ length: 300 }, (_, i) => [`R-${i}`, 'CITA 2030', `Item ${i}`, 'not a year'])
      const saved = await saveUpload(
        t.db,
        secretariat,
        'years.csv',
        Buffer.from(csvOf([[...header, 'start_year'], ...rows])),
      )
      if (!saved.ok) throw new Error(JSON.stringify(saved.error))
      const preview = await previewUpload(t.db, secretariat, saved.id)
      if (preview.kind !== 'errors') throw new Error(preview.kind)
      expect(preview.errors).toHaveLength(100)
      expect(preview.errors[0]).toMatchObject({ row: 2, column: 'start_year', key: 'validation.year' })
      expect(preview.moreErrors).toBe(200)
    })
  })
})
