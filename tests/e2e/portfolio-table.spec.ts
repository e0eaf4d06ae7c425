import type { Page } from '@playwright/test'
import { expect, test } from '../setup/e2e-fixtures'

// Browsing the portfolio: filters, sorting, search, paging and columns all live in the URL, so
// reloading, sharing a link and the back button keep the view. Nothing here writes.

test.use({ as: 'sc' })

const count = (page: Page) => page.getByRole('status').filter({ hasText: /^Showing|^No items/ })
const table = (page: Page) => page.getByRole('table')
const rows = (page: Page) => table(page).locator('tbody tr')

/** The text of one column in every row, found by its header. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await table(page).getByRole('columnheader').allInnerTexts()
  const index = headers.findIndex((text) => text.replace(/[▲▼]/g, '').trim() === header)
  expect(index, `column ${header} among ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0)
  return rows(page)
    .locator(`td:nth-child(${index + 1})`)
    .allInnerTexts()
}

/** Opens one of the filter panel's disclosures ("Proposers", "Columns", ...). */
async function openDisclosure(page: Page, name: string) {
  const summary = page
    .getByRole('search')
    .locator('summary')
    .filter({ hasText: new RegExp(`^${name}`) })
  await summary.click()
  return page.getByRole('group', { name, exact: true })
}

test('the default view shows the first 50 of the 80 plan items', async ({ page }) => {
  await page.goto('/items')
  await expect(count(page)).toHaveText('Showing 1–50 of 80')
  await expect(rows(page)).toHaveCount(50)
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Page 1 of 2')
})

test('filtering by a proposer country narrows the list to items it proposed', async ({ page }) => {
  await page.goto('/items')
  const proposers = await openDisclosure(page, 'Proposers')
  await proposers.getByRole('checkbox', { name: /^KAZ/ }).check()
  await page.getByRole('button', { name: 'Apply' }).click()

  await expect(page).toHaveURL(/[?&]proposers=KAZ(&|$)/)
  await expect(count(page)).toHaveText(/^Showing 1–(\d+) of \1$/)
  const total = Number(/of (\d+)/.exec((await count(page).textContent()) ?? '')![1])
  expect(total).toBeGreaterThan(0)
  expect(total).toBeLessThan(80)
  await expect(rows(page)).toHaveCount(total)
  for (const cell of await columnTexts(page, 'Proposers')) expect(cell.split(', ')).toContain('KAZ')
  // The disclosure says what is chosen.
  await expect(
    page
      .getByRole('search')
      .locator('summary')
      .filter({ hasText: /^Proposers/ }),
  ).toContainText('1 selected')
})

