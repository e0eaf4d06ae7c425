import { PASSWORD, USERS, expect, signInThroughForm, test } from '../setup/e2e-fixtures'

// What an attacker tried (issue 7, sections 2 and 3), against the real server: oversized bodies,
// a redirect off the site, control characters, hand-made forms. Each answer is a clear refusal,
// never a 500 and never a page of another site.

test.describe('signed out', () => {
  test('an oversized sign-in is refused before it is read, with a message naming the limit', async ({
    request,
  }) => {
    const response = await request.post('/login', {
      form: { email: 'someone@example.org', password: 'x'.repeat(40 * 1024) },
      headers: { Accept: 'text/html' },
    })
    expect(response.status()).toBe(413)
    expect(await response.text()).toContain('This request is too large: a sign-in may be at most 32 KB.')
  })

  for (const redirectTo of ['%2F%09%2Fevil.example', '%2F%5Cevil.example', '%2F%0A%2Fevil.example']) {
    test(`signing in from /login?redirectTo=${redirectTo} stays on this site`, async ({ page, baseURL }) => {
      await page.goto(`/login?redirectTo=${redirectTo}`)
      await signInThroughForm(page, USERS.viewer.email, PASSWORD)
      await expect(page).toHaveURL(`${baseURL}/`)
      await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()
    })
  }
})

test.describe('signed in', () => {
  test.use({ as: 'secretariat' })

  test('pages answer Cache-Control: no-store; built assets stay cacheable', async ({ request, page }) => {
    for (const path of ['/items', '/items/CITA-01-a', '/api/v1/items?pageSize=1', '/inbox'])
      expect((await request.get(path)).headers()['cache-control'], path).toBe('no-store')
    await page.goto('/items')
    const css = await page.locator('link[rel="stylesheet"]').first().getAttribute('href')
    expect((await request.get(css!)).headers()['cache-control']).toContain('immutable')
  })

  test('control characters in redirectTo give a redirect on this site, not an error', async ({ request }) => {
    const response = await request.get('/login?redirectTo=%2Fitems%00%07x', { maxRedirects: 0 })
    expect(response.status()).toBe(302)
    expect(response.headers()['location']).toBe('/items%00%07x')
  })

  test('a file whose name holds ; and = is taken for import', async ({ page }) => {
    await page.goto('/import')
    await page.getByLabel('File to import (.csv or .xlsx)').setInputFiles({
      name: 'plan;v2=final.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('ref,strategy,title_en\r\nCITA-01-a,CITA 2030,\r\n'),
    })
    await page.getByRole('button', { name: 'Preview the import' }).click()
    // the preview is made by a background job; the page follows it and shows the result
    await expect(page).toHaveURL(/\/import\?job=/)
    await expect(page.getByRole('heading', { name: /plan;v2=final\.csv/ })).toBeVisible()
  })

  test('hand-made meeting forms are refused with 400 and a message', async ({ request }) => {
    const created = await request.post('/meetings/new', {
      form: {
        title: 'Hardening check',
        body: 'regional_trade_group',
        meeting_date: '2026-12-01',
        place: 'Almaty',
      },
      maxRedirects: 0,
    })
    expect(created.status()).toBe(302)
    const meeting = created.headers()['location']!
    const refused = async (form: Record<string, string> | string, message: string) => {
      const response = await request.post(
        meeting,
        typeof form === 'string'
          ? { data: form, headers: { 'Content-Type': 'text/plain', Accept: 'text/html' } }
          : { form, headers: { Accept: 'text/html' } },
      )
      expect(response.status(), JSON.stringify(form)).toBe(400)
      expect(await response.text()).toContain(message)
    }
    const which = 'The form does not say which agenda item; reload the page and try again.'
    await refused({ intent: 'move' }, which)
    await refused({ intent: 'move', item: 'x', direction: 'sideways' }, 'An agenda item moves up or down')
    await refused({ intent: 'remove' }, which)
    await refused('intent=move', 'This form does not say what to do; reload the page and try again.')
  })

  test.describe('a person whose language was chosen on another device', () => {
    test.use({ as: 'viewer' })

    test('is refused an oversized form in their account’s language', async ({ page, context }) => {
      const expected = {
        ru: 'Запрос слишком велик: форма — не более 1 МБ. Ничего не прочитано и не сохранено.',
        zh: '此请求过大：表单最多 1 MB。未读取或保存任何内容。',
        en: 'This request is too large: a form may be at most 1 MB. Nothing was read or saved.',
      }
      try {
        for (const lng of ['ru', 'zh', 'en'] as const) {
          // stored in the account; this browser keeps no language cookie, and asks for English
          await page.request.post('/language', { form: { lng, redirectTo: '/' } })
          await context.clearCookies({ name: 'carec_lng' })
          const response = await page.request.post('/items/CITA-01-a/edit', {
            form: { title_en: 'x'.repeat(1024 * 1024 + 1) },
            headers: { Accept: 'text/html', 'Accept-Language': 'en-GB' },
          })
          expect(response.status(), lng).toBe(413)
          expect(await response.text(), lng).toContain(expected[lng])
        }
      } finally {
        await page.request.post('/language', { form: { lng: 'en', redirectTo: '/' } })
      }
    })
  })

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false })

    test('an upload over 10 MB is refused unread with a page saying the limit', async ({ page }) => {
      await page.goto('/import')
      await page.getByLabel('File to import (.csv or .xlsx)').setInputFiles({
        name: 'big.csv',
        mimeType: 'text/csv',
        buffer: Buffer.alloc(10 * 1024 * 1024 + 100 * 1024, 'a'),
      })
      await page.getByRole('button', { name: 'Preview the import' }).click()
      await expect(page.getByRole('alert')).toHaveText(
        'This request is too large: an uploaded file may be at most 10 MB. Nothing was read or saved.',
      )
      await page.getByRole('link', { name: 'Back to the page' }).click()
      await expect(page).toHaveURL(/\/import$/)
    })
  })
})
