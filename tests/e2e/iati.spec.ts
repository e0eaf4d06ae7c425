import fs from 'node:fs'
import { expect, test } from '../setup/e2e-fixtures'
import { validateIati } from '../setup/xmllint'
import { ru } from '../../app/i18n/ru'
import { zh } from '../../app/i18n/zh'

// The secretariat publishes the portfolio to IATI: sets the publisher, fixes an item the IATI
// check flagged, and downloads a file that validates against the official 2.03 schema. The item
// (CITA-02-g) is this spec's own: the database is shared by every spec of the run.

test.use({ as: 'secretariat' })

const REF = 'CITA-02-g'

// First, before any spec saves the publisher settings (the e2e server has no IATI_* configuration).
test.describe('before the publisher is set', () => {
  test('the check says no file can be made yet, and the secretariat is taken to the settings', async ({
    page,
  }) => {
    for (const [lng, catalogue] of [
      ['ru', ru],
      ['zh', zh],
    ] as const) {
      await page.goto(`/iati?lng=${lng}&q=CITA-01`)
      await expect(page.getByRole('alert')).toContainText(
        catalogue.iatiExport.check.missingSettings.split(/[:：]/)[0]!,
      )
      await expect(page.getByRole('status')).toHaveText(
        new RegExp(`^${catalogue.iatiExport.check.summaryOnceSet.split('{{')[0]!}`),
      )
      await expect(page.getByRole('alert').getByRole('link')).toHaveText(
        catalogue.iatiExport.check.fillSettings,
      )
    }
    await page.goto('/iati?lng=en&q=CITA-01')
    await expect(page.getByRole('alert')).toContainText(
      'No IATI file can be made yet: the publisher settings lack ',
    )
    await expect(page.getByRole('status')).toHaveText(
      /^Once they are set, \d+ of \d+ items will go into the file\.$/,
    )
    await expect(page.getByRole('link', { name: 'Download IATI XML' })).toHaveCount(0)
    await page.getByRole('alert').getByRole('link', { name: 'Fill in the publisher settings' }).click()
    await expect(page).toHaveURL(/\/iati\/settings$/)
  })

  test.describe('as one who cannot edit them', () => {
    test.use({ as: 'viewer' })
    test('is told who fills them in, with no link it could not follow', async ({ page }) => {
      await page.goto('/iati?lng=en&q=CITA-01')
      await expect(page.getByRole('alert')).toContainText('The secretariat fills them in.')
      await expect(page.getByRole('alert').getByRole('link')).toHaveCount(0)
    })
  })
})

test('the secretariat fixes an item the IATI check flagged and downloads a valid file', async ({ page }) => {
  // Publisher settings (the e2e server has no IATI_* configuration).
  await page.goto('/iati/settings')
  await page.getByLabel(/^Reporting organisation identifier/).fill('XM-DAC-46004')
  await page.getByLabel(/^Name \(English\)/).fill('Asian Development Bank')
  await page.getByLabel(/^Name \(Russian\)/).fill('Азиатский банк развития')
  await page.getByLabel(/^Name \(Chinese\)/).fill('亚洲开发银行')
  await page.getByLabel(/^Organisation type/).selectOption('40')
  await page.getByLabel(/^Activity identifier prefix/).fill('XM-DAC-46004-CAREC-')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Settings saved.')

  // An item given a sector code that is not on the DAC list.
  await page.goto(`/items/${REF}/edit`)
  await page.getByLabel('Sector (DAC purpose code)').fill('99999')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page).toHaveURL(new RegExp(`/items/${REF}$`))

  // From the portfolio table's view, to the check.
  await page.goto(`/items?q=${REF}`)
  await page.getByRole('link', { name: 'IATI check' }).click()
  await expect(page).toHaveURL(new RegExp(`/iati\\?q=${REF}`))
  const row = page.locator(`tr[data-ref="${REF}"]`)
  await expect(row.getByText('Left out')).toBeVisible()
  await expect(row).toContainText('Sector: 99999 is not an active DAC purpose code.')
  await expect(page.getByRole('status')).toHaveText('0 of 1 items go into the file.')

  // Fix it from the check's link.
  await row.getByRole('link', { name: `Fix ${REF}` }).click()
  await page.getByLabel('Sector (DAC purpose code)').fill('33120')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page).toHaveURL(new RegExp(`/items/${REF}$`))
  await expect(page.getByTestId('indicative-dates')).toHaveText(
    "2025–2028, indicative: the plan's period, as the item has no years",
  )

  await page.goto(`/iati?q=${REF}`)
  await expect(page.getByRole('status')).toHaveText('1 of 1 items go into the file.')
  await expect(page.locator(`tr[data-ref="${REF}"]`).getByText('Left out')).toHaveCount(0)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download IATI XML' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^carec-pipeline-iati-\d{4}-\d{2}-\d{2}\.xml$/)
  const xml = fs.readFileSync((await download.path())!, 'utf8')
  expect(validateIati(xml)).toEqual({ valid: true, errors: '' })
  expect(xml).toContain(`<iati-identifier>XM-DAC-46004-CAREC-${REF}</iati-identifier>`)
  expect(xml).toContain('<sector vocabulary="1" code="33120" percentage="100"/>')
  expect(xml.match(/<iati-activity /g)).toHaveLength(1)
})

test('the IATI check names each group of lacks over its list, with no colon nested in another', async ({
  page,
}) => {
  // "Core field: Sector: no DAC purpose code" nested two colons ("核心字段：部门：…" in Chinese)
  for (const [lng, core] of [
    ['zh', zh.iatiExport.check.core],
    ['ru', ru.iatiExport.check.core],
    ['en', 'Core fields'],
  ] as const) {
    await page.goto(`/iati?lng=${lng}&q=CITA-01-a`)
    const cell = page
      .locator('main table td')
      .filter({ has: page.locator('dl') })
      .first()
    await expect(cell.locator('dt').first()).toHaveText(core)
    const lines = await page.locator('main table li, main table dt').allInnerTexts()
    expect(lines.length).toBeGreaterThan(1)
    expect(
      lines.filter((text) => (text.match(/[:：]/g) ?? []).length > 1),
      lng,
    ).toEqual([])
    // Chinese takes its own full-width colon, never ": "
    if (lng === 'zh') expect(lines.filter((text) => /[:] /.test(text))).toEqual([])
  }
})
