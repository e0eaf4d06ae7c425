import { expect, test } from '../setup/e2e-fixtures'

// Who may do what, as each person sees it: buttons shown only to those allowed, and a clear
// refusal when someone goes to an address they may not use.

test.describe('a working group member (KAZ)', () => {
  test.use({ as: 'wg.kaz' })

  test('may edit an item Kazakhstan proposed', async ({ page }) => {
    await page.goto('/items/CITA-01-e')
    await expect(page.getByText('Kazakhstan (KAZ)')).toBeVisible()
    await page.getByRole('link', { name: 'Edit' }).click()
    await expect(page.getByRole('heading', { name: 'Edit CITA-01-e' })).toBeVisible()
  })

  test('sees no Edit on an item only Azerbaijan proposed, and the edit page refuses them', async ({
    page,
  }) => {
    await page.goto('/items/CITA-01-b')
    await expect(page.getByText('Azerbaijan (AZE)')).toBeVisible()
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0)

    const response = await page.goto('/items/CITA-01-b/edit')
    expect(response?.status()).toBe(403)
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible()
    await expect(page.getByRole('alert')).toContainText(
      'Working group members edit items proposed by their own countries',
    )
    await expect(page.getByLabel('Title (English)')).toHaveCount(0)
  })

  test('may create items but not archive them', async ({ page, request }) => {
    await page.goto('/items')
    await expect(page.getByRole('link', { name: 'New item' })).toBeVisible()
    await page.goto('/items/CITA-01-e')
    await expect(page.getByRole('link', { name: 'Edit' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0)

    // Nor by posting the form by hand.
    const response = await request.post('/items/CITA-01-e/archive', {
      form: { archived: 'true' },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(403)
  })
})

test.describe('a viewer', () => {
  test.use({ as: 'viewer' })

  test('sees the portfolio but no New item, Edit or Archive', async ({ page }) => {
    await page.goto('/items')
    await expect(page.getByText('Showing 1–50 of 80')).toBeVisible()
    await expect(page.getByRole('link', { name: 'New item' })).toHaveCount(0)

    await page.goto('/items/CITA-01-e')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0)

    const response = await page.goto('/items/new')
    expect(response?.status()).toBe(403)
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible()
  })
})

test.describe('the steering committee', () => {
  test.use({ as: 'sc' })

  test('sees no Archive either', async ({ page }) => {
    await page.goto('/items/CITA-01-e')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0)
  })
})

test.describe('the secretariat', () => {
  test.use({ as: 'secretariat' })

  test('archives an item, finds it under "Only archived", and restores it', async ({ page }) => {
    const ref = 'CITA-17-b'
    const search = page.getByRole('searchbox', { name: 'Search ref and titles' })
    const resultCount = page.getByRole('status').filter({ hasText: /^Showing|^No items/ })

    await page.goto(`/items/${ref}`)
    await expect(page.getByRole('link', { name: 'New item' })).toHaveCount(0) // only on the list
    await page.getByRole('button', { name: 'Archive' }).click()
    await expect(
      page.getByText('This item is archived: it is hidden from the default portfolio view.'),
    ).toBeVisible()
    await expect(page.getByRole('button', { name: 'Restore' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0)

    // Gone from the default list...
    await page.goto('/items')
    await expect(resultCount).toHaveText('Showing 1–50 of 79')
    await search.fill(ref)
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(resultCount).toHaveText('No items match this view.')

    // ...and listed with the archived ones.
    await page.getByLabel('Archived items').selectOption({ label: 'Only archived' })
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(page).toHaveURL(/archived=only/)
    await expect(resultCount).toHaveText('Showing 1–1 of 1')
    const row = page.getByRole('row', { name: new RegExp(ref) })
    await expect(row).toContainText('Archived')

    await row.getByRole('link').first().click()
    await expect(page).toHaveURL(new RegExp(`/items/${ref}$`))
    await page.getByRole('button', { name: 'Restore' }).click()
    await expect(page.getByRole('button', { name: 'Archive' })).toBeVisible()
    await expect(page.getByText('This item is archived', { exact: false })).toHaveCount(0)

    await page.goto('/items')
    await expect(resultCount).toHaveText('Showing 1–50 of 80')
    await page.goto(`/items?q=${ref}`)
    await expect(page.getByRole('row', { name: new RegExp(ref) })).toBeVisible()
    await expect(page.getByRole('row', { name: new RegExp(ref) })).not.toContainText('Archived')
  })
})
