import { randomUUID } from 'node:crypto'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets, type TestDatabase } from '../../tests/setup/db-targets'
import { insertUser } from '../../tests/setup/fixtures'
import {
  fillTiedPortfolio,
  randomFilters,
  seeded,
  type TaxonomyNames,
} from '../../tests/setup/tied-portfolio'
import { LANGUAGES, type Language } from '../i18n/languages'
import { COLUMN_IDS, type ColumnId } from '../portfolio/columns'
import { eachItemBatch } from '../portfolio/list-batches.server'
import { ListQuery, SORT_KEYS } from '../portfolio/list-query'
import { getTaxonomyNames } from '../portfolio/taxonomy-names.server'
import { interchangeCsv } from './csv.server'
import { bytesOf, exportItemsCsv, exportItemsXlsx } from './items.server'
import { writeItemsXlsx, type XlsxView } from './xlsx.server'

// The exports read only the columns they write (eachRowBatch, docs/decisions/0061); this holds
// the files to what the whole items of eachItemBatch made of them before: the CSV byte for byte,
// and every cell of the workbook (value, type, style) and its sheets' settings, for every sort
// key both ways, seeded random filters and column choices, each reader's language, texts that
// need quoting or neutralising, titles in Russian or Chinese only, published, archived items and
// partner interest. On PostgreSQL too when TEST_DATABASE_URL_PG is set.

/** Every cell of every sheet (value, type, style) and each sheet's settings, comparable with toEqual. */
async function workbookCells(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  return workbook.worksheets.map((sheet) => {
    const cells: unknown[] = []
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      cells.push({ row: n, height: row.height })
      row.eachCell({ includeEmpty: true }, (cell) =>
        cells.push([
          cell.address,
          cell.type,
          cell.value instanceof Date ? cell.value.toISOString() : cell.value,
          cell.style,
        ]),
      )
    })
    return {
      name: sheet.name,
      views: sheet.views,
      autoFilter: sheet.autoFilter,
      widths: sheet.columns?.map((c) => c.width) ?? [],
      cells,
    }
  })
}

/** The workbook as the export wrote it from whole items (before decision 0061). */
async function xlsxFromWholeItems(db: TestDatabase['db'], query: ListQuery, view: Omit<XlsxView, 'query'>) {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const names = await getTaxonomyNames(db, view.language)
  await writeItemsXlsx(out, eachItemBatch(db, query), { ...view, query, names })
  await new Promise((resolve) => out.end(resolve))
  return Buffer.concat(chunks)
}

for (const target of databaseTargets()) {
  describe(`the exports write from the columns they read what they wrote from whole items, on ${target.name}`, () => {
    let handle: TestDatabase
    let names: TaxonomyNames

    beforeAll(async () => {
      handle = await target.open()
      const db = handle.db
      names = await fillTiedPortfolio(db, 240)
      // Texts a CSV quotes or neutralises, and a sheet escapes; titles in one language only.
      await db
        .updateTable('items')
        .set({
          title_ru: sql<string>`'Проект "' || ref || '", второй'`,
          description_en: sql<string>`'=SUM(1,2)' || ref || ${'\r\n<b>&amp;</b>'}`,
          source: '-source, with "quotes"',
          dac_code: '21020',
          partners: 'ADB;=WB',
        })
        .where('ref', 'like', '%1')
        .execute()
      await db
        .updateTable('items')
        .set({ title_zh: sql<string>`'项目 ' || ref`, title_en: '' })
        .where('ref', 'like', '%2')
        .execute()
      await db.updateTable('items').set({ published: 1 }).where('ref', 'like', '%4').execute()
      await db.updateTable('items').set({ archived: 1 }).where('ref', 'like', '%6').execute()
      const partner = await insertUser(db, 'partner', [], 'ADB')
      const flagged = await db.selectFrom('items').select('id').where('ref', 'like', '%5').execute()
      const now = new Date().toISOString()
      for (const [index, { id }] of flagged.entries())
        for (const [organisation, withdrawn] of [
          ['ADB', 0],
          ['WB', index % 2],
        ] as const)
          await db
            .insertInto('cofinancing_flags')
            .values({
              id: randomUUID(),
              item_id: id,
              organisation,
              user_id: partner.id,
              instrument: 'loan',
              amount_kusd: null,
              stage: index % 3 === 0 ? 'committed' : 'interest',
              note: null,
              withdrawn,
              created_at: now,
              updated_at: now,
            })
            .execute()
    }, 60_000)

    afterAll(async () => {
      await handle?.close()
    })

    it('for every sort key both ways, random filters, columns and languages', async () => {
      const db = handle.db
      const r = seeded(20261206)
      let files = 0
      let rows = 0
      for (const key of SORT_KEYS)
        for (const sort of [key, `-${key}`]) {
          const view = ListQuery.parse({
            ...randomFilters(r, names, ['corridor', 'e', '铁路', 'проект'], 0.2),
            sort,
          })
          const context = JSON.stringify(view)

          const before: string[] = []
          for await (const chunk of interchangeCsv(eachItemBatch(db, view))) before.push(chunk)
          const csv = await bytesOf(exportItemsCsv(db, view))
          expect(csv.toString('utf8'), context).toBe(before.join(''))
          expect(csv.equals(Buffer.from(before.join(''), 'utf8')), context).toBe(true)
          rows += csv.toString('utf8').split('\r\n').length - 2

          const language: Language = r.pick(LANGUAGES)
          const chosen = COLUMN_IDS.filter(() => r.next() < 0.5)
          const columns: ColumnId[] = chosen.length ? chosen : ['ref', 'interest']
          const xlsxView = {
            columns,
            language,
            exportedAt: '2026-12-06T03:00:00.000Z',
            exportedBy: 'Test',
            viewUrl: 'http://localhost/items?x',
          }
          const xlsx = await bytesOf(exportItemsXlsx(db, view, xlsxView))
          expect(await workbookCells(xlsx), JSON.stringify({ view, columns, language })).toEqual(
            await workbookCells(await xlsxFromWholeItems(db, view, xlsxView)),
          )
          files++
        }
      expect(files).toBe(SORT_KEYS.length * 2)
      // the views hold items (filters leave some empty), some of them many
      expect(rows).toBeGreaterThan(500)
    }, 300_000)
  })
}
