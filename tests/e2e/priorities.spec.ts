import type { Page } from '@playwright/test'
import { expect, test } from '../setup/e2e-fixtures'

// Two committee members score an item; the item page shows the median with the spread, and the
// priority matrix places the item in the quadrant the medians give, reachable by keyboard, with
// the ranked list as its table. CITA-10-a is touched by no other spec; both scores are withdrawn
// at the end, so the item is unscored again as the other specs expect.

const ITEM = 'CITA-10-a'

async function score(page: Page, importance: number, ease: number, note = '') {
  await page.goto(`/items/${ITEM}`)
  const priority = page.getByRole('region', { name: 'Priority' })
  await priority.getByLabel('Strategic importance (required)').selectOption(String(importance))
  await priority.getByLabel('Ease of implementation (required)').selectOption(String(ease))
  if (note) await priority.getByLabel('Note').fill(note)
  await priority.getByRole('button', { name: /Save my score|Update my score/ }).click()
  await expect(priority.getByRole('button', { name: 'Update my score' })).toBeVisible()
  return priority
}

test('two members score an item; the matrix shows it in the quadrant of their medians', async ({
  signInAs,
}) => {
  const first = await signInAs('sc')
  const priority = await score(first, 5, 4)
  await expect(priority).toContainText("One member's score")
  await expect(priority.getByRole('definition').filter({ hasText: 'Quick win' })).toBeVisible()

  const second = await signInAs('sc2')
  const seen = await score(second, 2, 2, 'Depends on the customs law')
  // medians 3.5 and 3: both at least 3, so still a quick win, with the disagreement shown
  await expect(seen).toContainText("Median of 2 members' scores")
  await expect(seen).toContainText('3.5 (scores 2–5)')
  await expect(seen).toContainText('3 (scores 2–4)')
  await expect(second.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText(
    'scored the item: importance 2, ease 2',
  )

  await second.goto(`/priorities?q=${ITEM}`)
  const matrix = second.getByRole('group', { name: /^Priority matrix/ })
  const point = matrix.getByRole('link', {
    name: new RegExp(`^${ITEM} .*: Quick win, importance 3.5, ease 3,`),
  })
  await expect(point).toHaveCount(1)
  const area = await matrix.locator('.quadrant-quick_win rect').boundingBox()
  const dot = await point.locator('circle').boundingBox()
  const centre = { x: dot!.x + dot!.width / 2, y: dot!.y + dot!.height / 2 }
  expect(centre.x).toBeGreaterThan(area!.x)
  expect(centre.x).toBeLessThan(area!.x + area!.width)
  expect(centre.y).toBeGreaterThan(area!.y)
  expect(centre.y).toBeLessThan(area!.y + area!.height)

  // the table alternative: the ranked list
  const row = second
    .getByRole('table', { name: /Items by priority quadrant/ })
    .getByRole('row', { name: new RegExp(ITEM) })
  await expect(row).toContainText('Quick win')
  await expect(row.getByRole('cell').nth(6)).toHaveText('2')

  // by keyboard: Tab reaches the point, which says what it is, and Enter opens the item
  await second.getByRole('button', { name: 'Apply filters' }).focus()
  await second.keyboard.press('Tab')
  await expect(point).toBeFocused()
  await expect(second.locator('.matrix-active')).toContainText(`${ITEM}`)
  await second.keyboard.press('Enter')
  await expect(second).toHaveURL(new RegExp(`/items/${ITEM}$`))

  // both withdraw: the item is unscored again
  await second.getByRole('button', { name: 'Withdraw my score' }).click()
  await expect(second.getByRole('region', { name: 'Priority' })).toContainText("One member's score")
  await first.reload()
  await first.getByRole('button', { name: 'Withdraw my score' }).click()
  await expect(first.getByRole('region', { name: 'Priority' })).toContainText(
    'No member has scored this item yet.',
  )
  await expect(
    first.getByRole('region', { name: 'Priority' }).getByRole('definition').filter({ hasText: 'Unscored' }),
  ).toBeVisible()
})

test.describe('anyone else', () => {
  test.use({ as: 'secretariat' })

  test("sees the committee's scores but has no score form", async ({ page }) => {
    await page.goto(`/items/${ITEM}`)
    await expect(page.getByRole('region', { name: 'Priority' })).toContainText(
      'No member has scored this item yet.',
    )
    await expect(page.getByRole('button', { name: 'Save my score' })).toHaveCount(0)
  })
})
