import type { Page } from '@playwright/test'
import { USERS, expect, test } from '../setup/e2e-fixtures'

// Two people edit the same item at once. The second save must not silently overwrite the first:
// it is refused, shows what changed meanwhile and keeps what the second person typed.

const REF = 'CITA-02-d' // proposed by UZB alone: both the UZB working group and the secretariat may edit it

const fact = (page: Page, label: string) => page.locator(`dt:text-is("${label}") + dd`)

async function openEditor(page: Page) {
  await page.goto(`/items/${REF}/edit`)
  await expect(page.getByRole('heading', { name: `Edit ${REF}` })).toBeVisible()
}

test('the second of two simultaneous saves is refused, then saved over on purpose', async ({ signInAs }) => {
  const dilnoza = await signInAs('wg.uzb')
  const aigerim = await signInAs('secretariat')
  await openEditor(dilnoza)
  await openEditor(aigerim)
  const originalTitle = await aigerim.getByLabel('Title (English)').inputValue()
  const newTitle = `Reconstruct three border crossing points (revised ${Date.now()})`
  // Values of this run's own, so a rerun on the same database still changes something.
  const costBefore = await aigerim.getByLabel('Cost (USD m)').inputValue()
  const cost = String(100 + (Date.now() % 900))
  // (Status is not on the form: it changes through the workflow, see workflow.spec.ts.)
  const importance = (await aigerim.getByLabel('Strategic importance').inputValue()) === '4' ? '2' : '4'

  // Dilnoza saves first.
  await dilnoza.getByLabel('Title (English)').fill(newTitle)
  await dilnoza.getByRole('button', { name: 'Save' }).click()
  await expect(dilnoza).toHaveURL(new RegExp(`/items/${REF}$`))
  await expect(dilnoza.getByRole('heading', { level: 1 })).toHaveText(newTitle)

  // Aigerim, still on the form she opened before, adds the cost and saves.
  await aigerim.getByLabel('Cost (USD m)').fill(cost)
  await aigerim.getByLabel('Strategic importance').selectOption(importance)
  await aigerim.getByRole('button', { name: 'Save' }).click()

  const notice = aigerim
    .getByRole('alert')
    .filter({ hasText: 'Someone else saved this item while you were editing' })
  await expect(notice).toBeVisible()
  await expect(notice).toContainText(
    'Nothing of yours was saved, and your changes are still in the form below.',
  )
  await expect(aigerim).toHaveURL(new RegExp(`/items/${REF}/edit$`))

  const changes = notice.getByRole('table', { name: 'What they changed' })
  await expect(changes.getByRole('columnheader').nth(1)).toHaveText('when you opened it')
  await expect(changes.getByRole('columnheader').nth(2)).toHaveText('now')
  const titleRow = changes.getByRole('row', { name: /Title \(English\)/ })
  await expect(titleRow.getByRole('cell')).toHaveText([originalTitle, newTitle])
  await expect(changes.getByRole('row')).toHaveCount(2) // the header and the one change

  // What Aigerim typed is still there, including the title she did not touch.
  await expect(aigerim.getByLabel('Cost (USD m)')).toHaveValue(cost)
  await expect(aigerim.getByLabel('Strategic importance')).toHaveValue(importance)
  await expect(aigerim.getByLabel('Title (English)')).toHaveValue(originalTitle)

  // Nothing was overwritten: the item still has Dilnoza's title and its earlier cost.
  await dilnoza.reload()
  await expect(dilnoza.getByRole('heading', { level: 1 })).toHaveText(newTitle)
  await expect(fact(dilnoza, 'Cost (USD m)')).toHaveText(costBefore || '—')

  // Having seen the changes, Aigerim saves her version over Dilnoza's.
  await notice.getByRole('button', { name: 'Save my version over theirs' }).click()
  await expect(aigerim).toHaveURL(new RegExp(`/items/${REF}$`))
  await expect(aigerim.getByRole('heading', { level: 1 })).toHaveText(originalTitle)
  await expect(fact(aigerim, 'Cost (USD m)')).toHaveText(cost)
  await expect(fact(aigerim, 'Strategic importance')).toHaveText(`${importance} of 5`)
  await expect(aigerim.getByText(`by ${USERS.secretariat.name}`, { exact: false })).toBeVisible()
})

test('"Discard mine and load theirs" reopens the form with the saved values', async ({ signInAs }) => {
  const first = await signInAs('secretariat')
  const second = await signInAs('secretariat')
  const ref = 'CITA-02-i'
  // Years of this run's own, so a rerun on the same database still changes something.
  const start = String(2000 + (Date.now() % 60))
  const end = String(2090 + (Date.now() % 10))
  await first.goto(`/items/${ref}/edit`)
  await second.goto(`/items/${ref}/edit`)
  const startBefore = await second.getByLabel('Start year').inputValue()
  const endBefore = await second.getByLabel('End year').inputValue()

  await first.getByLabel('Start year').fill(start)
  await first.getByRole('button', { name: 'Save' }).click()
  await expect(first).toHaveURL(new RegExp(`/items/${ref}$`))

  await second.getByLabel('End year').fill(end)
  await second.getByRole('button', { name: 'Save' }).click()
  await expect(
    second.getByText('Someone else saved this item while you were editing', { exact: false }),
  ).toBeVisible()
  await expect(
    second
      .getByRole('table', { name: 'What they changed' })
      .getByRole('row', { name: /Start year/ })
      .getByRole('cell'),
  ).toHaveText([startBefore || '(empty)', start])

  await second.getByRole('link', { name: 'Discard mine and load theirs' }).click()
  await expect(
    second.getByText('Someone else saved this item while you were editing', { exact: false }),
  ).toHaveCount(0)
  await expect(second.getByLabel('Start year')).toHaveValue(start)
  await expect(second.getByLabel('End year')).toHaveValue(endBefore)

  // Saving from the fresh form is not a conflict.
  await second.getByLabel('End year').fill(end)
  await second.getByRole('button', { name: 'Save' }).click()
  await expect(second).toHaveURL(new RegExp(`/items/${ref}$`))
  await expect(fact(second, 'Years')).toHaveText(`${start}–${end}`)
})
