import type { Page } from '@playwright/test'
import { expect, test, USERS } from '../setup/e2e-fixtures'

// The interface in the programme's three languages: the header's switcher on every page (signed
// in or not, with or without JavaScript), a shared link's ?lng=, and amounts typed the Russian way.

const html = (page: Page) => page.locator('html')
const switcher = (page: Page) => page.getByRole('form', { name: /Language|Язык|语言/ })

test.describe('a signed-out visitor', () => {
  test('switches the sign-in page to Russian, then to Chinese, and the choice stays', async ({ page }) => {
    await page.goto('/login')
    await expect(html(page)).toHaveAttribute('lang', 'en')
    await expect(switcher(page).getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )

    await switcher(page).getByRole('button', { name: 'Русский' }).click()

    await expect(html(page)).toHaveAttribute('lang', 'ru')
    await expect(page.getByRole('heading', { name: 'Вход в CAREC Pipeline' })).toBeVisible()
    await expect(page.getByLabel('Электронная почта')).toBeVisible()
    await expect(page).toHaveTitle('Войти · CAREC Pipeline')

    await switcher(page).getByRole('button', { name: '中文' }).click()

    await expect(html(page)).toHaveAttribute('lang', 'zh-Hans')
    await expect(page.getByRole('heading', { name: '登录 CAREC Pipeline' })).toBeVisible()
    await expect(page.getByRole('button', { name: '登录' })).toBeVisible()

    // Remembered in a cookie: a fresh visit to another address is still Chinese.
    await page.goto('/items')
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fitems$/)
    await expect(html(page)).toHaveAttribute('lang', 'zh-Hans')
  })

  test('follows the browser’s language on a first visit', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'ru-RU' })
    const page = await context.newPage()
    await page.goto('/login')
    await expect(html(page)).toHaveAttribute('lang', 'ru')
    await expect(page.getByRole('heading', { name: 'Вход в CAREC Pipeline' })).toBeVisible()
    await context.close()
  })

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false })

    test('the switcher is a plain form that comes back to the same page', async ({ page }) => {
      await page.goto('/login?redirectTo=%2Fgaps')
      await switcher(page).getByRole('button', { name: 'Русский' }).click()
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Fgaps$/)
      await expect(html(page)).toHaveAttribute('lang', 'ru')
      await expect(page.getByRole('heading', { name: 'Вход в CAREC Pipeline' })).toBeVisible()
    })
  })
})

