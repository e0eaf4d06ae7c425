import { expect, test } from '../setup/e2e-fixtures'

// The secretariat publishes an item from the table; a visitor (signed out) reads it on the public
// portfolio and its API, and an internal item is a 404 there exactly like an unknown one.
// CITA-07-c is published here and made internal again at the end; CITA-18-a stays internal.
// Neither is touched by another spec.

const PUBLISHED = 'CITA-07-c'
const INTERNAL = 'CITA-18-a'

test('the public front page says when nothing is published yet, rather than only empty charts', async ({
  page,
}) => {
  await page.goto('/public')
  const notice = page.getByRole('status').filter({ hasText: 'Nothing has been published yet' })
  // first in this spec: on its fresh database nothing is published yet; after other specs have
  // published items (the whole suite) the figures count them and the notice is not shown
  const none = /\b0 items\b/.test(await page.locator('main').innerText())
  if (none)
    await expect(notice).toHaveText(
      'Nothing has been published yet: the secretariat chooses the items shown here.',
    )
  else await expect(notice).toHaveCount(0)
  // a visitor's own filters that match nothing are not "nothing published"
  await page.goto('/public?q=no-such-words-anywhere')
  await expect(page.getByRole('status').filter({ hasText: 'Nothing has been published yet' })).toHaveCount(0)
})

test('published from the table, read by a visitor; an internal item is not found', async ({
  signInAs,
  browser,
}) => {
  const aigerim = await signInAs('secretariat')
  await aigerim.goto(`/items?q=${PUBLISHED}`)
  // the table's bulk bar (app/components/bulk) publishes the ticked rows
  await aigerim.getByRole('checkbox', { name: `Select ${PUBLISHED}` }).check()
  await aigerim.getByLabel('Do with the selection').selectOption({ label: 'Publish on the public portfolio' })
  await aigerim.getByRole('button', { name: 'Apply to the selection' }).click()
  await expect(aigerim.getByRole('status').filter({ hasText: 'Published 1 item' })).toBeFocused()
  await aigerim.goto(`/items/${PUBLISHED}`)
  await expect(aigerim.getByText('Published on the public portfolio.')).toBeVisible()
  await expect(aigerim.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText(
    'published the item on the public portfolio',
  )

  // Only the secretariat publishes through the API.
  const nurlan = await signInAs('wg.kaz')
  const refused = await nurlan.request.post(`/api/v1/items/${INTERNAL}/publication`, {
    data: { published: true },
  })
  expect(refused.status()).toBe(403)

  const visitor = await (await browser.newContext()).newPage()
  await visitor.goto('/')
  await expect(visitor.getByRole('heading', { name: 'CAREC Pipeline', level: 1 })).toBeVisible()
  await visitor.getByRole('main').getByRole('link', { name: 'Read the public portfolio' }).click()
  await expect(visitor).toHaveURL(/\/public$/)
  await expect(visitor.getByRole('heading', { name: 'The CAREC portfolio' })).toBeVisible()
  await expect(visitor.getByRole('group', { name: /^Co-financing interest/ })).toHaveCount(0)
  // nor the register's translation work
  await expect(visitor.getByLabel('Translation needed in')).toHaveCount(0)
  await visitor.getByRole('link', { name: 'List the items' }).click()
  const row = visitor.getByRole('row', { name: new RegExp(PUBLISHED) })
  await expect(row).toBeVisible()
  await expect(visitor.getByRole('row', { name: new RegExp(INTERNAL) })).toHaveCount(0)
  await row.getByRole('link', { name: PUBLISHED }).click()
  await expect(visitor).toHaveURL(new RegExp(`/public/items/${PUBLISHED}$`))
  await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(visitor.getByText('Comments')).toHaveCount(0)
  await expect(visitor.getByText('History')).toHaveCount(0)

  const internal = await visitor.goto(`/public/items/${INTERNAL}`)
  expect(internal!.status()).toBe(404)
  await expect(visitor.getByRole('heading', { name: 'Not found' })).toBeVisible()

  const api = await visitor.request.get(`/api/public/v1/items/${PUBLISHED}`)
  expect(api.status()).toBe(200)
  expect(api.headers()['cache-control']).toMatch(/^public, max-age=/)
  const item = await api.json()
  expect(item.ref).toBe(PUBLISHED)
  expect(item).not.toHaveProperty('published')
  expect(item).not.toHaveProperty('version')
  const again = await visitor.request.get(`/api/public/v1/items/${PUBLISHED}`, {
    headers: { 'If-None-Match': api.headers()['etag']! },
  })
  expect(again.status()).toBe(304)
  const hidden = await visitor.request.get(`/api/public/v1/items/${INTERNAL}`)
  const unknown = await visitor.request.get('/api/public/v1/items/NO-SUCH-REF')
  expect(hidden.status()).toBe(404)
  expect(unknown.status()).toBe(404)
  expect(Object.keys(await hidden.json())).toEqual(Object.keys(await unknown.json()))
  const list = await (await visitor.request.get('/api/public/v1/items?pageSize=200')).json()
  expect(list.items.map((i: { ref: string }) => i.ref)).toContain(PUBLISHED)
  expect(list.items.map((i: { ref: string }) => i.ref)).not.toContain(INTERNAL)
  expect((await visitor.request.get('/api/public/v1/items?archived=include')).status()).toBe(400)

  // A visitor reading in Russian sees the pillar and area in Russian too (signed out, the root
  // sends no names: the public pages load their own), and an amount not known as a dash.
  await visitor.goto(`/public/items/${PUBLISHED}?lng=ru`)
  const fact = (label: string) => visitor.locator(`dt:text-is("${label}") + dd`)
  await expect(fact('Направление')).toHaveText(
    'Направление 1: расширение торговли за счет улучшения доступа к рынкам',
  )
  await expect(fact('Область')).toHaveText('7 Санитарные и фитосанитарные (СФС) меры')
  await expect(fact('Дефицит (млн долл. США)')).not.toBeEmpty()

  // Made internal again through the API, answering the item with `published`.
  const back = await aigerim.request.post(`/api/v1/items/${PUBLISHED}/publication`, {
    data: { published: false },
  })
  expect(back.status()).toBe(200)
  expect((await back.json()).published).toBe(false)
  expect((await visitor.goto(`/public/items/${PUBLISHED}`))!.status()).toBe(404)
})

test('a visitor is told “no item matches these filters” only when they set some', async ({ page }) => {
  await page.goto('/public/items?q=no-such-words-anywhere')
  await expect(page.getByRole('status')).toHaveText('No published item matches these filters.')
  // with no filter, the count of published items, or (when there are none) that nothing is published yet
  await page.goto('/public/items')
  await expect(page.getByRole('status')).toHaveText(
    /^(Nothing has been published yet: the secretariat chooses the items shown here\.|Showing .*)$/,
  )
})
