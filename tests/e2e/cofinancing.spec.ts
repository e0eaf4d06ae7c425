import type { Page } from '@playwright/test'
import { USERS, expect, test } from '../setup/e2e-fixtures'

// A development partner flags co-financing: committed amounts count as secured, so the item's gap
// drops; withdrawing restores it. The item is touched by no other spec (the database is shared).

const REF = 'CITA-05-a'

const fact = (page: Page, label: string) => page.locator(`dt:text-is("${label}") + dd`)
const cofinancing = (page: Page) => page.getByRole('region', { name: 'Co-financing', exact: true })

test('a partner commits co-financing and the gap drops; withdrawing restores it', async ({ signInAs }) => {
  // The secretariat gives the item a cost and some secured funding: a gap of 15.
  const aigerim = await signInAs('secretariat')
  await aigerim.goto(`/items/${REF}/edit`)
  await aigerim.getByLabel('Cost (USD m)').fill('20')
  await aigerim.getByLabel('Secured (USD m)').fill('5')
  await aigerim.getByRole('button', { name: 'Save' }).click()
  await expect(fact(aigerim, 'Gap (USD m)')).toHaveText('15')
  // The secretariat sees the flags but has none to set.
  await expect(cofinancing(aigerim)).toContainText(
    'No development partner has flagged interest in this item yet.',
  )
  await expect(cofinancing(aigerim).getByRole('button')).toHaveCount(0)

  const maria = await signInAs('partner.adb')
  await maria.goto(`/items/${REF}`)
  const region = cofinancing(maria)
  await expect(region.getByRole('heading', { name: 'Your flag for ADB' })).toBeVisible()
  await region.getByLabel('Instrument (required)').selectOption({ label: 'Loan' })
  await region.getByLabel('Stage (required)').selectOption({ label: 'Committed' })
  await region.getByLabel('Note').fill('Through the CAREC corridor facility')
  const amount = region.getByLabel('Indicative amount (USD m)')

  // A commitment without an amount is refused beside the field; nothing typed is lost.
  await region.getByRole('button', { name: 'Flag interest' }).click()
  await expect(amount).toHaveAccessibleDescription(/A commitment needs an amount in USD million\./)
  await expect(region.getByLabel('Instrument (required)')).toHaveValue('loan')
  await expect(region.getByLabel('Note')).toHaveValue('Through the CAREC corridor facility')

  await amount.fill('4.5')
  await region.getByRole('button', { name: 'Flag interest' }).click()
  const row = region.getByRole('row', { name: /ADB/ })
  await expect(row).toContainText('Loan')
  await expect(row).toContainText('4.5')
  await expect(row).toContainText('Committed')
  await expect(row).toContainText('Through the CAREC corridor facility')
  await expect(fact(maria, 'Gap (USD m)')).toHaveText('10.5')
  await expect(fact(maria, 'Committed by partners (USD m)')).toHaveText('4.5')
  await expect(region.getByRole('button', { name: 'Update flag' })).toBeVisible()
  await expect(maria.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText(
    `${USERS['partner.adb'].name} flagged co-financing for ADB: Loan, Committed, USD 4.5 m`,
  )

  // Everyone who reads sees it; the API's gap counts it.
  const vera = await signInAs('viewer')
  await vera.goto(`/items/${REF}`)
  await expect(cofinancing(vera).getByRole('row', { name: /ADB/ })).toContainText('Committed')
  await expect(cofinancing(vera).getByRole('button')).toHaveCount(0)
  expect(await (await vera.request.get(`/api/v1/items/${REF}`)).json()).toMatchObject({
    cost_usd_m: 20,
    secured_usd_m: 5,
    gap_usd_m: 10.5,
  })

  // The funding gaps page, linked from the header, lists the item with its gap and the flag.
  await maria.getByRole('link', { name: 'Funding gaps' }).click()
  await expect(maria.getByRole('heading', { name: 'Funding gaps' })).toBeVisible()
  await maria.getByLabel('Search ref and titles').fill(REF)
  await maria.getByRole('button', { name: 'Apply filters' }).click()
  await expect(maria).toHaveURL(/\/gaps\?q=CITA-05-a/)
  const gapRow = maria.getByRole('row', { name: new RegExp(REF) })
  await expect(gapRow).toContainText('10.5')
  await expect(gapRow).toContainText('ADB: Loan, Committed, USD 4.5 m')
  // Largest gap first over the whole portfolio: no row's gap is above the one before it.
  await maria.goto('/gaps?pageSize=200')
  const gaps = (await maria.locator('.gaps-table tbody tr td:nth-child(6)').allTextContents()).map((text) =>
    Number(text.replace(/,/g, '')),
  )
  expect(gaps.length).toBeGreaterThan(0)
  expect(gaps).toEqual([...gaps].sort((a, b) => b - a))
  // a ref is read whole: never broken at its hyphens across two lines, in any language
  for (const lng of ['en', 'ru', 'zh']) {
    await maria.goto(`/gaps?pageSize=200&lng=${lng}`)
    const lines = await maria
      .locator('.gaps-table tbody th a')
      .evaluateAll((links) => links.filter((a) => a.getClientRects().length > 1).map((a) => a.textContent))
    expect(lines, lng).toEqual([])
  }
  await maria.goto('/gaps?lng=en')
  await maria.goto(`/items/${REF}`)

  // Withdrawn, the gap is back to 15.
  await region.getByRole('button', { name: 'Withdraw flag' }).click()
  await expect(region).toContainText('No development partner has flagged interest in this item yet.')
  await expect(fact(maria, 'Gap (USD m)')).toHaveText('15')
  await expect(region.getByRole('button', { name: 'Flag interest' })).toBeVisible()
})

test('a crafted flag from someone who is not a partner is refused', async ({ signInAs }) => {
  const viewer = await signInAs('viewer')
  const response = await viewer.request.post(`/items/${REF}/flag`, {
    form: { instrument: 'grant', stage: 'interest' },
    maxRedirects: 0,
  })
  expect(response.status()).toBe(403)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, as: 'partner.adb' })

  test('the flag form answers on a page of its own: errors beside the fields, values kept, then saved', async ({
    page,
  }) => {
    const ref = 'CITA-06-a'
    await page.goto(`/items/${ref}`)
    const region = cofinancing(page)
    await region.getByLabel('Instrument (required)').selectOption({ label: 'Technical assistance' })
    await region.getByLabel('Indicative amount (USD m)').fill('1,5')
    await region.getByLabel('Note').fill('Scoping mission in 2026')
    await region.getByRole('button', { name: 'Flag interest' }).click()

    await expect(page).toHaveURL(new RegExp(`/items/${ref}/flag$`))
    await expect(page.getByLabel('Stage (required)')).toHaveAccessibleDescription('This field is required.')
    await expect(page.getByLabel('Indicative amount (USD m)')).toHaveAccessibleDescription(
      /Enter an amount in USD million/,
    )
    await expect(page.getByLabel('Instrument (required)')).toHaveValue('technical_assistance')
    await expect(page.getByLabel('Note')).toHaveValue('Scoping mission in 2026')

    await page.getByLabel('Stage (required)').selectOption({ label: 'Interest' })
    await page.getByLabel('Indicative amount (USD m)').fill('1.5')
    await page.getByRole('button', { name: 'Flag interest' }).click()
    await expect(page).toHaveURL(new RegExp(`/items/${ref}$`))
    const row = cofinancing(page).getByRole('row', { name: /ADB/ })
    await expect(row).toContainText('Technical assistance')
    await expect(row).toContainText('Interest')
    await expect(row).toContainText('1.5')
  })
})
