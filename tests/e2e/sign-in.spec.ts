import { USER_NAMES, PASSWORD, USERS, expect, signInThroughForm, test } from '../setup/e2e-fixtures'

// Signed-out browsers: every test here signs in through the page itself.

test.describe('signing in', () => {
  for (const user of USER_NAMES) {
    test(`${user} signs in and lands on the portfolio`, async ({ page }) => {
      await page.goto('/items')
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Fitems$/)
      await expect(page.getByRole('heading', { name: 'Sign in to CAREC Pipeline' })).toBeVisible()

      await signInThroughForm(page, USERS[user].email, PASSWORD)

      await expect(page).toHaveURL(/\/items$/)
      await expect(page.getByRole('heading', { name: 'Portfolio', level: 1 })).toBeVisible()
      await expect(page.getByRole('banner')).toContainText(
        `Signed in as ${USERS[user].name} (${USERS[user].roleLabel})`,
      )
    })
  }

  test('a wrong password is refused with a message that does not say which part was wrong', async ({
    page,
  }) => {
    await page.goto('/login')
    await signInThroughForm(page, USERS.secretariat.email, 'not-the-password')

    await expect(page.getByRole('alert')).toHaveText('The e-mail or password is not right.')
    await expect(page).toHaveURL(/\/login/)
    // The e-mail is kept for another try, and has the focus, described by the message.
    await expect(page.getByLabel('E-mail')).toHaveValue(USERS.secretariat.email)
    await expect(page.getByLabel('E-mail')).toBeFocused()
    await expect(page.getByLabel('E-mail')).toHaveAccessibleDescription(
      'The e-mail or password is not right.',
    )
  })

  test('an unknown e-mail gets the same message', async ({ page }) => {
    await page.goto('/login')
    await signInThroughForm(page, 'nobody@demo.carec', PASSWORD)

    await expect(page.getByRole('alert')).toHaveText('The e-mail or password is not right.')
    await expect(page.getByRole('banner')).not.toContainText('Signed in as')
  })

  test('signing out returns to the sign-in page and the portfolio is closed again', async ({ page }) => {
    await page.goto('/login')
    await signInThroughForm(page, USERS['wg.uzb'].email, PASSWORD)
    await expect(page.getByRole('banner')).toContainText(`Signed in as ${USERS['wg.uzb'].name}`)

    await page.getByRole('button', { name: 'Sign out' }).click()

    await expect(page).toHaveURL(/\/login$/)
    await expect(page.getByRole('heading', { name: 'Sign in to CAREC Pipeline' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0)

    await page.goto('/items')
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fitems$/)
  })

  test('after signing in from a deep link the user comes back to it', async ({ page }) => {
    await page.goto('/items/CITA-02-b')
    await expect(page).toHaveURL(/\/login\?redirectTo=/)
    await signInThroughForm(page, USERS.viewer.email, PASSWORD)
    await expect(page).toHaveURL(/\/items\/CITA-02-b$/)
    await expect(page.getByText('CITA-02-b', { exact: true })).toBeVisible()
  })
})
