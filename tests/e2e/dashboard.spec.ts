import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../setup/e2e-fixtures'

// The dashboard (the home page after sign-in): its figures equal the tables its bars open, its
// charts work from the keyboard, and each role's "my work" lists what awaits them. Items touched
// here are touched by no other spec: CITA-13-a (submitted, then returned), CITA-20-b (given a cost,
// flagged by ADB, then withdrawn); both end as the seed left them, but for their history.

/** "Showing 1–50 of 80" -> 80 */
async function tableTotal(page: Page): Promise<number> {
  const text = (await page.locator('.result-count').textContent()) ?? ''
  const match = /of (\d+)/.exec(text)
  if (!match) throw new Error(`no total in "${text}"`)
  return Number(match[1])
}

/** The item count a bar's link names, said once: "KAZ · Kazakhstan, 14 items, Cost: ..." -> 14 */
async function itemsOf(link: Locator): Promise<number> {
  const name = (await link.getAttribute('aria-label')) ?? ''
  const match = /, (\d+) items?(,|$)/.exec(name)
  if (!match) throw new Error(`no count in "${name}"`)
  return Number(match[1])
}

const chart = (page: Page, name: string | RegExp) => page.getByRole('group', { name })
const myWork = (page: Page) => page.getByRole('region', { name: 'My work' })

