import { currentCode } from '../../app/auth/two-factor.server'
import { ru } from '../../app/i18n/ru'
import { zh } from '../../app/i18n/zh'
import { PASSWORD, USERS, expect, signInThroughForm, test } from '../setup/e2e-fixtures'

// A steering committee member turns two-factor sign-in on with an authenticator app, signs in
// with a code and with a recovery code, and turns it off again (so the demo account is as before).

test.use({ as: 'sc2' })

test('two-factor sign-in is turned on, used at sign-in, and turned off', async ({ page }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })

  await page.goto('/account/security')
  await expect(page.getByText('Two-factor sign-in is off.')).toBeVisible()
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click()

  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible()
  // focus follows the answer: the instructions that came with the QR code, not the top of the page
  await expect(page.getByText(/^Scan this QR code/)).toBeFocused()
  const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '')
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  // a code of the wrong length, or not digits, is told what a code is, beside the field, in each language
  for (const [lng, typed, told] of [
    ['ru', '12345', ru.twoFactor.codeSixDigits],
    ['zh', '1234567', zh.twoFactor.codeSixDigits],
    ['zh', 'abcdef', zh.twoFactor.codeSixDigits],
    ['en', '12345', 'The code has 6 digits: type all the digits your authenticator app shows now.'],
  ] as const) {
    await page.goto(`/account/security?lng=${lng}`)
    await page.locator('#confirm-code').fill(typed)
    await page.locator('#confirm-code').press('Enter')
    await expect(page.locator('#confirm-code')).toHaveAccessibleDescription(told)
    await expect(page.locator('#confirm-code')).toBeFocused()
  }
  await page.getByLabel('Code from the app').fill('000000')
  await page.getByRole('button', { name: 'Confirm and turn on' }).click()
  await expect(page.getByRole('alert')).toHaveText('This code is not right, or it has been used already.')
  await expect(page.getByLabel('Code from the app')).toBeFocused()

  await page.getByLabel('Code from the app').fill(currentCode(secret, new Date()))
  await page.getByRole('button', { name: 'Confirm and turn on' }).click()
  await expect(page.getByRole('status')).toHaveText('Two-factor sign-in is on.')
  // the codes to keep are where the reader is taken
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeFocused()
  const codes = await page
    .getByRole('list', { name: 'Your recovery codes' })
    .getByRole('listitem')
    .allInnerTexts()
  expect(codes).toHaveLength(10)
  // the key is never shown again
  await page.reload()
  await expect(page.getByText(/Two-factor sign-in is on since/)).toBeVisible()
  await expect(page.locator('code.secret')).toHaveCount(0)

  // Signing in now takes a code after the password.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.goto('/login?redirectTo=%2Fpriorities')
  await signInThroughForm(page, USERS.sc2.email, PASSWORD)
  await expect(page.getByRole('heading', { name: 'Enter your sign-in code' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0)
  // five digits, or something that is neither the app's code nor a recovery code: said so beside the field
  await page.getByLabel('Code', { exact: true }).fill('12345')
  await page.getByRole('button', { name: 'Verify and sign in' }).click()
  await expect(page.getByLabel('Code', { exact: true })).toHaveAccessibleDescription(
    /^The code has 6 digits: type all the digits your authenticator app shows now\./,
  )
  await page.getByLabel('Code', { exact: true }).fill('abc-12')
  await page.getByRole('button', { name: 'Verify and sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText(
    'The code from your authenticator app has 6 digits; a recovery code has 16 letters and digits (such as abcd-efgh-jkmn-pqrs).',
  )
  await page.getByLabel('Code', { exact: true }).fill('123456')
  await page.getByRole('button', { name: 'Verify and sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText('This code is not right, or it has been used already.')
  // the next 30-second step's code: the one used to confirm cannot be used twice
  await page.getByLabel('Code', { exact: true }).fill(currentCode(secret, new Date(Date.now() + 30_000)))
  await page.getByRole('button', { name: 'Verify and sign in' }).click()
  await expect(page).toHaveURL(/\/priorities$/)
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${USERS.sc2.name}`)

  // A recovery code instead of the app, once.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await signInThroughForm(page, USERS.sc2.email, PASSWORD)
  await page.getByLabel('Code', { exact: true }).fill(codes[0]!)
  await page.getByRole('button', { name: 'Verify and sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()

  await page.goto('/account/security')
  await expect(page.getByText('9 unused recovery codes left.')).toBeVisible()
  // a wrong code on the turn-off form is told beside that field, which takes the focus: not at the
  // top of the page, and not on the new-codes form above it as well
  await page.locator('#disable-code').fill('000000')
  await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).click()
  await expect(page.locator('#disable-code')).toBeFocused()
  await expect(page.locator('#disable-code')).toHaveAccessibleDescription(
    'This code is not right, or it has been used already.',
  )
  await expect(page.locator('#regenerate-code')).not.toHaveAttribute('aria-invalid', 'true')
  await page.locator('#disable-code').fill(codes[1]!)
  await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).click()
  await expect(page.getByRole('status')).toHaveText('Two-factor sign-in is off.')

  await page.getByRole('button', { name: 'Sign out' }).click()
  await signInThroughForm(page, USERS.sc2.email, PASSWORD)
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()
  expect(violations).toEqual([])
})
