import { USERS, expect, test } from '../setup/e2e-fixtures'

// Issue 7, one way to refuse and messages in our words: an edit on a followed item reaches its
// followers' inbox as "changed: <field>"; a URL parameter a page cannot read is named in our
// words, never zod's; the activity page reads the table's `proposers=` and still the old `country=`.
// CITA-07-e (proposed by KAZ, MON, PAK and UZB) is touched by no other spec; its description is
// in no report or figure the other specs read.

const ITEM = 'CITA-07-e'
const ZOD_WORDING = /Invalid enum value|Expected|Required/

test("an edit reaches the item's followers as what changed, by field", async ({ signInAs }) => {
  const kaz = await signInAs('wg.kaz')
  await kaz.goto(`/items/${ITEM}/edit`)
  const description = kaz.getByLabel('Description (English)', { exact: true })
  const before = await description.inputValue()
  await description.fill(`${before} Reviewed by the working group.`.trim())
  await kaz.getByRole('button', { name: 'Save' }).click()
  await expect(kaz).toHaveURL(new RegExp(`/items/${ITEM}$`))

  // Uzbekistan's working group follows its country's items without asking.
  const uzb = await signInAs('wg.uzb')
  await uzb.goto('/inbox')
  await expect(
    uzb
      .getByRole('listitem')
      .filter({ hasText: `${USERS['wg.kaz'].name} changed ${ITEM}: Description (English)` }),
  ).toHaveCount(1)
  // the person who made the change is not told of it
  await kaz.goto('/inbox')
  await expect(kaz.getByRole('listitem').filter({ hasText: `changed ${ITEM}` })).toHaveCount(0)
})

test.describe('a link with a parameter a page cannot read', () => {
  test.use({ as: 'viewer' })

  for (const [page, address] of [
    ['portfolio', '/items?status=bogus'],
    ['priorities', '/priorities?status=bogus'],
  ] as const)
    test(`is named in our words on the ${page} page, which shows the default view`, async ({ page: tab }) => {
      await tab.goto(address)
      const notice = tab.getByRole('status').filter({ hasText: 'Part of this link could not be read' })
      await expect(notice).toContainText('status: "bogus" is not one of proposed, under_review,')
      await expect(notice).not.toContainText(ZOD_WORDING)
    })

  test('is named beside the filter on the activity page; proposers= and the old country= both filter', async ({
    page,
  }) => {
    await page.goto('/activity?proposers=XXX')
    await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toContainText(
      'proposers: "XXX" is not one of AZE, PRC,',
    )
    await page.goto('/activity?country=XXX')
    await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toContainText(
      'country: "XXX" is not one of',
    )
    await page.goto('/activity?from=1%20Nov')
    await expect(page.getByLabel('From (date)')).toHaveAccessibleDescription(
      'from: dates are written as YYYY-MM-DD.',
    )

    await page.goto('/activity?country=UZB')
    const filters = page.getByRole('search', { name: 'Filter the activity' })
    await filters.locator('summary', { hasText: 'Proposer country' }).click()
    await expect(filters.getByLabel('UZB · Uzbekistan')).toBeChecked()
    await filters.getByRole('button', { name: 'Apply' }).click()
    await expect(page).toHaveURL(/proposers=UZB/)
  })

  test('answers the API with our words too', async ({ request }) => {
    const response = await request.get('/api/v1/items?quadrant=best')
    expect(response.status()).toBe(400)
    expect(await response.json()).toEqual({
      error: 'bad_parameter',
      parameter: 'quadrant',
      message:
        'quadrant: "best" is not one of quick_win, low_hanging_fruit, strategic_phased, reconsider, unscored.',
    })
  })
})

test.describe('an address with nothing to show', () => {
  test.use({ as: 'viewer' })

  test('gets the app\'s own "not found" page, not a bare error', async ({ page }) => {
    const response = await page.goto('/jobs')
    expect(response?.status()).toBe(404)
    await expect(page.getByText('There is nothing at this address.')).toBeVisible()
    await expect(page.getByText('Unexpected Server Error')).toHaveCount(0)
  })
})
