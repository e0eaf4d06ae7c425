import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import type { Browser, Page } from '@playwright/test'
import { expect, signInThroughForm, test } from '../setup/e2e-fixtures'

// People and access (issue 8): the secretariat invites someone who accepts from the e-mail's link;
// a forgotten password is reset from its e-mail; a deactivated person is signed out at their next
// click. Mail is read where the app queues it, the e-mail outbox of the run's database
// (tests/setup/e2e-server.sh), as a mail server would receive it.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DATABASE = `${ROOT}tests/.tmp/e2e/${process.env.E2E_PORT ?? '3210'}/e2e.db`

/** The path of the newest link of this kind in the newest mail to `to`. */
function linkInMail(to: string, kind: 'invitations' | 'reset-password'): string {
  const db = new SQLite(DATABASE, { readonly: true })
  try {
    const mail = db
      .prepare('select body from email_outbox where to_address = ? order by created_at desc, id desc limit 1')
      .get(to) as { body: string } | undefined
    const match = mail && new RegExp(`https?://[^/\\s]+(/${kind}/[A-Za-z0-9_-]{43})`).exec(mail.body)
    if (!match) throw new Error(`no ${kind} link in the mail to ${to}`)
    return match[1]!
  } finally {
    db.close()
  }
}

/** An active account made the way an operator would, with `npm run users -- add --password-stdin`. */
function addAccount(email: string, name: string, password: string): void {
  execFileSync(
    `${ROOT}node_modules/.bin/tsx`,
    ['scripts/users.ts', 'add', '--email', email, '--name', name, '--role', 'viewer', '--password-stdin'],
    { cwd: ROOT, input: password, env: { ...process.env, DATABASE_URL: DATABASE } },
  )
}

/** A browser window of its own, signed out (a new context would otherwise inherit the test's session). */
async function signedOutPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } })
  return context.newPage()
}

