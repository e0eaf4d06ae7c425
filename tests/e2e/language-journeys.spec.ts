import type { Page } from '@playwright/test'
import { en } from '../../app/i18n/en'
import { ru } from '../../app/i18n/ru'
import { zh } from '../../app/i18n/zh'
import { catalogueProblems } from '../setup/catalogue-text'
import { expect, test, USERS } from '../setup/e2e-fixtures'

// Issue 9's journeys in the reader's own language, every label and message taken from the
// catalogues (app/i18n/ru.ts, zh.ts) and each page checked for English catalogue strings and raw
// keys (tests/setup/catalogue-text.ts). The items here are touched by no other spec, and each
// journey puts back what it changed: CITA-02-h returns to Proposed without its Russian title
// (its comment stays, as comments change no item), CITA-19-a gets its English title back.

const JOURNEY = 'CITA-02-h'
const OUTDATED = 'CITA-19-a'

/** A catalogue string with its {{placeholders}} filled in, as i18next writes it. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`)
}

async function expectRussianOnly(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru')
  expect(await catalogueProblems(page, 'ru'), page.url()).toEqual([])
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })
const fact = (page: Page, label: string) =>
  region(page, ru.workflow.title).locator(`dt:text-is("${label}") + dd`)

test('the Kazakh working group filters, edits, submits, comments and reads its inbox, all in Russian', async ({
  signInAs,
}) => {
  test.setTimeout(120_000)
  const nurlan = await signInAs('wg.kaz')
  const russianTitle =
    'Создание мультимодальных логистических центров (сухих портов, терминалов) у ключевых пунктов пропуска'

  // The portfolio, narrowed to Kazakhstan's items and a search for the area's references.
  await nurlan.goto('/items?lng=ru')
  await expect(nurlan.getByRole('heading', { name: ru.list.title, level: 1 })).toBeVisible()
  await expect(nurlan.getByRole('banner')).toContainText(
    fill(ru.app.signedInAs, { name: USERS['wg.kaz'].name, role: `${ru.role.working_group} · KAZ` }),
  )
  const filters = nurlan.getByRole('search', { name: ru.list.filters })
  await filters
    .locator('summary')
    .filter({ hasText: new RegExp(`^${ru.field.proposers}`) })
    .click()
  await nurlan
    .getByRole('group', { name: ru.field.proposers, exact: true })
    .getByRole('checkbox', { name: `KAZ · ${ru.country.KAZ}` })
    .check()
  await filters.getByLabel(ru.list.search).fill('CITA-02')
  await filters.getByRole('button', { name: ru.list.apply }).click()
  await expect(nurlan).toHaveURL(/[?&]proposers=KAZ(&|$)/)
  const rows = nurlan.getByRole('table').locator('tbody tr')
  await expect(rows.filter({ hasText: JOURNEY })).toHaveCount(1)
  for (const row of await rows.allInnerTexts()) expect(row).toContain('KAZ')
  await expect(
    filters.locator('summary').filter({ hasText: new RegExp(`^${ru.field.proposers}`) }),
  ).toContainText(fill(ru.list.selected, { count: '1' }))
  await expectRussianOnly(nurlan)

  // The item, then its form: a Russian title added.
  await rows.filter({ hasText: JOURNEY }).getByRole('link').first().click()
  await expect(nurlan).toHaveURL(new RegExp(`/items/${JOURNEY}$`))
  await expect(nurlan.getByRole('heading', { name: ru.workflow.title })).toBeVisible()
  await expect(fact(nurlan, ru.field.status)).toHaveText(ru.status.proposed)
  await expectRussianOnly(nurlan)
  await nurlan.getByRole('link', { name: ru.item.edit, exact: true }).click()
  await expect(nurlan.getByRole('heading', { name: fill(ru.form.editTitle, { ref: JOURNEY }) })).toBeVisible()
  await expectRussianOnly(nurlan)
  await nurlan.getByLabel(ru.field.title_ru, { exact: true }).fill(russianTitle)
  await nurlan.getByRole('button', { name: ru.form.save, exact: true }).click()
  await expect(nurlan).toHaveURL(new RegExp(`/items/${JOURNEY}$`))
  const heading = nurlan.getByRole('heading', { level: 1 })
  await expect(heading).toHaveText(russianTitle)
  await expect(heading.locator('[lang="ru"]')).toHaveText(russianTitle)

  // Submitted for review.
  await region(nurlan, ru.workflow.title).getByRole('button', { name: ru.workflow.action.submit }).click()
  await expect(fact(nurlan, ru.field.status)).toHaveText(ru.status.under_review)
  await expect(region(nurlan, ru.workflow.title)).toContainText(ru.workflow.none)
  await expect(region(nurlan, ru.history.title).getByRole('listitem').first()).toContainText(
    fill(ru.history.transition, {
      who: USERS['wg.kaz'].name,
      from: ru.status.proposed,
      to: ru.status.under_review,
    }),
  )

  // A comment: an empty one refused with the Russian message, then posted.
  const comments = region(nurlan, ru.comments.title)
  const box = comments.getByLabel(ru.comments.label, { exact: true })
  await comments.getByRole('button', { name: ru.comments.post }).click()
  await expect(comments.getByRole('alert')).toHaveText(ru.comments.empty)
  await box.fill('Просим секретариат уточнить сроки строительства.')
  await comments.getByRole('button', { name: ru.comments.post }).click()
  await expect(comments.locator('.comment-body').filter({ hasText: 'уточнить сроки' })).toHaveCount(1)
  await expect(box).toHaveValue('')
  await expectRussianOnly(nurlan)

  // The secretariat returns it with a reason: the working group's inbox says so in Russian.
  const reason = 'Укажите ведущее ведомство.'
  const returned = await (
    await signInAs('secretariat')
  ).request.post(`/api/v1/items/${JOURNEY}/transitions`, { data: { to: 'proposed', reason } })
  expect(returned.status()).toBe(200)
  await nurlan
    .getByRole('navigation', { name: ru.app.mainNav })
    .getByRole('link', { name: new RegExp(`^${ru.app.inbox}`) })
    .click()
  await expect(nurlan).toHaveURL(/\/inbox$/)
  await expect(nurlan.getByRole('heading', { name: ru.notifications.title, level: 1 })).toBeVisible()
  const entry = nurlan.getByRole('listitem').filter({
    has: nurlan.getByRole('link', {
      name: fill(ru.notifications.transition, {
        who: USERS.secretariat.name,
        ref: JOURNEY,
        from: ru.status.under_review,
        to: ru.status.proposed,
      }),
    }),
  })
  await expect(entry).toHaveCount(1)
  await expect(entry).toContainText(russianTitle)
  await expect(entry).toContainText(fill(ru.history.reason, { reason }))
  await expectRussianOnly(nurlan)

  // Put back: the Russian title removed (the status is Proposed again).
  await nurlan.goto(`/items/${JOURNEY}/edit`)
  await nurlan.getByLabel(ru.field.title_ru, { exact: true }).fill('')
  await nurlan.getByRole('button', { name: ru.form.save, exact: true }).click()
  await expect(nurlan).toHaveURL(new RegExp(`/items/${JOURNEY}$`))
  await expect(fact(nurlan, ru.field.status)).toHaveText(ru.status.proposed)
  await expect(heading.locator('[lang="ru"]')).toHaveCount(0)
})

test('a translation shows "may be outdated" after its English source changes, until it is confirmed', async ({
  signInAs,
}) => {
  test.setTimeout(120_000)
  const aigerim = await signInAs('secretariat')
  const nurlan = await signInAs('wg.kaz')
  const reader = await signInAs('sc')

  async function saveEnglishTitle(title: string) {
    await aigerim.goto(`/items/${OUTDATED}/edit`)
    await aigerim.getByLabel(en.field.title_en, { exact: true }).fill(title)
    await aigerim.getByRole('button', { name: en.form.save, exact: true }).click()
    await expect(aigerim).toHaveURL(new RegExp(`/items/${OUTDATED}$`))
  }
  const zhTitle = { language: ru.itemText.language.zh, field: ru.item.translationGroup.title }
  const outdatedList = (page: Page) => page.getByRole('region', { name: ru.item.translationsTitle })
  const listedOutdated = (page: Page) =>
    page
      .goto(`/items?translation=zh&translation_state=outdated&q=${OUTDATED}`)
      .then(() => page.getByRole('table').locator('tbody tr').filter({ hasText: OUTDATED }))

  await aigerim.goto(`/items/${OUTDATED}/edit`)
  const original = await aigerim.getByLabel(en.field.title_en, { exact: true }).inputValue()
  await saveEnglishTitle(`${original} (revised)`)

  // A Chinese reader sees the Chinese title marked, with the reason in words for a screen reader.
  await reader.goto(`/items/${OUTDATED}?lng=zh`)
  const title = reader.getByRole('heading', { level: 1 })
  await expect(title.locator('.outdated-marker')).toHaveText(
    zh.itemText.outdated + fill(zh.itemText.outdatedLabel, { language: zh.itemText.language.zh }),
  )
  await expect(await listedOutdated(reader)).toHaveCount(1)

  // The Kazakh working group (the item is Kazakhstan's) confirms it, in Russian.
  await nurlan.goto(`/items/${OUTDATED}?lng=ru`)
  await expect(outdatedList(nurlan)).toContainText(fill(ru.item.translationOutdatedNotice, zhTitle))
  await expectRussianOnly(nurlan)
  await outdatedList(nurlan)
    .getByRole('button', { name: fill(ru.item.confirmTranslationLabel, zhTitle) })
    .click()
  await expect(nurlan).toHaveURL(new RegExp(`/items/${OUTDATED}$`))
  await expect(outdatedList(nurlan)).toHaveCount(0)
  // it says so, and the item's history keeps who vouched for which translation
  await expect(nurlan.getByRole('status', { name: ru.feedback.label })).toHaveText(
    fill(ru.feedback.translationConfirmed, { field: ru.field.title_zh, ref: OUTDATED }),
  )
  await expect(nurlan.locator('ol.timeline > li').first()).toContainText(
    fill(ru.history.translationConfirmed, { who: USERS['wg.kaz'].name, field: ru.field.title_zh }),
  )

  await reader.goto(`/items/${OUTDATED}`)
  await expect(title).toBeVisible()
  await expect(title.locator('.outdated-marker')).toHaveCount(0)
  await expect(await listedOutdated(reader)).toHaveCount(0)

  // Put back: the English title as it was, which outdates the Chinese one again; confirmed again.
  await saveEnglishTitle(original)
  const names = { language: en.itemText.language.zh, field: en.item.translationGroup.title }
  await aigerim.getByRole('button', { name: fill(en.item.confirmTranslationLabel, names) }).click()
  await expect(aigerim.getByRole('region', { name: en.item.translationsTitle })).toHaveCount(0)
})
