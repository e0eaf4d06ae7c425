import type { APIRequestContext, Browser, Page } from '@playwright/test'
import { expect, sessionFile, test, type User } from '../setup/e2e-fixtures'
import { looksLikeKey, normal, TAGS, textsOf, untranslatedMatchers } from '../setup/catalogue-text'
import { pdfText } from '../setup/pdf-text'

// Every main page, as each role, in Russian and in Chinese: no text may be an English catalogue
// string that the language translates, nor a raw key (tests/setup/catalogue-text.ts). The items'
// own text (titles are English) is no catalogue string, so it does not count. Pages are read as
// the server sends them (no JavaScript: faster, and what a reader sees first).

interface Fixture {
  meeting: string
  snapshot: string
}

/** A meeting with an agenda, opened (so a snapshot exists): the pages that show one need it. */
async function openedMeeting(request: APIRequestContext): Promise<Fixture> {
  const created = await request.post('/meetings/new', {
    form: {
      title: `Crawl meeting ${Date.now()}`,
      body: 'regional_trade_group',
      meeting_date: '2026-12-15',
      place: 'Tbilisi',
    },
  })
  expect(created.ok()).toBe(true)
  const meeting = new URL(created.url()).pathname.split('/')[2]!
  const steps: Array<Record<string, string>> = [
    { intent: 'add_refs', refs: 'CITA-01-a CITA-13-a CITA-20-a' },
    { intent: 'open', confirmed: 'yes' },
  ]
  for (const form of steps)
    expect((await request.post(`/meetings/${meeting}?index`, { form })).ok()).toBe(true)
  // Opening takes the snapshot in a background job (decision 0047): wait for it to be listed.
  let snapshot: string | undefined
  await expect
    .poll(
      async () =>
        (snapshot = /\/snapshots\/([0-9a-f-]{36})/.exec(await (await request.get('/snapshots')).text())?.[1]),
      { timeout: 30_000 },
    )
    .toBeTruthy()
  return { meeting, snapshot: snapshot! }
}

const PAGES = ({ meeting, snapshot }: Fixture) => [
  '/',
  '/?proposers=KAZ,UZB&status=proposed',
  '/items',
  '/items?cols=ref,title,strategy,pillar,area,modalities,proposers,status,years,cost_usd_m,secured_usd_m,gap_usd_m,quadrant,interest,updated_at',
  '/items/CITA-01-a',
  '/gaps',
  '/priorities',
  '/activity',
  '/meetings',
  `/meetings/${meeting}`,
  `/meetings/${meeting}/pack`,
  '/snapshots',
  `/snapshots/${snapshot}`,
  `/snapshots/${snapshot}/changes?to=now`,
  '/inbox',
  '/import',
]
const SECRETARIAT_PAGES = ['/items/new', '/items/CITA-01-a/edit', '/meetings/new']
const ROLES: User[] = ['secretariat', 'wg.kaz', 'sc', 'partner.adb', 'viewer']
/** Published for the crawl (and made internal again after it): the public item page needs one. */
const PUBLISHED = 'CITA-01-a'
const SIGNED_OUT_PAGES = ['/login', '/', '/public', '/public/items', `/public/items/${PUBLISHED}`]

/** Problems found on `paths` as `user` (null: signed out), in Russian then in Chinese. */
async function crawl(browser: Browser, user: User | null, paths: string[]): Promise<string[]> {
  const problems: string[] = []
  const origin = new URL(test.info().project.use.baseURL!).origin
  for (const target of ['ru', 'zh'] as const) {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      storageState: user ? sessionFile(user) : undefined,
    })
    await context.addCookies([{ name: 'carec_lng', value: target, url: origin }])
    // Only the HTML is read: styles and images would only slow the crawl.
    await context.route(/\.(css|svg|png|ico|js)(\?|$)/, (route) => route.abort())
    const untranslated = untranslatedMatchers(target)
    const check = async (page: Page, path: string) => {
      const response = await page.goto(path, { waitUntil: 'domcontentloaded' })
      const where = `${user ?? 'signed out'} ${target} ${path}`
      if (!response || ![200, 403].includes(response.status()))
        return problems.push(`${where}: answered ${response?.status()}`)
      const lang = await page.locator('html').getAttribute('lang')
      if (lang !== TAGS[target]) problems.push(`${where}: <html lang="${lang}">`)
      const seen = new Set<string>()
      for (const raw of await textsOf(page, TAGS[target])) {
        const text = normal(raw)
        if (!text || seen.has(text)) continue
        seen.add(text)
        if (looksLikeKey(text)) problems.push(`${where}: raw key "${text}"`)
        if (untranslated.some((m) => m.test(text))) problems.push(`${where}: English "${text}"`)
      }
    }
    // A few pages at a time: the server renders one while the browser reads another.
    const queue = [...paths]
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        const page = await context.newPage()
        for (let path = queue.shift(); path; path = queue.shift()) await check(page, path)
      }),
    )
    await context.close()
  }
  return problems.sort()
}

