import { expect, test } from '../setup/e2e-fixtures'

// Bulk work (issue 11): a committee member scores ten items in the grid by keyboard alone; the
// secretariat shares a saved view, which another person sees, and builds a meeting's agenda from
// it and from rows ticked in the table. Items scored here (areas 9, 15, 18 and 21) are scored by
// no other spec; the agenda's items (areas 11 and 13) are only added to a draft, never changed.

const GRID_AREAS = [
  '9 Non-tariff barriers',
  '15 Regional value chains',
  '18 Human and institutional capacity building',
  '21 SME support system',
]
const GRID_REFS = [
  'CITA-09-a',
  'CITA-15-a',
  'CITA-18-a',
  'CITA-18-b',
  'CITA-18-c',
  'CITA-18-d',
  'CITA-18-e',
  'CITA-21-a',
  'CITA-21-b',
  'CITA-21-c',
]

test('a committee member scores ten items in the grid by keyboard alone', async ({ signInAs }) => {
  const page = await signInAs('sc')
  const view = new URLSearchParams(GRID_AREAS.map((a) => ['area', a]))
  await page.goto(`/items?${view}`)
  await page.getByRole('link', { name: 'Score these in a grid' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Scoring grid' })).toBeVisible()
  const grid = page.getByRole('table', { name: 'Your scores of 10 items' })
  const rows = grid.locator('tbody tr')
  await expect(rows).toHaveCount(10)
  await expect(rows.locator('th a.ref')).toHaveText(GRID_REFS)
  // nobody's median before the member has scored
  await expect(grid.getByText('Score it to see')).toHaveCount(10)

  // Into the grid with Tab, then only arrows and digits.
  await page.getByRole('link', { name: GRID_REFS[0] }).focus()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel(`Strategic importance of ${GRID_REFS[0]}`)).toBeFocused()
  for (const [index, ref] of GRID_REFS.entries()) {
    const importance = String((index % 5) + 1)
    const ease = String(((index + 2) % 5) + 1)
    await expect(page.getByLabel(`Strategic importance of ${ref}`)).toBeFocused()
    await page.keyboard.press(importance)
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press(ease)
    const row = rows.nth(index)
    await expect(row).toContainText('Saved')
    await expect(row).toContainText(`${importance} / ${ease} (of 1)`)
    if (index === 2) {
      // a note, typed in its cell, is saved when the row is left
      await page.keyboard.press('ArrowRight')
      await page.keyboard.type('Needs a partner')
      await page.keyboard.press('ArrowLeft') // inside the text: the caret moves, not the focus
      await expect(page.getByLabel(`Note on ${ref}`)).toBeFocused()
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('ArrowLeft')
      await page.keyboard.press('ArrowLeft')
    } else {
      await page.keyboard.press('ArrowLeft')
      await page.keyboard.press('ArrowDown')
    }
  }
  await expect(grid.getByText('Saving…')).toHaveCount(0)

  // The scores are stored: the grid shows them again, and the item page has the member's score.
  await page.reload()
  await expect(page.getByLabel(`Strategic importance of ${GRID_REFS[9]}`)).toHaveValue('5')
  await expect(page.getByLabel(`Ease of implementation of ${GRID_REFS[9]}`)).toHaveValue('2')
  await expect(page.getByLabel(`Note on ${GRID_REFS[2]}`)).toHaveValue('Needs a partner')

  // Another member sees no median until they score the item themselves.
  const other = await signInAs('sc2')
  await other.goto(`/scoring?${view}`)
  await expect(other.getByText('Score it to see')).toHaveCount(10)
})

test('a shared saved view, seen by others, builds a meeting agenda; ticked rows join it', async ({
  signInAs,
}) => {
  const secretariat = await signInAs('secretariat')
  const name = `E-commerce for the RTG ${Date.now()}`
  await secretariat.goto('/items?area=13+Cross-border+e-commerce&sort=-ref')
  await secretariat.getByText('Saved views', { exact: true }).click()
  await secretariat.getByLabel('Name of the view').fill(name)
  await secretariat.getByLabel('Share with everyone').check()
  await secretariat.getByRole('button', { name: 'Save view' }).click()
  await expect(secretariat.getByRole('status').filter({ hasText: `Saved the view "${name}".` })).toBeFocused()

  // Everyone sees a shared view; only the secretariat may share one.
  const member = await signInAs('sc2')
  await member.goto('/views')
  await expect(member.getByRole('listitem').filter({ hasText: name })).toContainText('shared by')
  // the scoring grid is offered to a committee member only: anyone else following it met a 403
  const scoreIt = (page: typeof member) =>
    page.getByRole('listitem').filter({ hasText: name }).getByRole('link', { name: 'Score in the grid' })
  await expect(scoreIt(member)).toBeVisible()
  await secretariat.goto('/views')
  await expect(secretariat.getByRole('listitem').filter({ hasText: name })).toBeVisible()
  await expect(scoreIt(secretariat)).toHaveCount(0)
  await member.goto('/items')
  await member.getByText('Saved views', { exact: true }).click()
  await expect(member.getByLabel('Share with everyone')).toHaveCount(0)

  // A draft meeting takes the view's items, in the view's order.
  await secretariat.goto('/meetings/new')
  const title = `RTG bulk e2e ${Date.now()}`
  await secretariat.getByLabel('Title').fill(title)
  await secretariat.getByLabel('Body').selectOption({ label: 'Regional Trade Group' })
  await secretariat.getByLabel('Date').fill('2027-02-01')
  await secretariat.getByLabel('Place').fill('Baku')
  await secretariat.getByRole('button', { name: 'Create meeting' }).click()
  await expect(secretariat.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const meetingUrl = secretariat.url()
  await secretariat.getByLabel('Saved view', { exact: true }).selectOption({ label: name })
  await secretariat.getByRole('button', { name: "Add the saved view's items" }).click()
  await expect(secretariat.getByRole('status')).toContainText('4 items added')
  const agenda = secretariat
    .getByRole('table', { name: 'Agenda items in order' })
    .locator('tbody th[scope=row] a')
  await expect(agenda).toHaveText(['CITA-13-d', 'CITA-13-c', 'CITA-13-b', 'CITA-13-a'])

  // Rows ticked in the table join the same agenda through the bulk bar.
  await secretariat.goto('/items?area=11+Trade+in+services')
  await secretariat.getByRole('checkbox', { name: 'Select all on this page' }).check()
  await secretariat.getByRole('checkbox', { name: 'Select CITA-11-b' }).uncheck()
  await expect(secretariat.getByText('2 items selected')).toBeVisible()
  await secretariat
    .getByLabel('Do with the selection')
    .selectOption({ label: "Add to a draft meeting's agenda" })
  await secretariat.getByLabel('Draft meeting').selectOption({ label: `${title} (2027-02-01)` })
  await secretariat.getByRole('button', { name: 'Apply to the selection' }).click()
  await expect(
    secretariat.getByRole('status').filter({ hasText: 'Added 2 items to the agenda' }),
  ).toBeFocused()
  await secretariat.getByRole('link', { name: 'Go to the meeting' }).click()
  await expect(secretariat).toHaveURL(meetingUrl)
  await expect(agenda).toHaveText([
    'CITA-13-d',
    'CITA-13-c',
    'CITA-13-b',
    'CITA-13-a',
    'CITA-11-a',
    'CITA-11-c',
  ])
})
