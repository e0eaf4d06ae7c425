import { request as http } from '@playwright/test'
import { expect, test } from '../setup/e2e-fixtures'

// A development partner makes a read-only token for a reporting script, the script reads the
// API with it (and cannot write), the partner revokes it and it stops working at once. The
// secretariat sees everyone's tokens and revokes one.

test.use({ as: 'partner.adb' })

test('a token is created, used like curl, refused a write, and revoked', async ({
  page,
  baseURL,
  signInAs,
}) => {
  await page.goto('/account/tokens')
  await expect(page.getByText('You have no tokens.')).toBeVisible()
  await page.getByLabel('Name').fill('ADB reporting script')
  await page.getByLabel('Access').selectOption({ label: 'Read-only' })
  await page.getByLabel('Expires after (days)').fill('30')
  await page.getByRole('button', { name: 'Create a token' }).click()

  await expect(page.getByRole('heading', { name: /Your new token "ADB reporting script"/ })).toBeVisible()
  const token = await page.getByRole('textbox', { name: 'New token' }).inputValue()
  expect(token).toMatch(/^carec_[A-Za-z0-9_-]{43}$/)
  const row = page.getByRole('row', { name: /ADB reporting script/ })
  await expect(row).toContainText('Read-only')
  await expect(row).toContainText('never')

  // A program with no cookies and no Origin header, as curl would be.
  const script = await http.newContext({ baseURL })
  try {
    const auth = { Authorization: `Bearer ${token}` }
    const list = await script.get('/api/v1/items?pageSize=1', { headers: auth })
    expect(list.status()).toBe(200)
    expect((await list.json()).total).toBeGreaterThan(0)
    const csv = await script.get('/export/items.csv?q=CITA-01', { headers: auth })
    expect(csv.status()).toBe(200)
    expect(await csv.text()).toContain('CITA-01')
    const write = await script.post('/api/v1/items/CITA-01-a/transitions', {
      headers: auth,
      data: { to: 'under_review' },
    })
    expect(write.status()).toBe(403)
    expect(await write.json()).toMatchObject({ error: 'read_only_token' })

    await page.reload()
    await expect(page.getByRole('row', { name: /ADB reporting script/ })).not.toContainText('never')
    await page.getByRole('button', { name: 'Revoke token ADB reporting script' }).click()
    await expect(page.getByRole('status')).toHaveText('Token "ADB reporting script" is revoked.')
    await expect(page.getByText('You have no tokens.')).toBeVisible()

    const after = await script.get('/api/v1/items?pageSize=1', { headers: auth })
    expect(after.status()).toBe(401)
    expect(await after.json()).toMatchObject({ error: 'invalid_token' })
  } finally {
    await script.dispose()
  }

  // The secretariat sees a partner's token and revokes it.
  await page.getByLabel('Name').fill('Second script')
  await page.getByRole('button', { name: 'Create a token' }).click()
  const second = await page.getByRole('textbox', { name: 'New token' }).inputValue()
  const secretariat = await signInAs('secretariat')
  await secretariat.goto('/tokens')
  const theirs = secretariat.getByRole('row', { name: /Second script/ })
  await expect(theirs).toContainText('partner.adb@demo.carec')
  await secretariat.getByRole('button', { name: 'Revoke token Second script' }).click()
  await expect(secretariat.getByRole('status')).toHaveText('Token "Second script" is revoked.')
  const check = await http.newContext({ baseURL })
  try {
    const response = await check.get('/api/v1/items', { headers: { Authorization: `Bearer ${second}` } })
    expect(response.status()).toBe(401)
  } finally {
    await check.dispose()
  }
})

test('only the secretariat sees everyone’s tokens', async ({ page }) => {
  const response = await page.goto('/tokens')
  expect(response?.status()).toBe(403)
  await expect(
    page.getByText("Only the secretariat may see and revoke other people's API tokens."),
  ).toBeVisible()
})