test.describe('every page in Russian and Chinese', () => {
  // about 30 pages twice per role, on a shared two-core machine
  test.describe.configure({ timeout: 180_000 })
  let fixture: Fixture

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: sessionFile('secretariat') })
    fixture = await openedMeeting(context.request)
    const published = await context.request.post(`/api/v1/items/${PUBLISHED}/publication`, {
      data: { published: true },
    })
    expect(published.status()).toBe(200)
    await context.close()
  })

  test.afterAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: sessionFile('secretariat') })
    await context.request.post(`/api/v1/items/${PUBLISHED}/publication`, { data: { published: false } })
    await context.close()
  })

  test('signed out: the sign-in page, the landing page and the public portfolio', async ({ browser }) => {
    expect(await crawl(browser, null, SIGNED_OUT_PAGES)).toEqual([])
  })

  for (const user of ROLES)
    test(`as ${user}`, async ({ browser }) => {
      const paths = [...PAGES(fixture), ...(user === 'secretariat' ? SECRETARIAT_PAGES : [])]
      expect(await crawl(browser, user, paths)).toEqual([])
    })
})

/** CITA-13-a's title_zh in the plan file; the item is on the crawl's agenda. */
const CHINESE_TITLE = '完善电商与数字贸易监管框架 (通过政策贷款)'

test.describe('a steering committee member', () => {
  test.use({ as: 'sc' })

  test('reads the meeting pack in Chinese, as a page and as a PDF', async ({ page, browser }) => {
    const setup = await browser.newContext({ storageState: sessionFile('secretariat') })
    const { meeting } = await openedMeeting(setup.request)
    await setup.close()

    await page.goto(`/meetings/${meeting}?lng=zh`)
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans')
    await page.getByRole('link', { name: '会议材料包（打印版页面）' }).click()
    await expect(page.getByText('会议材料包', { exact: true })).toBeVisible()
    await expect(page.getByRole('heading', { name: '按支柱和领域排列的议程条目' })).toBeVisible()
    // the plan's pillars and areas by their Chinese names, the countries too
    await expect(page.getByText('CAREC 一体化贸易议程 2030 · 支柱 1：通过改善市场准入扩大贸易')).toBeVisible()
    await expect(page.getByRole('rowheader', { name: '1 贸易政策与措施' })).toBeVisible()
    await expect(page.getByRole('cell', { name: '土库曼斯坦' })).toBeVisible()
    await expect(page.getByText('2026/12/15，Tbilisi')).toBeVisible()
    // an agenda item by its Chinese title (db/data's title_zh), in the page's own language
    // (in the agenda table and again in the item's own section)
    const title = page.getByText(CHINESE_TITLE, { exact: true }).first()
    await expect(title).toBeVisible()
    await expect(title).toHaveAttribute('lang', 'zh-Hans')

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: '下载会议材料包（PDF）' }).click()
    const pdf = await pdfText(await readAll(await (await download).createReadStream()))
    const flat = pdf.text.replace(/\s+/g, '')
    for (const text of [
      '会议材料包',
      '区域贸易小组',
      '按支柱和领域排列的议程条目',
      '支柱1：通过改善市场准入扩大贸易',
      '1贸易政策与措施',
      '2026/12/15',
      '土库曼斯坦',
      CHINESE_TITLE.replace(/\s+/g, ''),
    ])
      expect(flat, text).toContain(text)
    expect(pdf.text).not.toContain('Meeting pack')

    // the same pack in Russian from the "PDF in another language" links, the page staying Chinese
    const russian = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Русский' }).click()
    const ruText = (await pdfText(await readAll(await (await russian).createReadStream()))).text
    expect(ruText).toContain('Пакет материалов заседания')
    expect(ruText).toContain('15.12.2026')
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans')
  })
})

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return new Uint8Array(Buffer.concat(chunks))
}