test.describe('as the secretariat', () => {
  test.use({ as: 'secretariat' })

  test('every bar of a chart opens the table with as many items as it counts', async ({ page }) => {
    await page.goto('/?proposers=KAZ,UZB,TKM')
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()
    for (const name of [/^Pipeline by status/, /by proposer country/, /by type/, /by pillar/]) {
      const links = chart(page, name).getByRole('link')
      const count = await links.count()
      expect(count).toBeGreaterThan(0)
      const bars: Array<{ href: string; items: number }> = []
      for (let k = 0; k < count; k++)
        bars.push({ href: (await links.nth(k).getAttribute('href'))!, items: await itemsOf(links.nth(k)) })
      for (const bar of bars) {
        await page.goto(bar.href)
        expect(await tableTotal(page), bar.href).toBe(bar.items)
      }
      await page.goto('/?proposers=KAZ,UZB,TKM')
    }
    // A multi-proposer item counts under each country: the rows add up to more than the total.
    const total = Number((await page.locator('.figures dd').first().textContent())!.replace(/\D/g, ''))
    const countries = chart(page, /by proposer country/).getByRole('link')
    let sum = 0
    for (let k = 0; k < (await countries.count()); k++) sum += await itemsOf(countries.nth(k))
    expect(sum).toBeGreaterThan(total)
    await expect(page.getByText('An item with several proposers counts once under each')).toBeVisible()
  })

  test('a chart is used from the keyboard: its numbers open as a table, a bar opens its items', async ({
    page,
  }) => {
    await page.goto('/')
    const pipeline = page.getByRole('figure', { name: 'Pipeline by status' })
    const summary = pipeline.getByText('Show the numbers as a table: Pipeline by status')
    await summary.focus()
    await page.keyboard.press('Enter')
    const table = pipeline.getByRole('table', { name: 'Pipeline by status' })
    await expect(table).toBeVisible()
    await expect(table.getByRole('row', { name: /Proposed/ })).toBeVisible()

    // Tab from the filter panel's last button into the charts: the first bar is the first status.
    await page.getByRole('button', { name: 'Apply filters' }).focus()
    let name = ''
    for (let k = 0; k < 40 && !name.startsWith('Proposed,'); k++) {
      await page.keyboard.press('Tab')
      name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')
    }
    expect(name).toMatch(/^Proposed, \d+ items?, Cost: USD [\d.,]+ m$/)
    const expected = Number(/, (\d+) items?,/.exec(name)![1])
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/items\?status=proposed$/)
    expect(await tableTotal(page)).toBe(expected)
  })

  test('in Russian and Chinese a bar says its count once, as the language writes it, and opens as many items', async ({
    page,
  }) => {
    for (const [lng, said] of [
      // "Предложено, 80 позиций, Стоимость: 0 млн долл. США", never "Позиции: 80 позиций"
      ['ru', /^Предложено, (\d+) позици[яий], Стоимость: [\d\s,]+ млн долл\. США$/],
      // "已提议，80 个条目，成本：0 百万美元": full-width comma and colon, never "条目: 80 个条目"
      ['zh', /^已提议，(\d+) 个条目，成本：[\d.,]+ 百万美元$/],
    ] as const) {
      await page.goto(`/?lng=${lng}`)
      const bar = page.locator('svg[aria-labelledby="chart-pipeline-title"] a.chart-link').first()
      const name = (await bar.getAttribute('aria-label')) ?? ''
      expect(name).toMatch(said)
      await bar.click()
      await expect(page).toHaveURL(/\/items\?status=proposed$/)
      // "Показаны 1–50 из 80", "显示 1–50，共 80 条": the total is the last number
      const shown = (await page.locator('.result-count').textContent()) ?? ''
      expect(Number(/(\d+)\D*$/.exec(shown)![1])).toBe(Number(said.exec(name)![1]))
    }
  })

  test('a view of no items says so in every chart', async ({ page }) => {
    await page.goto('/?q=no-such-item-anywhere')
    const figures = page.locator('main figure.chart-figure')
    expect(await figures.count()).toBeGreaterThan(5)
    // no legend over an empty space, no axes counting 0.2 items
    await expect(figures.locator('svg.chart')).toHaveCount(0)
    await expect(figures.locator('.chart-legend')).toHaveCount(0)
    for (const figure of await figures.filter({ hasNotText: 'Co-financing interest' }).all())
      await expect(figure.getByText('No item in this view.')).toBeVisible()
  })

  test('the dashboard and the public pages pass axe', async ({ page }) => {
    for (const path of ['/', '/public', '/public/items']) {
      await page.goto(path)
      const results = await new AxeBuilder({ page }).analyze()
      expect(
        results.violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`),
      ).toEqual([])
    }
  })
})

test('each role finds its own work', async ({ signInAs }) => {
  // A working group member submits a KAZ item: it awaits the committee and the secretariat.
  const nurlan = await signInAs('wg.kaz')
  const submitted = await nurlan.request.post('/api/v1/items/CITA-13-a/transitions', {
    data: { to: 'under_review' },
  })
  expect(submitted.status()).toBe(200)

  const member = await signInAs('sc')
  await member.goto('/')
  const toScore = myWork(member).getByRole('region', { name: /Under review, not scored by you/ })
  await expect(toScore.getByRole('link', { name: /^CITA-13-a:/ })).toBeVisible()
  await expect(myWork(member).getByRole('region', { name: /^Next meetings/ })).toBeVisible()

  const aigerim = await signInAs('secretariat')
  await aigerim.goto('/')
  const awaiting = myWork(aigerim).getByRole('region', { name: /Awaiting a committee decision/ })
  await expect(awaiting.getByRole('link', { name: /^CITA-13-a:/ })).toBeVisible()
  const count = Number(/\((\d+)\)/.exec((await awaiting.getByRole('heading').textContent())!)![1])
  await awaiting.getByRole('link', { name: /^All \d+ in the table|The 1 item in the table/ }).click()
  expect(await tableTotal(aigerim)).toBe(count)
  await aigerim.goto('/')
  await expect(myWork(aigerim).getByRole('region', { name: /Recent imports/ })).toBeVisible()

  // The secretariat returns it: the working group sees it returned for revision, and as its move.
  const returned = await aigerim.request.post('/api/v1/items/CITA-13-a/transitions', {
    data: { to: 'proposed', reason: 'Add the lead agency.' },
  })
  expect(returned.status()).toBe(200)
  await nurlan.goto('/')
  await expect(
    myWork(nurlan)
      .getByRole('region', { name: /Returned to you for revision/ })
      .getByRole('link', { name: /^CITA-13-a:/ }),
  ).toBeVisible()
  const yourMove = myWork(nurlan).getByRole('region', { name: /waiting for your next move/ })
  await expect(yourMove.getByRole('link', { name: /^CITA-13-a:/ })).toBeVisible()
  const moves = Number(/\((\d+)\)/.exec((await yourMove.getByRole('heading').textContent())!)![1])
  await yourMove.getByRole('link', { name: /^All \d+ in the table/ }).click()
  expect(await tableTotal(nurlan)).toBe(moves)
  await nurlan.goto('/')
  await expect(
    myWork(nurlan)
      .getByRole('region', { name: /Cost or years missing/ })
      .getByRole('link', { name: /^CITA-/ })
      .first(),
  ).toBeVisible()

  // A gap no partner has flagged is ADB's to consider; once flagged, it is among ADB's flags.
  await aigerim.goto('/items/CITA-20-b/edit')
  await aigerim.getByLabel('Cost (USD m)').fill('987')
  await aigerim.getByRole('button', { name: 'Save' }).click()
  const maria = await signInAs('partner.adb')
  await maria.goto('/')
  const gaps = myWork(maria).getByRole('region', { name: /Largest gaps your organisation has not flagged/ })
  await expect(gaps.getByRole('link', { name: /^CITA-20-b:/ })).toBeVisible()
  await expect(gaps).toContainText('gap USD 987 m')
  await maria.goto('/items/CITA-20-b')
  const region = maria.getByRole('region', { name: 'Co-financing', exact: true })
  await region.getByLabel('Instrument (required)').selectOption({ label: 'Grant' })
  await region.getByLabel('Stage (required)').selectOption({ label: 'In discussion' })
  await region.getByRole('button', { name: 'Flag interest' }).click()
  await expect(region.getByRole('button', { name: 'Update flag' })).toBeVisible()
  await maria.goto('/')
  await expect(gaps.getByRole('link', { name: /^CITA-20-b:/ })).toHaveCount(0)
  const own = myWork(maria).getByRole('region', { name: /co-financing flags/ })
  await expect(own.getByRole('listitem').filter({ hasText: 'CITA-20-b' })).toContainText('In discussion')
  // The dashboard's interest chart counts it, and its bar opens the table of ADB's flags at that stage.
  const bar = chart(maria, /^Co-financing interest/)
    .getByRole('link', { name: /^In discussion,/ })
    .first()
  const flagged = await itemsOf(bar)
  await bar.click()
  expect(await tableTotal(maria)).toBe(flagged)

  await maria.goto('/items/CITA-20-b')
  await region.getByRole('button', { name: 'Withdraw flag' }).click()
  await expect(region.getByRole('button', { name: 'Flag interest' })).toBeVisible()
  await aigerim.goto('/items/CITA-20-b/edit')
  await aigerim.getByLabel('Cost (USD m)').fill('')
  await aigerim.getByRole('button', { name: 'Save' }).click()
  await expect(aigerim).toHaveURL(/\/items\/CITA-20-b$/)

  // Viewers have no work list.
  const vera = await signInAs('viewer')
  await vera.goto('/')
  await expect(vera.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
  await expect(myWork(vera)).toHaveCount(0)
})