test.describe('people and access', () => {
  test.use({ as: 'secretariat' })

  test('one click on the button checks every field, even straight after typing in one', async ({ page }) => {
    // A form that checked a field when it lost the focus showed that field's problem on the
    // button's mousedown and pushed the button down from under the pointer: the click was lost,
    // and the other fields' problems waited for a second click.
    await page.setViewportSize({ width: 1280, height: 1600 })
    await page.goto('/people/invite')
    const email = page.getByLabel('E-mail')
    await email.fill('not-an-address')
    const box = (await page.getByRole('button', { name: 'Send the invitation' }).boundingBox())!
    // a person's click near the button's top edge, held down for a moment as a hand does
    await page.mouse.move(box.x + box.width / 2, box.y + 3)
    await page.mouse.down()
    await page.waitForTimeout(150)
    await page.mouse.up()
    await expect(page.getByLabel('Name')).toHaveAttribute('aria-describedby', /error/)
    await expect(email).toBeFocused()
  })

  test("an invitation's language starts as the one the secretariat is working in", async ({ page }) => {
    await page.goto('/people/invite')
    await expect(page.getByLabel('Preferred language')).toHaveValue('en')
    await page.goto('/people/invite?lng=ru')
    await expect(page.getByLabel('Предпочитаемый язык')).toHaveValue('ru')
    await page.goto('/people/invite?lng=zh')
    await expect(page.getByLabel('首选语言')).toHaveValue('zh')
    await page.goto('/people/invite?lng=en')
  })

  test('the secretariat invites a working group member, who accepts from the e-mail and signs in', async ({
    page,
    browser,
  }) => {
    await page.goto('/items')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click()
    await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible()
    await page.getByRole('link', { name: 'Invite someone' }).click()
    await expect(page.getByRole('heading', { name: 'Invite someone', level: 1 })).toBeVisible()

    await page.getByLabel('E-mail').fill('Timur.Wg@Example.org')
    await page.getByLabel('Name').fill('Timur Askarov')
    await page.getByLabel('Role').selectOption('working_group')
    await page.getByRole('button', { name: 'Send the invitation' }).click()
    // a working group without a country is refused beside the field, and the input is kept
    await expect(
      page.getByText('A working group member speaks for at least one country: choose one.'),
    ).toBeVisible()
    await expect(page.getByLabel('E-mail')).toHaveValue('Timur.Wg@Example.org')
    await page.getByLabel('KAZ · Kazakhstan').check()
    await page.getByRole('button', { name: 'Send the invitation' }).click()

    await expect(page.getByRole('heading', { name: 'Timur Askarov', level: 1 })).toBeVisible()
    await expect(page.getByRole('status')).toContainText('Invited')
    await page.getByRole('link', { name: 'Back to people' }).click()
    await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible()
    await page.getByLabel('Name or e-mail').fill('timur')
    await page.getByRole('button', { name: 'Show' }).click()
    const row = page.getByRole('row', { name: /Timur Askarov/ })
    // role and scope as a dot list (the dot is drawn, not typed)
    await expect(row.locator('ul.dot-list').first().locator('li')).toHaveText(['Working group', 'KAZ'])
    await expect(row).toContainText('Invited')
    await expect(row).toContainText('Never')

    const invitee = await signedOutPage(browser)
    const link = linkInMail('timur.wg@example.org', 'invitations')
    await invitee.goto(link)
    await expect(invitee.getByRole('heading', { name: 'Welcome to CAREC Pipeline' })).toBeVisible()
    await invitee.getByLabel('New password', { exact: true }).fill('password1234')
    await invitee.getByLabel('The new password again').fill('password1234')
    await invitee.getByRole('button', { name: 'Set the password and sign in' }).click()
    await expect(invitee.getByText(/too easy to guess/)).toBeVisible()
    await invitee.getByLabel('New password', { exact: true }).fill('saffron caravan crosses the pass')
    await invitee.getByLabel('The new password again').fill('saffron caravan crosses the pass')
    await invitee.getByRole('button', { name: 'Set the password and sign in' }).click()
    await expect(invitee).toHaveURL(/\/items/)
    await expect(invitee.getByRole('banner')).toContainText(
      'Signed in as Timur Askarov (Working group · KAZ)',
    )

    // the link worked once
    const again = await signedOutPage(browser)
    await again.goto(link)
    await expect(again.getByRole('alert')).toContainText('This invitation has already been accepted.')

    // and the new password signs in
    await invitee.getByRole('button', { name: 'Sign out' }).click()
    await signInThroughForm(invitee, 'timur.wg@example.org', 'saffron caravan crosses the pass')
    await expect(invitee.getByRole('banner')).toContainText('Signed in as Timur Askarov')

    await page.reload()
    await expect(page.getByRole('row', { name: /Timur Askarov/ })).toContainText('Active')
  })

  test('a forgotten password is reset from the e-mail, and the old sessions end', async ({ browser }) => {
    addAccount('rustam.reset@example.org', 'Rustam Nazarov', 'juniper orchards in autumn')
    const before = await signedOutPage(browser)
    await before.goto('/login')
    await signInThroughForm(before, 'rustam.reset@example.org', 'juniper orchards in autumn')
    await expect(before.getByRole('banner')).toContainText('Signed in as Rustam Nazarov')

    const page = await signedOutPage(browser)
    await page.goto('/login')
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible()
    await page.getByLabel('E-mail').fill('rustam.reset@example.org')
    await page.getByRole('button', { name: 'Send the link' }).click()
    await expect(page.getByRole('status')).toContainText('If an account has this e-mail')
    // what to do next has the focus (the form it answers is gone)
    await expect(page.getByRole('status')).toBeFocused()

    await page.goto(linkInMail('rustam.reset@example.org', 'reset-password'))
    await expect(page.getByRole('heading', { name: 'Set a new password' })).toBeVisible()
    await page.getByLabel('New password', { exact: true }).fill('silver rivers under the moon')
    await page.getByLabel('The new password again').fill('silver rivers under the moon')
    await page.getByRole('button', { name: 'Set the new password' }).click()
    await expect(page).toHaveURL(/\/login\?reset=done/)
    await expect(page.getByRole('status')).toContainText('Your password is changed')
    await signInThroughForm(page, 'rustam.reset@example.org', 'silver rivers under the moon')
    await expect(page.getByRole('banner')).toContainText('Signed in as Rustam Nazarov')

    // the session from before the reset has ended
    await before.getByRole('link', { name: 'Activity' }).click()
    await expect(before).toHaveURL(/\/login/)
  })

  test('a deactivated person is signed out at their next click', async ({ page, browser }) => {
    addAccount('dana.leaving@example.org', 'Dana Leaving', 'pomegranate market at noon')
    const leaving = await signedOutPage(browser)
    await leaving.goto('/login')
    await signInThroughForm(leaving, 'dana.leaving@example.org', 'pomegranate market at noon')
    await expect(leaving.getByRole('banner')).toContainText('Signed in as Dana Leaving')

    await page.goto('/people?q=dana.leaving')
    await page.getByRole('link', { name: 'Dana Leaving' }).click()
    await expect(page.getByRole('heading', { name: 'Dana Leaving', level: 1 })).toBeVisible()
    await page.getByRole('button', { name: 'Deactivate' }).click()
    await expect(page.getByRole('status')).toContainText('Deactivated: every session of theirs has ended.')

    await leaving.getByRole('link', { name: 'Activity' }).click()
    await expect(leaving).toHaveURL(/\/login/)
    await signInThroughForm(leaving, 'dana.leaving@example.org', 'pomegranate market at noon')
    await expect(leaving.getByRole('alert')).toHaveText('The e-mail or password is not right.')

    // the access log tells who did it
    await page.goto('/access-log?event=deactivated')
    await expect(page.getByRole('row', { name: /Deactivated/ }).first()).toContainText('Dana Leaving')
  })

  test('one’s account: e-mail preferences are kept, and signing out everywhere else ends the other browser', async ({
    browser,
  }) => {
    addAccount('akmal.account@example.org', 'Akmal Account', 'walnut groves beyond the river')
    const phone = await signedOutPage(browser)
    await phone.goto('/login')
    await signInThroughForm(phone, 'akmal.account@example.org', 'walnut groves beyond the river')
    const page = await signedOutPage(browser)
    await page.goto('/login')
    await signInThroughForm(page, 'akmal.account@example.org', 'walnut groves beyond the river')

    await page.getByRole('link', { name: 'Your account' }).click()
    await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible()
    const sessions = page.getByRole('table', { name: 'Your sessions' })
    await expect(sessions.getByRole('row')).toHaveCount(3)
    await expect(sessions).toContainText('this browser')
    // the other session's button is named by its visible words first, then which browser (speech
    // input users say what they see; axe's label-content-name-mismatch)
    await expect(sessions.getByRole('button', { name: /^Sign out there: Chrome on / })).toBeVisible()

    const statusChanges = page.getByRole('group', { name: 'Status changes on items you follow' })
    await statusChanges.getByLabel('In a daily digest').check()
    await page.getByRole('group', { name: 'Mentions of you' }).getByLabel('Not by e-mail').check()
    await page.getByRole('button', { name: 'Save the e-mail preferences' }).click()
    await expect(page.getByRole('status')).toHaveText('Your e-mail preferences are saved.')
    await expect(statusChanges.getByLabel('In a daily digest')).toBeChecked()
    await expect(
      page.getByRole('group', { name: 'Mentions of you' }).getByLabel('Not by e-mail'),
    ).toBeChecked()

    await page.getByRole('button', { name: 'Sign out everywhere else' }).click()
    await expect(page.getByRole('status')).toHaveText('You are signed out everywhere else.')
    await expect(sessions.getByRole('row')).toHaveCount(2)
    await phone.getByRole('link', { name: 'Activity' }).click()
    await expect(phone).toHaveURL(/\/login/)
  })
})
