import { expect, test } from '../setup/e2e-fixtures'

// An item's own text in three languages (issue 9): an item given only a Chinese title is shown to
// an English reader in Chinese, tagged as Chinese for screen readers and marked so everyone sees it.

test.use({ as: 'wg.kaz' })

test('an item created with a Chinese title only shows it, marked as Chinese, to an English reader', async ({
  page,
  signInAs,
}) => {
  await page.goto('/items/new')
  const unique = `KAZ-ZH-${Date.now().toString(36)}`
  await page.getByLabel('Ref (required)').fill(unique)
  // no title at all is refused, and says any one language will do
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByLabel('Title (English)')).toHaveAccessibleDescription(
    /Give a title in at least one language\./,
  )
  await page.getByLabel('Title (Chinese)').fill('阿拉木图旱港')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page).toHaveURL(new RegExp(`/items/${unique}$`))

  const heading = page.getByRole('heading', { level: 1 })
  await expect(heading.locator('[lang="zh-Hans"]')).toHaveText('阿拉木图旱港')
  await expect(heading.locator('.lang-marker')).toHaveText(/in Chinese/)
  await expect(heading).toContainText("Shown in Chinese: no translation in the reader's language")

  // the table, and a search for part of the Chinese title
  await page.goto(`/items?q=${encodeURIComponent('木图旱')}`)
  const row = page.getByRole('row').filter({ hasText: unique })
  await expect(row.locator('[lang="zh-Hans"]')).toHaveText('阿拉木图旱港')
  await expect(row.locator('.lang-marker')).toHaveText(/in Chinese/)

  // Other specs count the 80 items of the plan: the secretariat archives this one again.
  const secretariat = await signInAs('secretariat')
  await secretariat.goto(`/items/${unique}`)
  await secretariat.getByRole('button', { name: 'Archive' }).click()
  await expect(secretariat.getByText('This item is archived')).toBeVisible()
})
