import type { Page } from '@playwright/test'
import { USERS, expect, test } from '../setup/e2e-fixtures'

// Notifications: a mention reaches the other person's inbox, which counts it unread until they
// mark it read; the mentioned person then follows the item, and can unfollow it; the activity
// page finds the comment by its filters. CITA-03-c (proposed by Uzbekistan) is touched by no
// other spec; comments and follows do not change the item, so other specs' counts stay.

const ITEM = 'CITA-03-c'
const inboxLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ })

async function unread(page: Page): Promise<number> {
  const description = (await inboxLink(page).getAttribute('title')) ?? 'Inbox'
  return Number(/(\d+) unread/.exec(description)?.[1] ?? 0)
}

test("a mention appears in the other person's inbox, unread until they mark it read", async ({
  signInAs,
}) => {
  const sc = await signInAs('sc')
  await sc.goto('/items')
  const before = await unread(sc)

  const uzb = await signInAs('wg.uzb')
  await uzb.goto(`/items/${ITEM}`)
  const comments = uzb.getByRole('region', { name: 'Comments' })
  await comments
    .getByLabel('Comment', { exact: true })
    .fill(`@${USERS.sc.name} could the committee look at the **cost estimate**?`)
  await comments.getByRole('button', { name: 'Post comment' }).click()
  await expect(comments.locator('.mention', { hasText: `@${USERS.sc.name}` })).toBeVisible()

  await sc.reload()
  // the link says the number ("Inbox 3"), its description what the number is
  await expect(inboxLink(sc)).toHaveAccessibleName(`Inbox ${before + 1}`)
  await expect(inboxLink(sc)).toHaveAccessibleDescription(
    before + 1 === 1 ? 'Inbox, 1 unread' : `Inbox, ${before + 1} unread`,
  )
  await inboxLink(sc).click()
  await expect(sc.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible()
  const entry = sc
    .getByRole('listitem')
    .filter({ hasText: `${USERS['wg.uzb'].name} mentioned you on ${ITEM}` })
  await expect(entry).toHaveCount(1)
  await expect(entry).toHaveClass(/unread/)
  await expect(entry.locator('blockquote')).toHaveText(
    `@${USERS.sc.name} could the committee look at the cost estimate?`,
  )
  await expect(entry.locator('blockquote strong')).toHaveText('cost estimate')

  await entry.getByRole('button', { name: `Mark read: ${ITEM}` }).click()
  await expect(sc.getByRole('status').filter({ hasText: 'Marked as read.' })).toBeVisible()
  await expect(entry).toHaveClass(/\bread\b/)
  await expect(inboxLink(sc)).toHaveAccessibleName(before === 0 ? 'Inbox' : `Inbox ${before}`)

  // the entry leads to the comment on the item page
  await entry.getByRole('link', { name: new RegExp(`mentioned you on ${ITEM}`) }).click()
  await expect(sc).toHaveURL(new RegExp(`/items/${ITEM}#comment-`))
  await expect(
    sc.getByRole('region', { name: 'Comments' }).getByText('could the committee look at the cost estimate?'),
  ).toBeVisible()

  // being mentioned made them a follower; they can stop following, and that stays
  await expect(sc.getByText('You follow this item.')).toBeVisible()
  await sc.getByRole('button', { name: 'Unfollow' }).click()
  await expect(sc.getByText('You do not follow this item.')).toBeVisible()
  await sc.reload()
  await expect(sc.getByRole('button', { name: 'Follow', exact: true })).toBeVisible()
})

test.describe('a working group member', () => {
  test.use({ as: 'wg.uzb' })

  test("follows their own country's items without asking", async ({ page }) => {
    await page.goto('/items/CITA-04-a') // proposed by Azerbaijan, Georgia and Uzbekistan
    await expect(
      page.getByText('You follow this item because it is proposed by a country you speak for.'),
    ).toBeVisible()
    await page.goto('/items/CITA-03-b') // proposed by Georgia only
    await expect(page.getByText('You do not follow this item.')).toBeVisible()
  })
})

test.describe('the activity page', () => {
  test.use({ as: 'viewer' })

  test("finds comments on Uzbekistan's items, keeps the filters in the URL and refuses a bad date beside its box", async ({
    page,
  }) => {
    await page.goto('/items')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
    await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible()
    const filters = page.getByRole('search', { name: 'Filter the activity' })
    await filters.locator('summary', { hasText: 'Proposer country' }).click()
    await filters.getByLabel('UZB · Uzbekistan').check()
    await filters.locator('summary', { hasText: 'Kind of change' }).click()
    await filters.getByLabel('Comment', { exact: true }).check()
    await filters.getByRole('button', { name: 'Apply' }).click()
    await expect(page).toHaveURL(/proposers=UZB/)
    await expect(page).toHaveURL(/kind=comment/)
    const rows = page.getByRole('table', { name: 'Recent changes, newest first' }).getByRole('row')
    await expect(rows.filter({ hasText: ITEM }).first()).toContainText(`${USERS['wg.uzb'].name} commented`)
    // every row is a comment on an item Uzbekistan proposes
    await expect(rows.filter({ hasText: 'imported' })).toHaveCount(0)

    await page.goto('/activity?from=2026-11-30&to=2026-11-01')
    await expect(page.getByLabel('To (date)')).toHaveAccessibleDescription(
      'The "to" date is before the "from" date.',
    )
  })
})
