import { PASSWORD, expect, signInThroughForm, test } from '../setup/e2e-fixtures'

// Pages carry a strict Content-Security-Policy with a fresh nonce, still hydrate (client-side
// navigation works) and log no policy violations; sign-in is throttled with a clear message.

test.describe('as the secretariat', () => {
  test.use({ as: 'secretariat' })

  test('pages hydrate under the policy with no violations', async ({ page }) => {
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
    })
    page.on('pageerror', (error) => violations.push(error.message))

    const first = await page.goto('/items')
    const headers = first!.headers()
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy']).not.toContain('unsafe-inline')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('same-origin')
    // plain http here: no HSTS
    expect(headers['strict-transport-security']).toBeUndefined()
    const again = await page.request.get('/items')
    expect(again.headers()['content-security-policy']).not.toBe(headers['content-security-policy'])
    // and every other answer: a static file, the JSON API, a download, a 404
    for (const path of [
      '/favicon.svg',
      '/api/v1/items?pageSize=1',
      '/export/items.csv?q=CITA-01',
      '/no-such-page',
    ]) {
      const answer = await page.request.get(path)
      expect(answer.headers()['x-content-type-options'], path).toBe('nosniff')
      expect(answer.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'")
    }

    // Hydrated: following links is done by the app in the page, without loading new documents.
    const documents: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url())
    })
    for (const [link, heading] of [
      ['Priorities', 'Priorities'],
      ['Meetings', 'Meetings'],
      ['Activity', 'Activity'],
      ['Portfolio', 'Portfolio'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click()
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    }
    expect(documents).toEqual([])
    // the dashboard's charts (visx) and the pages added since draw without inline styles too
    for (const path of [
      '/',
      '/items/CITA-02-b',
      '/account/security',
      '/account/tokens',
      '/procedures',
      '/kpis',
      '/scorecard',
      '/iati',
      '/views',
    ]) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
    }
    expect(violations).toEqual([])
  })
})

test('too many failed sign-ins are refused for a while, with a message saying when to try again', async ({
  page,
}) => {
  await page.goto('/login')
  const attempt = async (password: string) => {
    const answered = page.waitForResponse((response) => response.request().method() === 'POST')
    await signInThroughForm(page, 'nobody-here@demo.carec', password)
    return (await answered).status()
  }
  for (let i = 0; i < 5; i++) {
    expect(await attempt('not-the-password')).toBe(401)
    await expect(page.getByRole('alert')).toHaveText('The e-mail or password is not right.')
  }
  expect(await attempt(PASSWORD)).toBe(429)
  await expect(page.getByRole('alert')).toHaveText('Too many failed sign-ins. Try again in 1 minute.')
})