test('sorting by Ref from its header, kept on reload and undone by the back button', async ({ page }) => {
  await page.goto('/items')
  const refHeader = table(page).getByRole('columnheader', { name: 'Ref' })
  await expect(refHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect(rows(page).first()).toContainText('CITA-01-a')

  await refHeader.getByRole('link').click()

  await expect(page).toHaveURL(/[?&]sort=-ref(&|$)/)
  await expect(refHeader).toHaveAttribute('aria-sort', 'descending')
  await expect(rows(page).first()).toContainText('CITA-22-a')
  const refs = await columnTexts(page, 'Ref')
  expect(refs).toEqual([...refs].sort().reverse())

  await page.reload()
  await expect(refHeader).toHaveAttribute('aria-sort', 'descending')
  await expect(rows(page).first()).toContainText('CITA-22-a')
  await expect(count(page)).toHaveText('Showing 1–50 of 80')

  await page.goBack()
  await expect(page).not.toHaveURL(/sort=/)
  await expect(refHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect(rows(page).first()).toContainText('CITA-01-a')
})

test('a filtered view survives a reload and the back button returns to the whole list', async ({ page }) => {
  await page.goto('/items')
  await openDisclosure(page, 'Proposers').then((group) =>
    group.getByRole('checkbox', { name: /^UZB/ }).check(),
  )
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/proposers=UZB/)
  await expect(count(page)).not.toHaveText('Showing 1–50 of 80')
  const filtered = await count(page).textContent()

  await page.reload()
  await expect(count(page)).toHaveText(filtered!)
  for (const cell of await columnTexts(page, 'Proposers')) expect(cell.split(', ')).toContain('UZB')

  await page.goBack()
  await expect(count(page)).toHaveText('Showing 1–50 of 80')
})

test('searching ref and titles', async ({ page }) => {
  await page.goto('/items')
  await page.getByRole('searchbox', { name: 'Search ref and titles' }).fill('e-commerce')
  await page.getByRole('button', { name: 'Apply' }).click()

  await expect(page).toHaveURL(/[?&]q=e-commerce(&|$)/)
  await expect(count(page)).toHaveText(/^Showing 1–(\d+) of \1$/)
  const titles = await columnTexts(page, 'Title')
  expect(titles.length).toBeGreaterThan(0)
  for (const title of titles) expect(title).toMatch(/e-commerce/i)
  await expect(page.getByRole('searchbox', { name: 'Search ref and titles' })).toHaveValue('e-commerce')

  await page.getByRole('searchbox', { name: 'Search ref and titles' }).fill('no such words anywhere')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(count(page)).toHaveText('No items match this view.')
  await expect(table(page)).toHaveCount(0)
})

test('the second page shows the remaining items', async ({ page }) => {
  await page.goto('/items')
  const pages = page.getByRole('navigation', { name: 'Pages' })
  await pages.getByRole('link', { name: 'Next' }).click()

  await expect(page).toHaveURL(/[?&]page=2(&|$)/)
  await expect(count(page)).toHaveText('Showing 51–80 of 80')
  await expect(rows(page)).toHaveCount(30)
  await expect(pages).toContainText('Page 2 of 2')
  await expect(rows(page).first()).not.toContainText('CITA-01-a')

  await pages.getByRole('link', { name: 'Previous' }).click()
  await expect(count(page)).toHaveText('Showing 1–50 of 80')
})

test('choosing the visible columns', async ({ page }) => {
  await page.goto('/items')
  await expect(table(page).getByRole('columnheader', { name: 'Area' })).toBeVisible()
  await expect(table(page).getByRole('columnheader', { name: 'Strategy' })).toHaveCount(0)

  const columns = await openDisclosure(page, 'Columns')
  await columns.getByRole('checkbox', { name: 'Area', exact: true }).uncheck()
  await columns.getByRole('checkbox', { name: 'Strategy', exact: true }).check()
  await page.getByRole('button', { name: 'Apply' }).click()

  await expect(page).toHaveURL(/cols=/)
  await expect(table(page).getByRole('columnheader', { name: 'Area' })).toHaveCount(0)
  await expect(table(page).getByRole('columnheader', { name: 'Strategy' })).toBeVisible()
  await expect(table(page).getByRole('columnheader', { name: 'Ref' })).toBeVisible()
  await expect(count(page)).toHaveText('Showing 1–50 of 80')

  // The choice is part of the view: sorting keeps it.
  await table(page).getByRole('columnheader', { name: 'Ref' }).getByRole('link').click()
  await expect(page).toHaveURL(/sort=-ref/)
  await expect(table(page).getByRole('columnheader', { name: 'Area' })).toHaveCount(0)
})

// On the server the table and the filter options are written as one string each (decision 0059);
// the browser must hydrate that markup as React's own, in every language: no hydration error
// (React would throw the page away and render it again), and the table's checkboxes and header
// links are React's and the router's once it has.
for (const lng of ['en', 'ru', 'zh'])
  test(`the page hydrates the server's table and filters, in ${lng}`, async ({ page }) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(`/items?lng=${lng}&proposers=KAZ`, { waitUntil: 'networkidle' })
    const documents: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url())
    })
    // a ticked row is marked by React's state
    const first = rows(page).first()
    await first.getByRole('checkbox').check()
    await expect(first).toHaveClass(/selected/)
    // the filter panel's options, server-written: the selection shows, and applying goes through the router
    const proposers = page.getByRole('search').locator('input[name="proposers"][value="KAZ"]')
    await expect(proposers).toBeChecked()
    await page.getByRole('search').locator('details:has(input[name="proposers"]) > summary').click()
    await page.getByRole('search').locator('input[name="proposers"][value="UZB"]').check()
    await page.getByRole('search').locator('button.primary').click()
    await expect(page).toHaveURL(/proposers=KAZ(%2C|,)UZB/)
    await table(page).getByRole('columnheader').nth(2).getByRole('link').click()
    await expect(page).toHaveURL(/sort=/)
    await expect(rows(page).first()).toBeVisible()
    expect(documents).toEqual([])
    expect(errors).toEqual([])
  })
