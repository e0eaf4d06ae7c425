import { expect, test } from '../setup/e2e-fixtures'

// A working group member adds an item for their country; the form says what is wrong, beside
// the field, and keeps what they typed.

test.use({ as: 'wg.kaz' })

test('a ref that is a page address is refused, then a good one creates the item with Kazakhstan as proposer', async ({
  page,
  signInAs,
}) => {
  await page.goto('/items')
  await page.getByRole('link', { name: 'New item' }).click()
  await expect(page.getByRole('heading', { name: 'New item' })).toBeVisible()
  const ref = page.getByLabel('Ref (required)')
  const title = page.getByLabel('Title (English)')
  // Their own country starts ticked.
  await expect(page.getByRole('checkbox', { name: 'Kazakhstan (KAZ)' })).toBeChecked()

  await ref.fill('new')
  await title.fill('Almaty dry port feasibility study')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(ref).toHaveAccessibleDescription(/This ref is the address of a page; choose another\./)
  await expect(title).toHaveValue('Almaty dry port feasibility study')

  const unique = `KAZ-E2E-${Date.now().toString(36)}`
  await ref.fill(unique)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page).toHaveURL(new RegExp(`/items/${unique}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Almaty dry port feasibility study')
  await expect(page.getByText('Kazakhstan', { exact: false }).first()).toBeVisible()
  await expect(page).toHaveTitle(new RegExp(`^${unique} Almaty dry port feasibility study · CAREC Pipeline$`))

  // Other specs count the 80 items of the plan: the secretariat archives this one again.
  const secretariat = await signInAs('secretariat')
  await secretariat.goto(`/items/${unique}`)
  await secretariat.getByRole('button', { name: 'Archive' }).click()
  await expect(secretariat.getByText('This item is archived')).toBeVisible()
})

test('a page past the end of the results says so and leads back to the last page', async ({ page }) => {
  await page.goto('/items?page=99')
  await expect(page.getByRole('status').filter({ hasText: 'past the end' })).toHaveText(
    /This page is past the end of the \d+ matching items\./,
  )
  await page.getByRole('link', { name: 'Previous' }).click()
  await expect(page).toHaveURL(/page=2/)
  await expect(page.getByRole('status').filter({ hasText: /^Showing/ })).toHaveText(/^Showing 51–\d+ of \d+$/)
})

test('a copied table link, columns included, works in the API', async ({ page }) => {
  const response = await page.request.get('/api/v1/items?proposers=KAZ&cols=ref,title&sort=-ref')
  expect(response.status()).toBe(200)
  const body = await response.json()
  expect(body.total).toBeGreaterThan(0)
  for (const item of body.items) expect(item.proposers).toContain('KAZ')
  const post = await page.request.post('/api/v1/items', { data: {} })
  expect(post.status()).toBe(405)
  expect((await post.json()).error).toBe('method_not_allowed')
})
