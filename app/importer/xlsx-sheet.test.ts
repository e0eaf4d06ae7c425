import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { zip } from '../../tests/setup/zip'
import { FileProblem, openImportFile } from './files.server'
import type { ImportError, SheetRecord } from './interchange'
import { zipEntries } from './limits.server'
import { loadWhole, openXlsxSheet } from './xlsx-sheet.server'

// The import reads a workbook's first sheet a batch at a time (decision 0067). Whatever the
// workbook, the records (their cells, row numbers, unreadable cells) and the problems told must be
// what exceljs's whole-workbook load gives, read as the import read it before: each workbook here
// is read both ways and compared.

type Read = { records: SheetRecord[] } | { errors: ImportError[] }

/** The streaming reader's records, batches of `size` joined, after checking each batch is full but the last. */
async function streamed(bytes: Buffer, size: number): Promise<Read> {
  const opened = await openXlsxSheet(bytes, size)
  if ('errors' in opened) return opened
  const records: SheetRecord[] = []
  const sizes: number[] = []
  for await (const batch of opened.batches) {
    sizes.push(batch.length)
    records.push(...batch)
  }
  expect(sizes.slice(0, -1).every((n) => n === size)).toBe(true)
  expect(opened.records).toBe(records.length)
  return { records }
}

/** Both readers agree on `bytes` at several batch sizes; what they read, for a closer look. */
async function bothRead(bytes: Uint8Array, sizes = [1, 3, 500]): Promise<Read> {
  const buffer = Buffer.from(bytes)
  const whole = await loadWhole(buffer)
  for (const size of sizes) expect(await streamed(buffer, size)).toEqual(whole)
  return whole
}

/** A workbook exceljs writes: its first sheet holds `rows`; `build` may add more. */
async function workbook(
  rows: ExcelJS.CellValue[][],
  build?: (wb: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('Items')
  for (const row of rows) sheet.addRow(row)
  build?.(wb, sheet)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A workbook's parts by name, in the archive's order. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const entries = zipEntries(bytes)
  if (!Array.isArray(entries)) throw new Error('not a zip')
  return new Map(
    entries.map((e) => {
      const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize)
      return [e.name, e.method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data)]
    }),
  )
}

/** `bytes` with some parts changed (a string replaces a part, null removes it) and in `order` (names first, the rest after). */
function edited(bytes: Buffer, changes: Record<string, string | null>, order: string[] = []): Buffer {
  const parts = unzip(bytes) as Map<string, Buffer | string>
  for (const [name, text] of Object.entries(changes))
    if (text === null) parts.delete(name)
    else parts.set(name, text)
  const names = [...order.filter((n) => parts.has(n)), ...[...parts.keys()].filter((n) => !order.includes(n))]
  return zip(names.map((name) => ({ name, content: parts.get(name)! })))
}

