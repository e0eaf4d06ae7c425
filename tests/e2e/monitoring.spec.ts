import { expect, test } from '../setup/e2e-fixtures'

// The monitoring cycle: Kazakhstan's working group reports its 2024 values, the secretariat
// returns the report with a reason, the working group corrects and resubmits, the secretariat
// approves, and the scorecard shows the approved value with its progress in words. Period 2024
// and KPI DS-02 are touched by no other spec.

test.use({ as: 'secretariat' })

test('a working group reports, the secretariat returns, it is corrected and approved, the scorecard shows it', async ({
  page,
  signInAs,
}) => {
  // a regional target, so the scorecard has progress to show
  await page.goto('/kpis/DS-02')
  await page.getByText('Set baseline and target').isVisible()
  await page.getByLabel('Country or regional').selectOption({ label: 'Regional' })
  await page.getByLabel('Baseline', { exact: true }).fill('0')
  await page.getByLabel('Target', { exact: true }).fill('500')
  await page.getByRole('button', { name: 'Save' }).last().click()
  await expect(page.getByRole('status')).toHaveText('Saved.')

  const wg = await signInAs('wg.kaz')
  // the round's page points the working group to its own country's report first
  await wg.goto('/reports?period=2024')
  await expect(wg.getByText('Your reports for 2024: Kazakhstan (Not started)')).toBeVisible()
  await wg.getByRole('link', { name: 'Kazakhstan', exact: true }).click()
  await expect(wg).toHaveURL(/\/reports\/2024\/KAZ$/)
  await expect(wg.getByText('State: Not started')).toBeVisible()
  const value = wg.getByLabel('Value: DS-02 Number of public officials trained')
  await value.fill('12o')
  await wg.getByRole('button', { name: 'Save the draft' }).click()
  await expect(wg.getByRole('alert').first()).toContainText('Value must be a number')
  // focus goes to the field in error, which may be far above the buttons (on a phone, out of sight)
  await expect(value).toBeFocused()
  await expect(value).toHaveAccessibleDescription(/Value must be a number/)
  await value.fill('120')
  await wg.getByLabel('Source: DS-02 Number of public officials trained').fill('Civil service agency')
  await wg.getByRole('button', { name: 'Submit to the secretariat' }).click()
  await expect(wg.getByRole('status')).toHaveText('The report is submitted to the secretariat.')
  await expect(wg.getByText('State: Submitted')).toBeVisible()

  await page.goto('/reports?period=2024')
  await expect(page.getByRole('row', { name: /Kazakhstan/ })).toContainText('Submitted')
  await page.getByRole('link', { name: 'Open the report of Kazakhstan' }).click()
  await page.getByLabel('Reason').fill('Give the year of the agency report.')
  await page.getByRole('button', { name: 'Return to the working group' }).click()
  await expect(page.getByRole('status')).toHaveText('The report is returned to the working group.')

  await wg.reload()
  await expect(wg.getByText('Returned by the secretariat: Give the year of the agency report.')).toBeVisible()
  await wg.getByLabel('Value: DS-02 Number of public officials trained').fill('125')
  await wg
    .getByLabel('Source: DS-02 Number of public officials trained')
    .fill('Civil service agency, 2024 report')
  await wg.getByRole('button', { name: 'Submit to the secretariat' }).click()
  await expect(wg.getByText('State: Submitted')).toBeVisible()

  await page.reload()
  await page.getByRole('button', { name: 'Approve' }).click()
  await expect(page.getByRole('status')).toHaveText('The report is approved.')
  await expect(page.getByText('This report is approved and locked.')).toBeVisible()
  const history = page.locator('ol.history li')
  await expect(history).toHaveCount(6)
  await expect(history.first()).toContainText('Aigerim Sadykova approved the report')

  // locked for the working group too
  await wg.reload()
  await expect(wg.getByRole('button', { name: 'Submit to the secretariat' })).toHaveCount(0)

  await page.goto('/scorecard?period=2024&country=KAZ')
  const table = page.getByRole('table', { name: 'Scorecard 2024: KPIs by country' })
  const cell = table.getByRole('row', { name: /DS-02/ }).getByRole('cell')
  await expect(cell).toContainText('125')
  await expect(cell).toContainText('Behind')
  await expect(cell).toContainText('25% of the way to the target')

  const api = await page.request.get('/api/v1/scorecard?period=2024&country=KAZ')
  expect(api.status()).toBe(200)
  const body = (await api.json()) as {
    rows: Array<{ code: string; cells: Array<{ value: number; state: string }> }>
  }
  expect(body.rows.find((r) => r.code === 'DS-02')!.cells[0]).toMatchObject({ value: 125, state: 'approved' })
})

test('the secretariat adds a KPI and corrects its description with the same fields', async ({ page }) => {
  await page.goto('/kpis/new')
  await page.getByLabel('Code').fill('E2E-01')
  await page.getByLabel('Strategy').fill('Digital Strategy 2030')
  await page.getByLabel('Recommendation').fill('Recommendation added by a browser test')
  await page.getByLabel('Name (English)').fill('Days to clear a transit declaration')
  await page.getByLabel('Unit').fill('days')
  await page.getByLabel('Direction').selectOption({ label: 'Lower is better' })
  await page.getByLabel('Responsible bodies').fill('Customs committee\nTransport ministry')
  await page.getByRole('button', { name: 'Add the KPI' }).click()

  await expect(page).toHaveURL(/\/kpis\/E2E-01$/)
  await expect(page.getByRole('definition').filter({ hasText: 'Lower is better' })).toBeVisible()
  await expect(
    page.getByRole('definition').filter({ hasText: 'Customs committee; Transport ministry' }),
  ).toBeVisible()

  await page.getByText('Edit the description').click()
  await expect(page.getByLabel('Direction')).toHaveValue('lower')
  await expect(page.getByLabel('Responsible bodies')).toHaveValue('Customs committee\nTransport ministry')
  await page.getByLabel('Name (Russian)').fill('Дни оформления транзитной декларации')
  await page.getByRole('button', { name: 'Save the description' }).click()
  await expect(
    page.getByRole('definition').filter({ hasText: 'Дни оформления транзитной декларации' }),
  ).toBeVisible()
})
