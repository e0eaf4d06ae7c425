import type { Page } from '@playwright/test'
import { USERS, expect, test } from '../setup/e2e-fixtures'

// The secretariat corrects an item's funding. Each test edits its own item: the database is
// shared by every spec of the run.

test.use({ as: 'secretariat' })

/** The value shown beside a label on the item page (its <dt>/<dd> facts). */
const fact = (page: Page, label: string) => page.locator(`dt:text-is("${label}") + dd`)

async function openEditor(page: Page, ref: string) {
  await page.goto(`/items/${ref}`)
  await page.getByRole('link', { name: 'Edit' }).click()
  await expect(page.getByRole('heading', { name: `Edit ${ref}` })).toBeVisible()
}

test('secured funding above the cost is refused beside the field, then the corrected values are saved', async ({
  page,
}) => {
  await openEditor(page, 'CITA-02-b')
  const cost = page.getByLabel('Cost (USD m)')
  const secured = page.getByLabel('Secured (USD m)')

  await cost.fill('12.5')
  await secured.fill('20')
  await page.getByLabel('Development partners').fill('ADB; World Bank')
  await page.getByRole('button', { name: 'Save' }).click()

  await expect(secured).toHaveAccessibleDescription(/Secured funding cannot exceed the cost\./)
  await expect(page.locator('.field', { has: secured }).getByRole('alert')).toHaveText(
    'Secured funding cannot exceed the cost.',
  )
  await expect(page).toHaveURL(/\/items\/CITA-02-b\/edit$/)
  // Nothing typed is lost.
  await expect(cost).toHaveValue('12.5')
  await expect(secured).toHaveValue('20')
  await expect(page.getByLabel('Development partners')).toHaveValue('ADB; World Bank')

  await secured.fill('7.25')
  await page.getByRole('button', { name: 'Save' }).click()

  await expect(page).toHaveURL(/\/items\/CITA-02-b$/)
  await expect(fact(page, 'Cost (USD m)')).toHaveText('12.5')
  await expect(fact(page, 'Secured (USD m)')).toHaveText('7.25')
  await expect(fact(page, 'Gap (USD m)')).toHaveText('5.25')
  await expect(fact(page, 'Development partners')).toHaveText('ADB, World Bank')
  await expect(page.getByText(`by ${USERS.secretariat.name}`, { exact: false })).toBeVisible()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the server gives the same message and keeps the typed values', async ({ page }) => {
    await openEditor(page, 'CITA-02-c')
    await page.getByLabel('Cost (USD m)').fill('3')
    await page.getByLabel('Secured (USD m)').fill('4')
    await page.getByRole('button', { name: 'Save' }).click()

    await expect(page.getByText('Secured funding cannot exceed the cost.')).toBeVisible()
    await expect(page.getByText('Some fields need attention: see the messages beside them.')).toBeVisible()
    await expect(page.getByLabel('Cost (USD m)')).toHaveValue('3')
    await expect(page.getByLabel('Secured (USD m)')).toHaveValue('4')

    await page.getByLabel('Secured (USD m)').fill('1.5')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page).toHaveURL(/\/items\/CITA-02-c$/)
    await expect(fact(page, 'Secured (USD m)')).toHaveText('1.5')
    await expect(fact(page, 'Gap (USD m)')).toHaveText('1.5')
  })
})
