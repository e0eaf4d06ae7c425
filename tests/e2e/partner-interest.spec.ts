import type { Page } from '@playwright/test'
import { expect, test } from '../setup/e2e-fixtures'

// Issue 3: a partner's interest shows in the portfolio table (column and filter); the secretariat
// breaks the secured funding down by source and the item page shows it. CITA-08-a is touched by
// no other spec; the flag is withdrawn at the end, so no other spec sees it.

const REF = 'CITA-08-a'

const fact = (page: Page, label: string) => page.locator(`dt:text-is("${label}") + dd`)

test('a partner flags an item; the table filtered by partner interest shows it with the column', async ({
  signInAs,
}) => {
  const maria = await signInAs('partner.adb')
  await maria.goto(`/items/${REF}`)
  const region = maria.getByRole('region', { name: 'Co-financing', exact: true })
  await region.getByLabel('Instrument (required)').selectOption({ label: 'Grant' })
  await region.getByLabel('Stage (required)').selectOption({ label: 'In discussion' })
  await region.getByRole('button', { name: 'Flag interest' }).click()
  await expect(region.getByRole('row', { name: /ADB/ })).toContainText('In discussion')

  try {
    // The table: any interest, flagged by ADB, with the partner-interest column shown.
    await maria.goto('/items')
    await maria
      .getByRole('combobox', { name: 'Partner interest' })
      .selectOption({ label: 'Any partner interest' })
    await maria.locator('summary', { hasText: 'Flagged by' }).click()
    await maria.getByRole('checkbox', { name: 'ADB', exact: true }).check()
    await maria.locator('summary', { hasText: 'Columns' }).click()
    await maria.getByRole('checkbox', { name: 'Partner interest' }).check()
    await maria.getByRole('button', { name: 'Apply filters' }).click()
    await expect(maria).toHaveURL(/interest_org=ADB/)
    await expect(maria).toHaveURL(/interest=any/)
    await expect(maria.getByRole('columnheader', { name: 'Partner interest' })).toBeVisible()
    await expect(maria.getByRole('row', { name: new RegExp(REF) })).toContainText('ADB · in discussion')

    // "Not yet flagged by ADB" leaves it out; the API reads the same parameters.
    await maria.goto(`/items?interest=none&interest_org=ADB&q=${REF}`)
    await expect(maria.getByRole('status').filter({ hasText: 'No items match this view.' })).toBeVisible()
    const api = await (
      await maria.request.get(`/api/v1/items?interest_org=ADB&interest_stage=in_discussion&pageSize=200`)
    ).json()
    expect(api.items.map((item: { ref: string }) => item.ref)).toContain(REF)
    expect((await maria.request.get('/api/v1/items?interest=some')).status()).toBe(400)

    // The funding gaps page takes the same filter.
    await maria.goto('/gaps?interest=none&interest_org=ADB')
    await expect(maria.getByRole('combobox', { name: 'Partner interest' })).toHaveValue('none')
  } finally {
    await maria.goto(`/items/${REF}`)
    await region.getByRole('button', { name: 'Withdraw flag' }).click()
    await expect(region).toContainText('No development partner has flagged interest in this item yet.')
  }
})

test('the secretariat breaks secured funding down by source; the item page shows it', async ({
  signInAs,
}) => {
  const aigerim = await signInAs('secretariat')
  await aigerim.goto(`/items/${REF}/edit`)
  await aigerim.getByLabel('Secured (USD m)').fill('10')
  await aigerim.getByLabel('Government funding (USD m)').fill('6')
  await aigerim.getByLabel('Partner funding (USD m)').fill('3')
  const priv = aigerim.getByLabel('Private funding (USD m)')
  await priv.fill('2')
  await aigerim.getByRole('button', { name: 'Save' }).click()

  // More than secured: refused beside the sources, nothing typed lost.
  await expect(priv).toHaveAccessibleDescription(
    /Government, partner and private funding together cannot exceed the secured funding\./,
  )
  await expect(aigerim).toHaveURL(new RegExp(`/items/${REF}/edit$`))
  await expect(aigerim.getByLabel('Government funding (USD m)')).toHaveValue('6')
  await expect(aigerim.getByLabel('Secured (USD m)')).toHaveValue('10')

  await priv.fill('0.5')
  await aigerim.getByRole('button', { name: 'Save' }).click()
  await expect(aigerim).toHaveURL(new RegExp(`/items/${REF}$`))
  const financing = aigerim.getByRole('region', { name: 'Financing', exact: true })
  await expect(financing).toBeVisible()
  await expect(fact(aigerim, 'Secured (USD m)')).toHaveText('10')
  await expect(fact(aigerim, 'Government funding (USD m)')).toHaveText('6')
  await expect(fact(aigerim, 'Partner funding (USD m)')).toHaveText('3')
  await expect(fact(aigerim, 'Private funding (USD m)')).toHaveText('0.5')
  await expect(fact(aigerim, 'Secured, source not given (USD m)')).toHaveText('0.5')
  await expect(fact(aigerim, 'Committed co-financing flags (USD m)')).toHaveText('0')
  await expect(aigerim.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText(
    'Government funding (USD m)',
  )
  expect(await (await aigerim.request.get(`/api/v1/items/${REF}`)).json()).toMatchObject({
    secured_usd_m: 10,
    secured_government_usd_m: 6,
    secured_partners_usd_m: 3,
    secured_private_usd_m: 0.5,
  })
})

test.describe('the funding gaps page on a desktop', () => {
  test.use({ as: 'partner.adb', viewport: { width: 1280, height: 800 } })
  test('its filters sit side by side from the left, not stacked down the middle', async ({ page }) => {
    for (const lng of ['ru', 'zh', 'en']) {
      await page.goto(`/gaps?lng=${lng}`)
      const search = await page.locator('#q').boundingBox()
      const proposers = await page.locator('#proposers').boundingBox()
      const panel = await page.getByRole('search').boundingBox()
      // one row: the second field beside the first, the first near the panel's left edge
      expect(Math.abs(search!.y - proposers!.y), lng).toBeLessThan(search!.height)
      expect(proposers!.x, lng).toBeGreaterThan(search!.x + search!.width)
      expect(search!.x - panel!.x, lng).toBeLessThan(panel!.width / 3)
    }
  })
})
