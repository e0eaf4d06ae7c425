import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { toCsv } from '../../tests/setup/fixtures'
import { checkImportFile, MAX_IMPORT_BYTES, readImportFile as readFile } from './files.server'
import { COLUMNS, type FileRead } from './interchange'

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'))

/** A file's rows (the values of its columns, amounts in USD thousands) or its problems. */
function outcomeOf(read: FileRead) {
  return read.errors.length
    ? { ok: false, errors: read.errors }
    : { ok: true, rows: read.rows.map((r) => ({ row: r.row, ...r.given })) }
}
const readImportFile = async (name: string, content: Uint8Array) => outcomeOf(await readFile(name, content))

/** A workbook whose first sheet holds `rows` (row 1 the header); `build` may add more. */
async function workbook(
  rows: ExcelJS.CellValue[][],
  build?: (wb: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('Items')
  for (const row of rows) sheet.addRow(row)
  build?.(wb, sheet)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

const HEADER = ['ref', 'strategy', 'title_en', 'cost_usd_m', 'start_year', 'proposers']

describe('which files are read', () => {
  it('CSV and XLSX by name, checked against the content', async () => {
    expect(checkImportFile('plan.csv', bytes('ref\r\n'))).toEqual({ ok: true, kind: 'csv' })
    expect(checkImportFile('Plan.XLSX', await workbook([HEADER]))).toEqual({ ok: true, kind: 'xlsx' })
  })

  it('refuses other names, however good the content', () => {
    expect(checkImportFile('plan.txt', bytes('ref\r\n'))).toEqual({
      ok: false,
      error: { row: 0, column: null, key: 'wrongType', values: { value: 'plan.txt' } },
    })
    expect(checkImportFile('plan.xls', bytes('ref\r\n'))).toMatchObject({
      ok: false,
      error: { key: 'wrongType' },
    })
    expect(checkImportFile('plan', bytes('ref\r\n'))).toMatchObject({
      ok: false,
      error: { key: 'wrongType' },
    })
  })

  it('refuses a name that does not match the content', async () => {
    expect(checkImportFile('plan.xlsx', bytes('ref,strategy\r\n'))).toMatchObject({
      ok: false,
      error: { key: 'notXlsx' },
    })
    expect(checkImportFile('plan.csv', await workbook([HEADER]))).toMatchObject({
      ok: false,
      error: { key: 'notCsv' },
    })
    expect(checkImportFile('plan.csv', new Uint8Array([0x72, 0x65, 0x66, 0xe9, 0x0a]))).toMatchObject({
      ok: false,
      error: { key: 'notUtf8' },
    }) // Latin-1 "ref\xe9"
  })

  it('refuses an empty file and one over 10 MB', () => {
    expect(checkImportFile('plan.csv', new Uint8Array(0))).toMatchObject({
      ok: false,
      error: { key: 'emptyFile' },
    })
    expect(checkImportFile('plan.csv', new Uint8Array(MAX_IMPORT_BYTES).fill(0x61))).toEqual({
      ok: true,
      kind: 'csv',
    })
    expect(checkImportFile('plan.csv', new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61))).toEqual({
      ok: false,
      error: { row: 0, column: null, key: 'tooLarge', values: { limit: 10 } },
    })
  })
})

describe('reading a workbook', () => {
  it('reads the first sheet like the same CSV', async () => {
    const xlsx = await workbook(
      [
        HEADER,
        ['X-1', 'CITA 2030', 'First', 12.5, 2026, 'KAZ;UZB'],
        ['X-2', 'CITA 2030', 'Second', 3, 2027, 'GEO'],
      ],
      (wb) => wb.addWorksheet('Notes').addRow(['colour', 'not read']),
    )
    const csv = toCsv([
      {
        ref: 'X-1',
        strategy: 'CITA 2030',
        title_en: 'First',
        cost_usd_m: '12.5',
        start_year: '2026',
        proposers: 'KAZ;UZB',
      },
      {
        ref: 'X-2',
        strategy: 'CITA 2030',
        title_en: 'Second',
        cost_usd_m: '3',
        start_year: '2027',
        proposers: 'GEO',
      },
    ])
    const fromXlsx = await readImportFile('plan.xlsx', xlsx)
    expect(fromXlsx).toEqual(await readImportFile('plan.csv', bytes(csv)))
    expect(fromXlsx).toMatchObject({
      ok: true,
      rows: [
        { ref: 'X-1', cost_usd_m: 12500, start_year: 2026, proposers: ['KAZ', 'UZB'] },
        { ref: 'X-2', cost_usd_m: 3000 },
      ],
    })
  })

  it('numbers come through as they are shown, not with binary noise', async () => {
    const xlsx = await workbook([HEADER, ['X-1', 'CITA 2030', 'T', 0.1 + 0.2, 2026, '']])
    expect(await readImportFile('plan.xlsx', xlsx)).toMatchObject({ ok: true, rows: [{ cost_usd_m: 300 }] })
  })

  it('a formula is read as its computed value; without one it is refused', async () => {
    const xlsx = await workbook([
      HEADER,
      ['X-1', 'CITA 2030', 'T', { formula: 'B9*2', result: 7.25 }, 2026, ''],
    ])
    expect(await readImportFile('plan.xlsx', xlsx)).toMatchObject({ ok: true, rows: [{ cost_usd_m: 7250 }] })
    const uncomputed = await workbook([
      HEADER,
      ['X-1', 'CITA 2030', 'T', { formula: 'B9*2' } as ExcelJS.CellFormulaValue, 2026, ''],
    ])
    expect(await readImportFile('plan.xlsx', uncomputed)).toEqual({
      ok: false,
      errors: [{ row: 2, column: 'cost_usd_m', key: 'xlsxFormula', values: { value: '', cell: 'D2' } }],
    })
  })

  it('refuses dates and error cells, naming the row, the column and the cell', async () => {
    const xlsx = await workbook([
      HEADER,
      ['X-1', 'CITA 2030', 'T', 1, new Date(Date.UTC(2026, 0, 1)), ''],
      ['X-2', 'CITA 2030', 'T', { error: '#N/A' } as ExcelJS.CellErrorValue, 2026, ''],
    ])
    expect(await readImportFile('plan.xlsx', xlsx)).toEqual({
      ok: false,
      errors: [
        { row: 2, column: 'start_year', key: 'xlsxDate', values: { value: '', cell: 'E2' } },
        { row: 3, column: 'cost_usd_m', key: 'xlsxError', values: { value: '#N/A', cell: 'D3' } },
      ],
    })
  })

  it('reads rich text and keeps the sheet row numbers past an empty row', async () => {
    const xlsx = await workbook([
      HEADER,
      ['X-1', 'CITA 2030', { richText: [{ text: 'Bold ' }, { text: 'title' }] }, '', '', ''],
      [],
      ['X-2', 'CITA 2030', 'T', 'abc', '', ''],
    ])
    expect(await readImportFile('plan.xlsx', xlsx)).toEqual({
      ok: false,
      errors: [{ row: 4, column: 'cost_usd_m', key: 'validation.amount', values: { text: 'abc' } }],
    })
  })

  it('the same header checks as the CSV: a missing ref column, an unknown column', async () => {
    expect(
      await readImportFile(
        'plan.xlsx',
        await workbook([
          ['strategy', 'title_en', 'colour'],
          ['CITA 2030', 'T', 'red'],
        ]),
      ),
    ).toEqual({
      ok: false,
      errors: [
        {
          row: 1,
          column: null,
          key: 'unknownColumns',
          values: { columns: ['"colour"'], allowed: [...COLUMNS] },
        },
        { row: 1, column: 'ref', key: 'missingColumn' },
      ],
    })
  })

  it('a value beyond the header is an error; an empty sheet or a header alone is empty', async () => {
    expect(
      await readImportFile(
        'plan.xlsx',
        await workbook([
          ['ref', 'strategy', 'title_en'],
          ['X-1', 'CITA 2030', 'T', 'stray'],
        ]),
      ),
    ).toEqual({
      ok: false,
      errors: [{ row: 2, column: 'D', key: 'xlsxOutsideHeader', values: { cell: 'D2' } }],
    })
    expect(await readImportFile('plan.xlsx', await workbook([]))).toEqual({
      ok: false,
      errors: [{ row: 0, column: null, key: 'empty' }],
    })
    expect(await readImportFile('plan.xlsx', await workbook([HEADER]))).toEqual({
      ok: false,
      errors: [{ row: 0, column: null, key: 'empty' }],
    })
  })

  it('a damaged workbook is refused with a message, not a crash', async () => {
    const xlsx = await workbook([HEADER])
    const damaged = xlsx.slice(0, 200)
    expect(await readImportFile('plan.xlsx', damaged)).toMatchObject({
      ok: false,
      errors: [{ row: 0, column: null, key: 'xlsx' }],
    })
  })
})