const SHEET = 'xl/worksheets/sheet1.xml'
const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
const sheetXml = (rows: string, after = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${rows}</sheetData>${after}</worksheet>`

const HEADER = ['ref', 'strategy', 'title_en', 'cost_usd_m', 'start_year', 'proposers']

describe('the streaming reader reads what the whole workbook gives', () => {
  it('the import tests’ workbooks', async () => {
    const cases: Buffer[] = [
      await workbook(
        [
          HEADER,
          ['X-1', 'CITA 2030', 'First', 12.5, 2026, 'KAZ;UZB'],
          ['X-2', 'CITA 2030', 'Second', 3, 2027, 'GEO'],
        ],
        (wb) => wb.addWorksheet('Notes').addRow(['colour', 'not read']),
      ),
      await workbook([HEADER, ['X-1', 'CITA 2030', 'T', 0.1 + 0.2, 2026, '']]),
      await workbook([HEADER, ['X-1', 'CITA 2030', 'T', { formula: 'B9*2', result: 7.25 }, 2026, '']]),
      await workbook([
        HEADER,
        ['X-1', 'CITA 2030', 'T', { formula: 'B9*2' } as ExcelJS.CellFormulaValue, 2026, ''],
      ]),
      await workbook([
        HEADER,
        ['X-1', 'CITA 2030', 'T', 1, new Date(Date.UTC(2026, 0, 1)), ''],
        ['X-2', 'CITA 2030', 'T', { error: '#N/A' } as ExcelJS.CellErrorValue, 2026, ''],
      ]),
      await workbook([
        HEADER,
        ['X-1', 'CITA 2030', { richText: [{ text: 'Bold ' }, { text: 'title' }] }, '', '', ''],
        [],
        ['X-2', 'CITA 2030', 'T', 'abc', '', ''],
      ]),
      await workbook([
        ['strategy', 'title_en', 'colour'],
        ['CITA 2030', 'T', 'red'],
      ]),
      await workbook([
        ['ref', 'strategy', 'title_en'],
        ['X-1', 'CITA 2030', 'T', 'stray'],
      ]),
      await workbook([]),
      await workbook([HEADER]),
    ]
    for (const bytes of cases) await bothRead(bytes)
  })

  it('many rows of shared strings, numbers, empty rows and empty cells between values', async () => {
    const rows: ExcelJS.CellValue[][] = [HEADER]
    for (let n = 1; n <= 1234; n++)
      rows.push(
        n % 97 === 0
          ? []
          : n % 89 === 0
            ? ['', '  ', null, '', '', ' ']
            : [
                `R-${n}`,
                `Strategy ${n % 3}`,
                n % 5 === 0 ? null : `Title ${n} ${'é漢'.repeat(n % 4)}`,
                n % 7 === 0 ? '' : n % 2 ? n * 0.1 : n / 8,
                2020 + (n % 10),
                n % 11 === 0 ? '   ' : 'KAZ',
              ],
      )
    const bytes = await workbook(rows)
    const read = await bothRead(bytes, [1, 7, 500, 5000])
    expect('records' in read && read.records.length).toBe(1234 - 12 + 1 - 13)
    // the archive as Excel orders it (shared strings and workbook before the sheet), too
    await bothRead(
      edited(bytes, {}, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml']),
    )
  })

  it('inline strings, rich text, booleans, errors, formulas’ cached results, shared formulas', async () => {
    const base = await workbook([['placeholder']], (wb) => wb.addWorksheet('Other').addRow(['x']))
    const header = `<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> title_en </t></is></c><c r="C1" t="str"><v>cost_usd_m</v></c><c r="D1" t="inlineStr"><is><r><t>start</t></r><r><rPr><b/></rPr><t>_year</t></r></is></c><c r="E1" t="inlineStr"><is><t>proposers</t></is></c><c r="F1" t="inlineStr"><is><t>secured_usd_m</t></is></c></row>`
    const rows = [
      header,
      `<row r="2"><c r="A2" t="inlineStr"><is><t>A &amp;lt; B &amp; C</t></is></c><c r="B2" t="str"><v>x &amp;amp; y</v></c><c r="C2"><f>1+1</f><v>2</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#DIV/0!</v></c><c r="F2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>`,
      `<row r="3"><c r="A3" t="inlineStr"><is><r><t>rich </t></r><r><t>inline</t></r></is></c><c r="B3" t="b"><f>TRUE()</f><v>0</v></c><c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D3"><f t="shared" ref="D3:D5" si="0">C3*2</f><v>4</v></c><c r="E3"><f>NA()</f></c><c r="F3"><v>1e21</v></c></row>`,
      `<row r="4"><c r="A4" t="inlineStr"><is><t>no address next</t></is></c><c t="inlineStr"><is><t>B, by position</t></is></c><c r="D4"><f t="shared" si="0"/><v>6</v></c><c r="F4" s="0"/></row>`,
      `<row r="5"><c r="A5" s="0"/><c r="B5" s="0"/></row>`,
      `<row r="7" spans="1:6"><c r="A7" t="inlineStr"><is><t>   </t></is></c><c r="D7"><f t="shared" si="0"/><v>123456789.123456789</v></c><c r="G7"><v>0</v></c></row>`,
      `<row r="8"><c r="A8" t="inlineStr"><is><t>after</t></is></c><c r="C8"><v>-0.000001234</v></c></row>`,
    ]
    const read = await bothRead(edited(base, { [SHEET]: sheetXml(rows.join('')) }))
    expect(read).toMatchObject({ errors: [{ row: 7, key: 'xlsxOutsideHeader' }] })
    // without the stray value the rows themselves
    const kept = await bothRead(
      edited(base, { [SHEET]: sheetXml(rows.join('').replace('<c r="G7"><v>0</v></c>', '')) }),
    )
    expect(kept).toMatchObject({
      records: [{ row: 1 }, { row: 2 }, { row: 3 }, { row: 4 }, { row: 7 }, { row: 8 }],
    })
  })

  it('dates by their number format, in the 1900 and the 1904 systems', async () => {
    const bytes = await workbook([HEADER, ['X-1', 'S', 'T', 1, 2026, '']], (_wb, sheet) => {
      sheet.getCell('E2').numFmt = 'yyyy-mm-dd'
      sheet.getCell('D2').numFmt = '0.00'
      sheet.addRow(['X-2', 'S', 'T', { formula: 'D2+1', result: 2 }, { formula: 'E2+1', result: 46000 }, ''])
      sheet.getCell('E3').numFmt = 'd-mmm'
    })
    const read = await bothRead(bytes)
    expect(read).toMatchObject({ records: [{}, { unreadable: new Map([[4, { key: 'xlsxDate' }]]) }, {}] })
    const parts = unzip(bytes)
    const book = parts.get('xl/workbook.xml')!.toString().replace('<workbookPr ', '<workbookPr date1904="1" ')
    await bothRead(edited(bytes, { 'xl/workbook.xml': book }))
  })

  it('the first sheet as workbook.xml orders its sheets, whatever their parts’ names', async () => {
    const bytes = await workbook([['ref'], ['FIRST']], (wb) => {
      wb.addWorksheet('Second').addRow(['ref'])
      wb.getWorksheet('Second')!.addRow(['SECOND'])
    })
    const book = unzip(bytes).get('xl/workbook.xml')!.toString()
    const sheets = /<sheets>(<sheet [^>]*\/>)(<sheet [^>]*\/>)<\/sheets>/.exec(book)!
    const swapped = book.replace(sheets[0], `<sheets>${sheets[2]}${sheets[1]}</sheets>`)
    const read = await bothRead(edited(bytes, { 'xl/workbook.xml': swapped }))
    expect(read).toMatchObject({ records: [{}, { cells: ['SECOND'] }] })
    // a first sheet whose part is not there, and a sheetId of 0, are passed over as load passes them
    const rels = unzip(bytes).get('xl/_rels/workbook.xml.rels')!.toString()
    await bothRead(edited(bytes, { 'xl/worksheets/sheet1.xml': null }))
    await bothRead(edited(bytes, { 'xl/workbook.xml': book.replace('sheetId="1"', 'sheetId="0"') }))
    await bothRead(
      edited(bytes, {
        'xl/_rels/workbook.xml.rels': rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'),
      }),
    )
    await bothRead(edited(bytes, { 'xl/workbook.xml': null }))
  })

  it('sheets whose cells depend on what follows their rows: merged cells, hyperlinks, rows out of order', async () => {
    await bothRead(
      await workbook(
        [HEADER, ['X-1', 'CITA 2030', 'Merged title', '', 2026, ''], ['X-2', 'S', '', 3, 2027, '']],
        (_wb, s) => s.mergeCells('C2:C3'),
      ),
    )
    await bothRead(
      await workbook([
        HEADER,
        ['X-1', 'S', { text: 'linked', hyperlink: 'https://example.org' }, 1, 2026, ''],
        [
          'X-2',
          'S',
          'T',
          { formula: 'A1', result: undefined } as unknown as ExcelJS.CellFormulaValue,
          2026,
          '',
        ],
      ]),
    )
    // a hyperlink on a formula without its computed value: load reads the link's text (none), not the formula
    const linked = sheetXml(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c><c r="B1" t="inlineStr"><is><t>cost_usd_m</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c><c r="B2"><f>A9*2</f></c></row>',
      '<hyperlinks><hyperlink ref="B2" r:id="rId1"/></hyperlinks>',
    )
    const linkRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org" TargetMode="External"/></Relationships>`
    const linkRead = await bothRead(
      edited(await workbook([['x']]), { [SHEET]: linked, 'xl/worksheets/_rels/sheet1.xml.rels': linkRels }),
    )
    expect(linkRead).toEqual({
      records: [
        { row: 1, cells: ['ref', 'cost_usd_m'] },
        { row: 2, cells: ['X-1', ''] },
      ],
    })
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>three</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>two</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>three again</t></is></c></row>`
    const read = await bothRead(edited(await workbook([['x']]), { [SHEET]: sheetXml(rows) }))
    expect(read).toMatchObject({
      records: [{ row: 1 }, { row: 2, cells: ['two'] }, { row: 3, cells: ['three again'] }],
    })
  })

  it('a sheet with a byte order mark, and shared strings without their part', async () => {
    const bytes = await workbook([HEADER, ['X-1', 'CITA 2030', 'T', 1, 2026, '']])
    const sheet = unzip(bytes).get(SHEET)!.toString()
    await bothRead(edited(bytes, { [SHEET]: `\uFEFF${sheet}` }))
    await bothRead(edited(bytes, { 'xl/sharedStrings.xml': null }))
  })

  it('damaged sheets are refused with the same message', async () => {
    const base = await workbook([['ref'], ['X']])
    const whole = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c></row>')
    const truncated = await bothRead(edited(base, { [SHEET]: whole.slice(0, whole.indexOf('</sheetData>')) }))
    expect(truncated).toMatchObject({ errors: [{ key: 'xlsx' }] })
    const malformed = await bothRead(
      edited(base, { [SHEET]: whole.replace('<c r="A1"', '<c r="A1" r="A1"') }),
    )
    expect(malformed).toMatchObject({ errors: [{ key: 'xlsx' }] })
  })
})

describe('the import opens a workbook a batch at a time', () => {
  it('counts the records for progress and hands them on in batches', async () => {
    const rows: ExcelJS.CellValue[][] = [HEADER]
    for (let n = 1; n <= 1200; n++) rows.push([`R-${n}`, 'S', 'T', n, 2026, ''])
    const opened = await openImportFile('plan.xlsx', await workbook(rows), 500)
    if (!opened.ok) throw new Error(opened.error.key)
    expect(opened.source.records).toBe(1201)
    const sizes: number[] = []
    for await (const batch of opened.source.batches) sizes.push(batch.length)
    expect(sizes).toEqual([500, 500, 201])
  })

  it('a problem of the whole file comes before any row, as before', async () => {
    const opened = await openImportFile(
      'plan.xlsx',
      await workbook([
        ['ref', 'strategy'],
        ...Array.from({ length: 800 }, (_, n) => [`R-${n}`, 'S']),
        ['R', 'S', 'stray'],
      ]),
      500,
    )
    if (!opened.ok) throw new Error(opened.error.key)
    const iterator = opened.source.batches[Symbol.asyncIterator]()
    await expect(iterator.next()).rejects.toEqual(
      new FileProblem([{ row: 802, column: 'C', key: 'xlsxOutsideHeader', values: { cell: 'C802' } }]),
    )
  })
})
