import type { Page } from '@playwright/test'
import { USERS, expect, test, sessionFile } from '../setup/e2e-fixtures'

// Comments on an item: the markup renders safely (a script payload is text, bold is bold), an
// empty comment is refused beside its box with the text kept, a reply sits under its parent,
// and people edit and delete their own. CITA-14-a is touched by no other spec; comments do not
// change the item, so the portfolio counts of other specs are not affected.

const ITEM = 'CITA-14-a'

const comments = (page: Page) => page.getByRole('region', { name: 'Comments' })
const newBox = (page: Page) => comments(page).getByLabel('Comment', { exact: true })
const thread = (page: Page, text: string) =>
  comments(page).locator('li.comment-thread', { has: page.locator('.comment-body', { hasText: text }) })

async function open(page: Page) {
  await page.goto(`/items/${ITEM}`)
  await expect(page.getByRole('heading', { name: 'Comments' })).toBeVisible()
}

test('a comment with a script payload renders as text and **bold** as bold; nothing runs', async ({
  signInAs,
}) => {
  const page = await signInAs('partner.adb')
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await open(page)
  await newBox(page).fill(
    '<script>alert(1)</script> is **bold** <img src=x onerror=alert(2)> [click](javascript:alert(3))',
  )
  await comments(page).getByRole('button', { name: 'Post comment' }).click()

  const posted = thread(page, 'is bold')
  await expect(posted).toHaveCount(1)
  const body = posted.locator('.comment-body').first()
  await expect(body).toHaveText(
    '<script>alert(1)</script> is bold <img src=x onerror=alert(2)> [click](javascript:alert(3))',
  )
  await expect(body.locator('strong')).toHaveText('bold')
  await expect(body.locator('script, img, a, [onerror]')).toHaveCount(0)
  await expect(posted.getByRole('article').first()).toContainText(USERS['partner.adb'].name)
  // the box is emptied for the next comment
  await expect(newBox(page)).toHaveValue('')

  // the same from the server's own rendering, and no script element anywhere came from it
  await page.reload()
  await expect(thread(page, 'is bold').locator('.comment-body strong')).toHaveText('bold')
  await expect(comments(page).locator('script')).toHaveCount(0)
  // (the page's data for hydration holds the text as an escaped JSON string, never as an element)
  expect(
    await page
      .locator('script')
      .evaluateAll((scripts) => scripts.filter((s) => (s.textContent ?? '').trim() === 'alert(1)').length),
  ).toBe(0)
  expect(dialogs).toEqual([])

  // the history says so
  await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText(
    `${USERS['partner.adb'].name} commented`,
  )
})

test('an empty comment is refused with the message beside the box, which keeps its text', async ({
  signInAs,
}) => {
  const page = await signInAs('viewer')
  await open(page)
  await newBox(page).fill('   ')
  await comments(page).getByRole('button', { name: 'Post comment' }).click()
  await expect(newBox(page)).toHaveAccessibleDescription(/Write a comment before posting it\./)
  await expect(comments(page).getByRole('alert')).toHaveText('Write a comment before posting it.')
  await expect(newBox(page)).toHaveValue('   ')

  // too long: the limit is said, the text stays
  const long = 'x'.repeat(10_001)
  await newBox(page).fill(long)
  await comments(page).getByRole('button', { name: 'Post comment' }).click()
  await expect(comments(page).getByRole('alert')).toHaveText('A comment can have at most 10,000 characters.')
  await expect(newBox(page)).toHaveValue(long)
})

test('without JavaScript the server refuses an empty comment in place and keeps the text', async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: sessionFile('viewer'), javaScriptEnabled: false })
  const page = await context.newPage()
  await open(page)
  await newBox(page).fill(' \n ')
  await comments(page).getByRole('button', { name: 'Post comment' }).click()
  await expect(comments(page).getByRole('alert')).toHaveText('Write a comment before posting it.')
  await expect(newBox(page)).toHaveValue(' \n ')
  await context.close()
})

test('a reply appears under its parent; the author edits and deletes their own comment', async ({
  signInAs,
}) => {
  const nurlan = await signInAs('wg.kaz')
  const batbayar = await signInAs('sc')

  await open(nurlan)
  await newBox(nurlan).fill('Could the border agencies share the scanner data?')
  await comments(nurlan).getByRole('button', { name: 'Post comment' }).click()
  await expect(thread(nurlan, 'scanner data')).toHaveCount(1)

  // The steering committee replies; it may not edit or delete the working group's comment.
  await open(batbayar)
  const parent = thread(batbayar, 'scanner data')
  await expect(parent.getByRole('button', { name: 'Delete' })).toHaveCount(0)
  await expect(parent.getByText('Edit', { exact: true })).toHaveCount(0)
  await parent.getByText('Reply', { exact: true }).click()
  await parent.getByLabel('Your reply').fill('Yes: *customs* first, then\n- SPS\n- transport')
  await parent.getByRole('button', { name: 'Post reply' }).click()
  const replies = parent.getByRole('list', { name: `Replies to ${USERS['wg.kaz'].name}` })
  await expect(replies.getByRole('article')).toHaveCount(1)
  await expect(replies.getByRole('article')).toContainText(USERS.sc.name)
  await expect(replies.locator('em')).toHaveText('customs')
  await expect(replies.locator('li li, .comment-body li')).toHaveText(['SPS', 'transport'])

  // The author edits their comment: it says it was edited.
  await nurlan.reload()
  const own = thread(nurlan, 'scanner data')
  await own.getByText('Edit', { exact: true }).first().click()
  const editBox = own.getByLabel('Your comment')
  await expect(editBox).toHaveValue('Could the border agencies share the scanner data?')
  await editBox.fill('Could the border agencies share the **scanner data** by June?')
  await own.getByRole('button', { name: 'Save comment' }).click()
  const edited = thread(nurlan, 'by June')
  await expect(edited.locator('.comment-meta').first()).toContainText('edited')
  await expect(edited.locator('.comment-body strong').first()).toHaveText('scanner data')

  // ... and deletes it: the thread says so and keeps its reply.
  await edited.getByRole('button', { name: 'Delete' }).first().click()
  const deleted = comments(nurlan).locator('li.comment-thread', { has: nurlan.getByText('Comment deleted') })
  await expect(deleted).toHaveCount(1)
  await expect(deleted.getByRole('list', { name: /Replies to/ }).getByRole('article')).toContainText(
    'customs',
  )
  await expect(comments(nurlan)).not.toContainText('by June')
  await expect(nurlan.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText(
    `${USERS['wg.kaz'].name} deleted a comment`,
  )
})

test('@ offers people to mention; the mention is marked in the comment', async ({ signInAs }) => {
  const page = await signInAs('secretariat')
  await open(page)
  const box = newBox(page)
  await box.click()
  await box.pressSequentially('Over to @nur')
  const suggestions = comments(page).getByRole('list', { name: 'People to mention' })
  await expect(suggestions.getByRole('button')).toHaveText([`@${USERS['wg.kaz'].name}`])
  await suggestions.getByRole('button', { name: `@${USERS['wg.kaz'].name}` }).click()
  await expect(box).toHaveValue(`Over to @${USERS['wg.kaz'].name} `)
  await expect(suggestions).toHaveCount(0)
  await box.pressSequentially('for the figures.')
  await comments(page).getByRole('button', { name: 'Post comment' }).click()
  const posted = thread(page, 'for the figures')
  await expect(posted.locator('.comment-body .mention')).toHaveText(`@${USERS['wg.kaz'].name}`)
})