test.describe('a signed-in working group member', () => {
  test.use({ as: 'wg.kaz' })

  test('opens a shared ?lng=zh link, and the next pages stay in Chinese', async ({ page }) => {
    await page.goto('/items?lng=zh')
    await expect(html(page)).toHaveAttribute('lang', 'zh-Hans')
    await expect(page.getByRole('heading', { name: '项目组合', level: 1 })).toBeVisible()
    await expect(page.getByRole('banner')).toContainText(`已登录：${USERS['wg.kaz'].name}（工作组 · KAZ）`)

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '资金缺口' }).click()
    await expect(page).toHaveURL(/\/gaps$/)
    await expect(page.getByRole('heading', { name: '资金缺口', level: 1 })).toBeVisible()
    await expect(html(page)).toHaveAttribute('lang', 'zh-Hans')
  })

  test('reads lists in the table with the Chinese enumeration comma', async ({ page }) => {
    // "政策对话, 投资项目" mixed a half-width comma into Chinese text; 、 joins a Chinese list
    await page.goto('/items?lng=zh&cols=ref,modalities,proposers&pageSize=100')
    const cells = page.locator('table.items tbody td')
    const texts = await cells.allInnerTexts()
    const titles = await page
      .locator('table.items tbody td span[title]')
      .evaluateAll((spans) => spans.map((span) => span.getAttribute('title') ?? ''))
    expect(texts.filter((text) => text.includes('、')).length).toBeGreaterThan(0)
    expect(titles.filter((title) => title.includes('、')).length).toBeGreaterThan(0)
    expect([...texts, ...titles].filter((text) => /[\u4e00-\u9fff], /.test(text))).toEqual([])
  })

  test('reads the following status in Chinese without a space after 。', async ({ page }) => {
    await page.goto('/items/CITA-01-a?lng=zh')
    const why = page.locator('#follow-why')
    await expect(why).toContainText('关注者会收到')
    expect(await why.innerText()).not.toMatch(/。 /)
    // a label before its value takes the full-width colon
    await expect(page.getByText(/来源：CITA 2030/)).toBeVisible()
  })

  test('meets an address that does not exist in Russian, still signed in', async ({ page }) => {
    const answer = await page.goto('/no-such-page?lng=ru')
    expect(answer!.status()).toBe(404)
    await expect(html(page)).toHaveAttribute('lang', 'ru')
    await expect(page.getByRole('heading', { name: 'Не найдено', level: 1 })).toBeVisible()
    await expect(page.getByRole('banner').getByRole('button', { name: 'Выйти' })).toBeVisible()
    await expect(page.getByText('Not found')).toHaveCount(0)
  })

  test('is told in Russian beside the field that the passwords differ, and the field has the focus', async ({
    page,
  }) => {
    await page.goto('/account?lng=ru')
    await page.getByLabel('Текущий пароль').fill('not the real one at all')
    await page.getByLabel('Новый пароль', { exact: true }).fill('walnut groves beyond the river')
    const again = page.getByLabel('Новый пароль еще раз')
    await again.fill('walnut groves beyond the lake')
    await page.getByRole('button', { name: 'Сменить пароль' }).click()
    await expect(again).toHaveAccessibleDescription(/Пароли не совпадают\./)
    await expect(again).toBeFocused()
  })

  test('types amounts the Russian way (1 234,5) and reads them back so', async ({ page }) => {
    await page.goto('/items/CITA-07-e/edit?lng=ru')
    await expect(html(page)).toHaveAttribute('lang', 'ru')
    await page.getByLabel('Стоимость (млн долл. США)').fill('1 234,5')
    // Secured equal to the cost: the item gets no funding gap, so other journeys' gap lists stay as they were.
    await page.getByLabel('Обеспечено (млн долл. США)').fill('1234,5')
    await page.getByRole('button', { name: 'Сохранить' }).click()

    await expect(page).toHaveURL(/\/items\/CITA-07-e$/)
    await expect(page.getByText(/1\s234,5/).first()).toBeVisible()
    // the history says the new amount the same way, not as stored (1234.5)
    await expect(
      page
        .getByRole('region', { name: 'История изменений' })
        .getByRole('listitem')
        .filter({ hasText: /^Стоимость/ })
        .first(),
    ).toHaveText(/^Стоимость \(млн долл\. США\): .+ → 1\s234,5$/)

    await page.goto('/items/CITA-07-e/edit')
    await expect(page.getByLabel('Стоимость (млн долл. США)')).toHaveValue('1234,5')
  })
})

test.describe('a working group member reading in Chinese', () => {
  test.use({ as: 'wg.kaz' })
  test('reads their own KPI reports with full-width punctuation', async ({ page }) => {
    // "您负责的 2025 报告： 哈萨克斯坦 (未开始)" had a space after ： and half-width brackets
    await page.goto('/reports?period=2025&lng=zh')
    const yours = page.locator('p.notice').filter({ hasText: '您负责的 2025 报告' })
    await expect(yours).toContainText('您负责的 2025 报告：哈萨克斯坦（')
    expect(await yours.innerText()).not.toMatch(/[()]|： /)
  })

  test('reads the times on their account pages the Chinese way', async ({ page }) => {
    // the sessions table, the people pages and the tokens wrote "2026-12-01 10:41 UTC" in every language
    await page.goto('/account?lng=zh')
    const sessions = page.locator('main table').first()
    await expect(sessions).toContainText(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} UTC/)
    expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/)
  })
})
