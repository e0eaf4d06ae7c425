import { expect, test } from '../setup/e2e-fixtures'

// The JSON API and the server's own guards, spoken to directly (no browser page).

const INTERCHANGE_FIELDS = [
  'ref',
  'strategy',
  'pillar',
  'area',
  'title_en',
  'title_zh',
  'title_ru',
  'modalities',
  'proposers',
  'status',
  'iati_status',
  'start_year',
  'end_year',
  'cost_usd_m',
  'secured_usd_m',
  'gap_usd_m',
  'partners',
  'strategic_importance',
  'ease_of_implementation',
  'quadrant',
  'description_en',
  // the description in the other working languages (docs/decisions/0028-item-text.md)
  'description_ru',
  'description_zh',
  'source',
  // the IATI sector override (docs/decisions/0032-iati-export.md)
  'dac_code',
  'archived',
  // shown on the public portfolio (docs/decisions/0026-public-portfolio.md)
  'published',
  'version',
  'updated_at',
  // the secured funding by source (docs/decisions/0010-financing-sources.md)
  'secured_government_usd_m',
  'secured_partners_usd_m',
  'secured_private_usd_m',
]

test.describe('signed in', () => {
  test.use({ as: 'partner.adb' })

  test('lists items filtered, sorted and paged, with the interchange field names', async ({ request }) => {
    const response = await request.get('/api/v1/items?proposers=KAZ,UZB&sort=-ref&pageSize=5')
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toMatch(/^application\/json/)
    const body = await response.json()

    expect(Object.keys(body).sort()).toEqual(['items', 'page', 'pageSize', 'total'])
    expect(body.page).toBe(1)
    expect(body.pageSize).toBe(5)
    expect(body.total).toBeGreaterThan(5)
    expect(body.total).toBeLessThan(80)
    expect(body.items).toHaveLength(5)
    for (const item of body.items) {
      expect(Object.keys(item).sort()).toEqual([...INTERCHANGE_FIELDS].sort())
      expect(item.proposers.some((code: string) => code === 'KAZ' || code === 'UZB')).toBe(true)
      // Internal names stay inside.
      expect(item).not.toHaveProperty('id')
      expect(item).not.toHaveProperty('strategy_id')
    }
    const refs = body.items.map((item: { ref: string }) => item.ref)
    expect(refs).toEqual([...refs].sort().reverse())
    expect(refs[0]).toBe('CITA-22-a')
  })

  test('the next page continues where the first stopped', async ({ request }) => {
    const first = await (await request.get('/api/v1/items?proposers=KAZ,UZB&sort=-ref&pageSize=5')).json()
    const second = await (
      await request.get('/api/v1/items?proposers=KAZ,UZB&sort=-ref&pageSize=5&page=2')
    ).json()
    expect(second.page).toBe(2)
    expect(second.total).toBe(first.total)
    expect(second.items[0].ref < first.items[4].ref).toBe(true)
  })

  test('one item by its ref, and a JSON 404 for an unknown one', async ({ request }) => {
    const item = await request.get('/api/v1/items/CITA-01-b')
    expect(item.status()).toBe(200)
    expect(await item.json()).toMatchObject({ ref: 'CITA-01-b', proposers: ['AZE'] })

    const missing = await request.get('/api/v1/items/NO-SUCH-REF')
    expect(missing.status()).toBe(404)
    expect(await missing.json()).toMatchObject({ error: 'not_found' })
  })

  test('an unknown parameter is refused with a 400 naming it', async ({ request }) => {
    const response = await request.get('/api/v1/items?proposer=KAZ')
    expect(response.status()).toBe(400)
    expect(response.headers()['content-type']).toMatch(/^application\/json/)
    const body = await response.json()
    expect(body).toMatchObject({ error: 'bad_parameter', parameter: 'proposer' })
    expect(body.message).toContain('proposer')
  })

  test('an invalid value is refused with a 400 naming the parameter', async ({ request }) => {
    const response = await request.get('/api/v1/items?pageSize=100000')
    expect(response.status()).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'bad_parameter', parameter: 'pageSize' })
  })
})

test.describe('signed out', () => {
  test('the API answers 401 in JSON, not a redirect to the sign-in page', async ({ request }) => {
    const response = await request.get('/api/v1/items', { maxRedirects: 0 })
    expect(response.status()).toBe(401)
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' })

    const one = await request.get('/api/v1/items/CITA-01-b', { maxRedirects: 0 })
    expect(one.status()).toBe(401)
  })

  test('the health check answers without a session', async ({ request }) => {
    const response = await request.get('/healthz')
    expect(response.status()).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })
})

test.describe('cross-origin writes', () => {
  test.use({ as: 'secretariat' })
  const EVIL = { Origin: 'http://evil.example' }

  test('a sign-out posted from another site is refused and the session survives', async ({ request }) => {
    const response = await request.post('/logout', { headers: EVIL, maxRedirects: 0 })
    expect(response.status()).toBe(403)
    expect((await request.get('/api/v1/items?pageSize=1')).status()).toBe(200)
  })

  test('an item edit posted from another site is refused and changes nothing', async ({ request }) => {
    const before = await (await request.get('/api/v1/items/CITA-01-a')).json()
    const response = await request.post('/items/CITA-01-a/edit', {
      headers: EVIL,
      form: {
        ref: 'CITA-01-a',
        title_en: 'Defaced',
        strategy_id: 'x',
        proposers: 'UZB',
        version: String(before.version),
      },
      maxRedirects: 0,
    })
    // The edit page renders HTML, so Remix's own check for a foreign Origin on document POSTs
    // runs before the app's and answers 500 with no body; the action never runs. Resource
    // routes (/logout, /items/:ref/archive, the API) answer the app's 403.
    expect(response.status()).toBeGreaterThanOrEqual(400)
    expect([403, 500]).toContain(response.status())
    const after = await (await request.get('/api/v1/items/CITA-01-a')).json()
    expect(after.title_en).toBe(before.title_en)
    expect(after.version).toBe(before.version)
  })

  test('archiving from another site is refused', async ({ request }) => {
    const response = await request.post('/items/CITA-01-a/archive', {
      headers: EVIL,
      form: { archived: 'true' },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(403)
    expect((await (await request.get('/api/v1/items/CITA-01-a')).json()).archived).toBe(false)
  })

  test('the same post from our own origin is accepted', async ({ request, baseURL }) => {
    const response = await request.post('/items/CITA-01-a/archive', {
      headers: { Origin: baseURL! },
      form: { archived: 'false' },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(302)
    expect(response.headers().location).toBe('/items/CITA-01-a')
  })
})
