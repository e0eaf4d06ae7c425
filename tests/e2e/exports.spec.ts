import fs from 'node:fs'
import type { Download, Page } from '@playwright/test'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { expect, test } from '../setup/e2e-fixtures'
import { INTERCHANGE_HEADER } from '../setup/interchange'

// Exporting a portfolio view: the links carry the view, and the files hold exactly its items.
// Nothing here writes.

test.use({ as: 'viewer' })

const rows = (page: Page) => page.getByRole('table').locator('tbody tr')

/** The KAZ items, newest ref first, with the Strategy column added: a view with a filter, a sort and chosen columns. */
async function openKazView(page: Page): Promise<string[]> {
  await page.goto('/items')
  await page
    .getByRole('search')
    .locator('summary')
    .filter({ hasText: /^Proposers/ })
    .click()
  await page
    .getByRole('group', { name: 'Proposers', exact: true })
    .getByRole('checkbox', { name: /^KAZ/ })
    .check()
  await page
    .getByRole('search')
    .locator('summary')
    .filter({ hasText: /^Columns/ })
    .click()
  await page
    .getByRole('group', { name: 'Columns', exact: true })
    .getByRole('checkbox', { name: 'Strategy' })
    .check()
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/[?&]proposers=KAZ(&|$)/)
  await page.getByRole('columnheader', { name: 'Ref' }).getByRole('link').click() // ascending already: now descending
  await expect(page).toHaveURL(/[?&]sort=-ref(&|$)/)
  await expect(page.getByRole('columnheader', { name: 'Ref' })).toHaveAttribute('aria-sort', 'descending')
  const refs = await rows(page).locator('td a.ref').allInnerTexts()
  expect(refs.length).toBeGreaterThan(1)
  expect(refs.length).toBeLessThan(50) // one page: the table shows every item of the view
  return refs
}

async function download(page: Page, link: string): Promise<Download> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('navigation', { name: 'Export this view' }).getByRole('link', { name: link }).click(),
  ])
  return file
}

test('Export XLSX downloads exactly the filtered items, in the view order and columns', async ({ page }) => {
  const refs = await openKazView(page)
  // the table's own columns, not the selection's checkboxes (app/components/bulk)
  const headers = (
    await page
      .getByRole('columnheader')
      .filter({ hasNot: page.getByRole('checkbox') })
      .allInnerTexts()
  ).map((h) => h.replace(/[▲▼⇅]/g, '').trim())
  const link = page.getByRole('link', { name: 'Export XLSX' })
  await expect(link).toHaveAttribute('href', /^\/export\/items\.xlsx\?.*proposers=KAZ/)
  await expect(link).toHaveAttribute('href', /sort=-ref/)

  const file = await download(page, 'Export XLSX')
  expect(file.suggestedFilename()).toMatch(/^carec-pipeline-items-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile((await file.path())!)
  const sheet = workbook.getWorksheet('Items')!
  // The table's columns, with Years as two number columns.
  const expected = headers.flatMap((h) => (h === 'Years' ? ['Start year', 'End year'] : [h]))
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(expected)
  expect(expected).toContain('Strategy')
  expect(sheet.rowCount).toBe(refs.length + 1)
  expect(Array.from({ length: refs.length }, (_, k) => sheet.getCell(k + 2, 1).value)).toEqual(refs)
  // countries by name in the reader's language (docs/decisions/0027-pdf-fonts-and-localized-outputs.md)
  const proposers = expected.indexOf('Proposers') + 1
  for (let r = 2; r <= refs.length + 1; r++)
    expect(String(sheet.getCell(r, proposers).value).split(', ')).toContain('Kazakhstan')
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  expect(sheet.autoFilter).toBeTruthy()

  const about = workbook.getWorksheet('About this export')!
  const lines = Object.fromEntries(
    about
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1, 3)),
  )
  expect(lines['Proposers']).toBe('KAZ (Kazakhstan)')
  expect(lines['Sorted by']).toBe('Ref, descending')
  expect(lines['Items']).toBe(refs.length)
  expect(lines['Exported by']).toBe('Vera Viewer')
})

test('Export CSV downloads exactly the filtered items in the interchange format', async ({ page }) => {
  const refs = await openKazView(page)
  const file = await download(page, 'Export CSV')
  expect(file.suggestedFilename()).toMatch(/^carec-pipeline-items-\d{4}-\d{2}-\d{2}\.csv$/)
  const records = parse(fs.readFileSync((await file.path())!), { bom: true }) as string[][]
  expect(records[0]).toEqual(INTERCHANGE_HEADER)
  const body = records.slice(1)
  expect(body.map((r) => r[0])).toEqual(refs)
  for (const record of body) expect(record[8]!.split(';')).toContain('KAZ')
})

test('the export links leave out the page: an export holds every matching item', async ({ page }) => {
  await page.goto('/items?page=2&pageSize=20&sort=-ref')
  const csv = page.getByRole('link', { name: 'Export CSV' })
  await expect(csv).toHaveAttribute('href', '/export/items.csv?sort=-ref')
  const response = await page.request.get((await csv.getAttribute('href'))!)
  expect(response.status()).toBe(200)
  const records = parse(await response.body(), { bom: true }) as string[][]
  const total = (await (await page.request.get('/api/v1/items?pageSize=1')).json()).total as number
  expect(records).toHaveLength(total + 1)
})

// How long the plan's exports take is measured by `npm run bench` (docs/performance.md).
test('the whole plan exports in both formats, as named downloads', async ({ request }) => {
  for (const [format, type] of [
    ['csv', 'text/csv; charset=utf-8'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ]) {
    const response = await request.get(`/export/items.${format}`)
    expect(response.status(), format).toBe(200)
    expect((await response.body()).length, format).toBeGreaterThan(0)
    expect(response.headers()['content-type']).toBe(type)
    expect(response.headers()['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="carec-pipeline-items-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`),
    )
  }
})

test('a bad parameter is refused with a 400 naming it, as by the API', async ({ request }) => {
  const response = await request.get('/export/items.xlsx?proposer=KAZ')
  expect(response.status()).toBe(400)
  expect(await response.json()).toMatchObject({ error: 'bad_parameter', parameter: 'proposer' })
})

test.describe('signed out', () => {
  test.use({ as: null })

  test('exports need a session: 401, and no data', async ({ request }) => {
    for (const address of ['/export/items.csv', '/export/items.xlsx?proposers=KAZ']) {
      const response = await request.get(address, { maxRedirects: 0 })
      expect(response.status(), address).toBe(401)
      expect(await response.json()).toMatchObject({ error: 'unauthenticated' })
    }
  })
})
