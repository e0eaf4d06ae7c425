import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from '../setup/e2e-fixtures'
import { pdfText } from '../setup/pdf-text'
import { en } from '../../app/i18n/en'
import { ru } from '../../app/i18n/ru'
import { zh } from '../../app/i18n/zh'

// The secretariat prepares a Regional Trade Group meeting: agenda from a table view (area 16)
// plus hand-picked items, reordered, opened (the pack freezes), decisions recorded (one refused
// by the workflow), the pack downloaded as PDF and read back. Items used here (CITA-16-*,
// CITA-19-b) are touched by no other spec; only CITA-16-a changes status (to endorsed).

test.use({ as: 'secretariat' })

const flat = (text: string) => text.replace(/\s+/g, '')
const agendaRefs = (page: Page) =>
  page.getByRole('table', { name: 'Agenda items in order' }).locator('tbody th[scope=row] a').allInnerTexts()

test('the secretariat builds and opens a meeting, records decisions and downloads the pack', async ({
  page,
}) => {
  // CITA-16-a goes to review first, so the committee can endorse it
  const submitted = await page.request.post('/api/v1/items/CITA-16-a/transitions', {
    data: { to: 'under_review' },
  })
  expect(submitted.status()).toBe(200)

  await page.goto('/meetings')
  await page.getByRole('link', { name: 'New meeting' }).click()
  const title = `RTG meeting e2e ${Date.now()}`
  await page.getByLabel('Title').fill(title)
  await page.getByLabel('Body').selectOption({ label: 'Regional Trade Group' })
  await page.getByLabel('Date').fill('2026-12-01')
  await page.getByLabel('Place').fill('Almaty')
  // every field is needed, and each label says so, as the item form's do
  for (const label of ['Title', 'Body', 'Date', 'Place'])
    await expect(page.getByLabel(`${label} (required)`, { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Create meeting' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()

  await page.getByLabel('Table view address').fill('/items?area=16+Regional+trade+agreements&sort=-ref')
  await page.getByRole('button', { name: 'Add items of the view' }).click()
  await expect(page.getByRole('status')).toContainText('3 items added')
  // refs added leave the box empty for the next ones
  await page.getByLabel('Refs').fill('CITA-19-b')
  await page.getByRole('button', { name: 'Add items', exact: true }).click()
  await expect(page.getByRole('status')).toContainText('1 item added')
  await expect(page.getByLabel('Refs')).toHaveValue('')
  // refs refused stay in it, to be corrected
  await page.getByLabel('Refs').fill('cita-16-a NOPE-1')
  await page.getByRole('button', { name: 'Add items', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Already on the agenda: CITA-16-a')
  await expect(page.getByLabel('Refs')).toHaveValue('cita-16-a NOPE-1')
  await expect(page.getByRole('alert')).toContainText('No item has the ref: NOPE-1')
  // the answer is above the form: focus goes to it, so it is seen (and heard) where it is
  await expect(page.getByRole('alert')).toBeFocused()
  await expect.poll(() => agendaRefs(page)).toEqual(['CITA-16-c', 'CITA-16-b', 'CITA-16-a', 'CITA-19-b'])
  // a proposed item can be put on the agenda, and the agenda says it cannot be endorsed yet
  const agendaRow = (ref: string) =>
    page.getByRole('table', { name: 'Agenda items in order' }).getByRole('row').filter({ hasText: ref })
  await expect(agendaRow('CITA-16-c')).toContainText('Not under review yet')
  await expect(agendaRow('CITA-16-a')).not.toContainText('Not under review yet')
  // how each came onto the agenda, in words the secretariat recognises, in each language
  const meetingUrl = new URL(page.url()).pathname
  for (const [lng, catalogue] of [
    ['ru', ru],
    ['zh', zh],
    ['en', en],
  ] as const) {
    await page.goto(`${meetingUrl}?lng=${lng}`)
    const table = page.getByRole('table', { name: catalogue.meetings.page.agendaCaption })
    await expect(table.getByRole('row').filter({ hasText: 'CITA-19-b' })).toContainText(
      catalogue.meetings.page.sourceName.picked,
    )
    await expect(table.getByRole('row').filter({ hasText: 'CITA-16-c' })).toContainText(
      catalogue.meetings.page.sourceName.view,
    )
  }
  await expect(agendaRow('CITA-19-b')).toContainText('one by one, by ref')

  // reorder with the keyboard: focus "Move up: CITA-16-a" and press Enter
  await page.getByRole('button', { name: 'Move up: CITA-16-a' }).focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => agendaRefs(page)).toEqual(['CITA-16-c', 'CITA-16-a', 'CITA-16-b', 'CITA-19-b'])
  await page.getByRole('button', { name: 'Move down: CITA-16-c' }).click()
  await expect.poll(() => agendaRefs(page)).toEqual(['CITA-16-a', 'CITA-16-c', 'CITA-16-b', 'CITA-19-b'])

  // opening asks first, saying what it freezes (issue 11)
  await page.getByRole('link', { name: 'Open the meeting…' }).click()
  await page.getByRole('button', { name: 'Yes, open the meeting' }).click()
  // Opening runs as a background job (decision 0047) whose runner thread starts when a job is
  // due: seconds on a loaded machine, shown on a progress page until the meeting is open.
  await expect(page.getByText(/^Opened \d{4}-\d\d-\d\d/)).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('button', { name: /^Move up: / })).toHaveCount(0)

  const decide = async (ref: string, decision: string, text: string) => {
    const form = page.getByRole('form', { name: `Decision on ${ref}` })
    await form.getByLabel('Decision', { exact: true }).selectOption({ label: decision })
    await form.getByLabel('Text').fill(text)
    await form.getByRole('button', { name: `Record decision on ${ref}` }).click()
  }
  // refused by the workflow: CITA-16-c is proposed, not under review
  await decide('CITA-16-c', 'Endorse', 'Endorsed')
  await expect(page.getByRole('alert')).toContainText('Not recorded: CITA-16-c cannot take this decision.')
  await expect(page.getByRole('alert')).toBeFocused()
  await expect(page.getByRole('form', { name: 'Decision on CITA-16-c' })).toBeVisible()
  await decide('CITA-16-c', 'Note', 'The committee took note of the progress report.')
  await expect(page.getByRole('status')).toContainText('Decision on CITA-16-c recorded.')
  await decide('CITA-16-b', 'Defer', 'Deferred until the feasibility study is available.')
  await expect(page.getByRole('status')).toContainText('Decision on CITA-16-b recorded.')
  await decide('CITA-16-a', 'Endorse', 'Endorsed by the Regional Trade Group.')
  await expect(page.getByRole('status')).toContainText(
    'Decision on CITA-16-a recorded; its status moved from Under review to Endorsed.',
  )

  // the decision is in the item's timeline
  await page.goto('/items/CITA-16-a')
  await expect(page.getByText(`recorded the decision of ${title} (2026-12-01): Endorse`)).toBeVisible()
  await page.goBack()

  // the printable page, then the PDF
  await page.getByRole('link', { name: 'Meeting pack (printable page)' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  // loaded afresh, the page React hydrates is the server's: no hydration error (a form inside a
  // paragraph made React throw the page away and render it again in the browser)
  await expect(page).toHaveURL(/\/pack$/)
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.reload({ waitUntil: 'networkidle' })
  expect(pageErrors).toEqual([])
  // items in the reader's language (English here; the Chinese pack is in translations.spec.ts)
  await expect(page.getByText('Advance the CARTIF partnership', { exact: false }).first()).toBeVisible()
  await expect(
    page
      .getByText('there is no earlier pack to compare with')
      .or(page.getByText('Compared with the pack of')),
  ).toBeVisible()

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the pack (PDF)' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^meeting-pack-2026-12-01-[0-9a-f]{8}\.pdf$/)
  const { text } = await pdfText(fs.readFileSync((await download.path())!))
  expect(text).toContain(title)
  expect(text).toContain('Regional Trade Group')
  expect(flat(text)).toContain(flat('Advance the CARTIF partnership'))
  expect(flat(text)).toContain(flat('16 Regional trade agreements'))
  // the pack shows the status the committee saw (under review), and the decisions page the move
  expect(text).toContain('Under review')
  expect(flat(text)).toContain(flat('Deferred until the feasibility study is available.'))
  expect(flat(text)).toContain(flat('Under review → Endorsed'))

  // and the XLSX export of the same table view
  const xlsx = await page.request.get('/export/items.xlsx?area=16+Regional+trade+agreements')
  expect(xlsx.status()).toBe(200)
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK')
})

test('reading meetings is open to every role; managing them is not', async ({ signInAs }) => {
  const viewer = await signInAs('viewer')
  await viewer.goto('/meetings')
  await expect(viewer.getByRole('heading', { name: 'Meetings' })).toBeVisible()
  await expect(viewer.getByRole('link', { name: 'New meeting' })).toHaveCount(0)
  const response = await viewer.goto('/meetings/new')
  expect(response?.status()).toBe(403)
  await expect(viewer.getByText('Only the secretariat may create meetings')).toBeVisible()
})
