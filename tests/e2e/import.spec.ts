import fs from 'node:fs'
import { expect, test } from '../setup/e2e-fixtures'

// The secretariat imports a plan file from the browser: a preview that finds a bad row, the
// fixed file previewed and confirmed, the new items on their pages. Other specs count the plan's
// 80 items, so this one creates only new refs (IMP-...) in existing pillars and archives them.

const HEADER = 'ref,strategy,pillar,area,title_en,proposers,cost_usd_m'
const PLACE = 'CITA 2030,Pillar 1: Trade expansion through improved market access,1 Trade policy and measures'
const csv = (...rows: string[]) => ({
  name: 'imp-plan.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n'),
})

test.describe('the secretariat', () => {
  test.use({ as: 'secretariat' })

  test('previews a file with an error, fixes it, imports it and finds the items', async ({ page }) => {
    await page.goto('/items')
    await page.getByRole('link', { name: 'Import from a file' }).click()
    await expect(page.getByRole('heading', { name: 'Import items', level: 1 })).toBeVisible()

    // Row 3 names a country that does not exist: the preview says where, and offers no import.
    await page
      .getByLabel('File to import (.csv or .xlsx)')
      .setInputFiles(
        csv(`IMP-01,${PLACE},Import test one,KAZ,12.5`, `IMP-02,${PLACE},Import test two,KAZ;XXX,3`),
      )
    await page.getByRole('button', { name: 'Preview the import' }).click()
    // the preview is made by a background job; the page follows it and shows the result (the
    // job's runner thread starts when a job is due: seconds on a loaded machine)
    await expect(page).toHaveURL(/\/import\?job=/)
    await expect(page.getByRole('alert')).toHaveText(
      '1 problem: nothing can be imported. Fix the file and upload it again.',
      { timeout: 30_000 },
    )
    // the preview arrives when the job ends: the reader is taken to it, not left at the top
    await expect(page.getByRole('heading', { name: 'Preview: imp-plan.csv', level: 2 })).toBeFocused()
    const errors = page.getByRole('table', { name: 'Problems in imp-plan.csv' })
    await expect(errors.getByRole('columnheader')).toHaveText(['Row', 'Column', 'Problem'])
    await expect(errors.getByRole('row').nth(1).getByRole('cell')).toHaveText([
      '3',
      'proposers',
      /Unknown country code XXX/,
    ])
    await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0)

    // The fixed file: two items to create, nothing else touched.
    await page
      .getByLabel('File to import (.csv or .xlsx)')
      .setInputFiles(
        csv(`IMP-01,${PLACE},Import test one,KAZ,12.5`, `IMP-02,${PLACE},Import test two,KAZ;UZB,3`),
      )
    await page.getByRole('button', { name: 'Preview the import' }).click()
    await expect(page.getByRole('heading', { name: 'Preview: imp-plan.csv' })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: 'to create' })).toContainText(
      '2 to create, 0 to update, 0 unchanged. Nothing has been imported yet.',
    )
    await expect(page.getByRole('heading', { name: 'To create (2)' })).toBeVisible()
    await expect(page.getByRole('heading', { name: /New strategies/ })).toHaveCount(0)
    await expect(page.getByRole('table', { name: /Problems/ })).toHaveCount(0)

    // Not there until confirmed.
    expect((await page.request.get('/api/v1/items/IMP-01')).status()).toBe(404)
    await page.getByRole('button', { name: 'Import 2 rows' }).click()
    await expect(page.getByRole('heading', { name: 'Imported: imp-plan.csv' })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: 'Imported 2 new' })).toContainText(
      'Imported 2 new, 0 updated, 0 unchanged items.',
    )

    await page.getByRole('link', { name: 'IMP-02' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Import test two')
    await expect(page.getByText('Uzbekistan (UZB)')).toBeVisible()

    // Importing the same file again would change nothing, so there is nothing to confirm.
    await page.goto('/import')
    await page
      .getByLabel('File to import (.csv or .xlsx)')
      .setInputFiles(
        csv(`IMP-01,${PLACE},Import test one,KAZ,12.5`, `IMP-02,${PLACE},Import test two,KAZ;UZB,3`),
      )
    await page.getByRole('button', { name: 'Preview the import' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'unchanged' })).toContainText(
      '0 to create, 0 to update, 2 unchanged. The file matches the register',
    )
    await expect(page.getByRole('button', { name: /^Import \d/ })).toHaveCount(0)

    // Other specs count the plan's 80 items: archive what this one made.
    for (const ref of ['IMP-01', 'IMP-02']) {
      await page.goto(`/items/${ref}`)
      await page.getByRole('button', { name: 'Archive' }).click()
      await expect(page.getByText('This item is archived')).toBeVisible()
    }
  })

  test('is told at once about a file of the wrong type, an empty one and one over 10 MB', async ({
    page,
  }) => {
    await page.goto('/import')
    const input = page.getByLabel('File to import (.csv or .xlsx)')
    const upload = page.getByRole('button', { name: 'Preview the import' })

    await input.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('ref\r\nX\r\n'),
    })
    await upload.click()
    await expect(page.getByRole('alert')).toHaveText(
      'This file cannot be imported: "notes.txt" is not a CSV (.csv) or Excel workbook (.xlsx) file',
    )
    await expect(input).toHaveAttribute('aria-invalid', 'true')

    await input.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) })
    await upload.click()
    await expect(page.getByRole('alert')).toHaveText('This file cannot be imported: the file is empty')
    // the refusal is beside the file field, which holds the focus (the button was disabled meanwhile)
    await expect(input).toBeFocused()

    await input.setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 'a'),
    })
    await upload.click()
    await expect(page.getByRole('alert')).toHaveText(
      'This file cannot be imported: the file is larger than 10 MB; split it into smaller files',
    )
    await expect(page).toHaveURL(/\/import$/)
  })
  test('uploads an XLSX export of a table view and is told it is one: nothing to change, the worked-out columns named', async ({
    page,
  }) => {
    await page.goto('/items?proposers=KAZ')
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('navigation', { name: 'Export this view' })
        .getByRole('link', { name: 'Export XLSX' })
        .click(),
    ])
    await page.goto('/import')
    await page.getByLabel('File to import (.csv or .xlsx)').setInputFiles({
      name: file.suggestedFilename(),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: fs.readFileSync((await file.path())!),
    })
    await page.getByRole('button', { name: 'Preview the import' }).click()
    await expect(
      page.getByText('This file is an XLSX export of the portfolio', { exact: false }),
    ).toBeVisible({ timeout: 30_000 })
    await expect(
      page.getByText('Not imported, as the register works them out: Gap (USD m), Priority.', {
        exact: false,
      }),
    ).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: 'unchanged' })).toContainText(
      '0 to create, 0 to update,',
    )
    await expect(page.getByRole('button', { name: /^Import \d/ })).toHaveCount(0)
  })
})

test.describe('a working group member', () => {
  test.use({ as: 'wg.kaz' })

  test('sees no Import and is refused the page', async ({ page }) => {
    await page.goto('/items')
    await expect(page.getByRole('link', { name: 'New item' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Import from a file' })).toHaveCount(0)
    const response = await page.goto('/import')
    expect(response?.status()).toBe(403)
    await expect(page.getByRole('alert')).toContainText('Only the secretariat may import items from a file.')
  })
})
