import type { Page } from '@playwright/test'
import { USERS, expect, test } from '../setup/e2e-fixtures'

// A written procedure from opening to the items endorsed (issue 11): the secretariat puts two items
// under review to the steering committee with a deadline; each member finds it in their inbox and
// votes (it also waits in their "my work"); when the last member has voted the procedure closes, and the items are endorsed through
// the workflow, the history saying so. The items (CITA-12-a, CITA-12-b) are touched by no other spec.

const ITEMS = ['CITA-12-a', 'CITA-12-b']
const TITLE = 'Endorsement of the customs items, spring round'

const workflow = (page: Page) => page.getByRole('region', { name: 'Workflow' })
const fact = (page: Page, label: string) => workflow(page).locator(`dt:text-is("${label}") + dd`)

async function vote(page: Page, choice: 'Endorse' | 'Object' | 'Abstain', comment: string) {
  await page.goto('/inbox')
  await page
    .getByRole('link', { name: new RegExp(`asks for your vote by written procedure “${TITLE}”`) })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
  const form = page.locator('form.vote-form')
  await form.getByRole('radio', { name: choice }).check()
  await form.getByLabel('Comment (optional)').fill(comment)
  await form.getByRole('button', { name: 'Cast my vote' }).click()
}

test('a written procedure, from opening to the items endorsed', async ({ signInAs }) => {
  const aigerim = await signInAs('secretariat')
  const batbayar = await signInAs('sc')
  const elena = await signInAs('sc2')

  // The items are submitted for review; one member alone may not endorse them.
  for (const ref of ITEMS) {
    await aigerim.goto(`/items/${ref}`)
    await workflow(aigerim).getByRole('button', { name: 'Submit for review' }).click()
    await expect(fact(aigerim, 'Status')).toHaveText('Under review')
  }
  await batbayar.goto(`/items/${ITEMS[0]}`)
  await expect(workflow(batbayar).getByRole('button', { name: 'Endorse' })).toHaveCount(0)

  // The secretariat finds written procedures in the header, as every signed-in reader does.
  await aigerim.goto('/meetings')
  await aigerim.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Procedures' }).click()
  await aigerim.getByRole('link', { name: 'Open a written procedure' }).click()
  await aigerim.getByLabel('Title').fill(TITLE)
  await aigerim.getByLabel('Deadline (UTC)').fill('2099-06-30T17:00')
  await aigerim.getByLabel('Items (refs)').fill(ITEMS.join('\n'))
  await aigerim.getByRole('button', { name: 'Open the procedure' }).click()
  await expect(aigerim.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
  await expect(aigerim.getByText('Voting is open until 2099-06-30 17:00 UTC.')).toBeVisible()
  await expect(aigerim.getByText('0 endorse, 0 object, 0 abstain; 2 members')).toBeVisible()

  // It waits in each member's work on the dashboard.
  await elena.goto('/')
  const toVote = elena
    .getByRole('region', { name: 'My work' })
    .getByRole('region', { name: /Written procedures awaiting your vote/ })
  await expect(toVote.getByRole('link', { name: TITLE })).toBeVisible()
  await expect(toVote).toContainText('vote by 2099-06-30 17:00 UTC')

  // Each member votes from their inbox; a vote is final.
  await vote(batbayar, 'Endorse', 'Both fit the CITA 2030 priorities.')
  await expect(batbayar.getByRole('status')).toHaveText(
    'Your vote is recorded. The procedure closes at its deadline, or when every member has voted.',
  )
  await expect(batbayar.getByText('Your vote: Endorse.')).toBeVisible()
  await expect(batbayar.locator('form.vote-form')).toHaveCount(0)

  await vote(elena, 'Endorse', '')
  // The last vote closes it: the items are endorsed.
  await expect(elena.locator('#procedure-outcome')).toHaveText(
    'The committee endorsed the items by written procedure.',
  )
  const rows = elena.getByRole('table').first().getByRole('row')
  await expect(rows.nth(1)).toContainText('Endorsed')
  await expect(rows.nth(2)).toContainText('Endorsed')

  // The secretariat sees who voted what; the list shows the outcome.
  await aigerim.reload()
  const votes = aigerim.getByRole('table').nth(1)
  await expect(votes).toContainText(`${USERS.sc.name}EndorseBoth fit the CITA 2030 priorities.`)
  await expect(votes).toContainText(`${USERS.sc2.name}Endorse`)
  await aigerim.goto('/procedures')
  await expect(aigerim.getByRole('row', { name: new RegExp(TITLE) })).toContainText('Endorsed')

  // The item page tells it: endorsed, by the committee's written procedure.
  await batbayar.goto(`/items/${ITEMS[1]}`)
  await expect(fact(batbayar, 'Status')).toHaveText('Endorsed')
  const history = batbayar.getByRole('region', { name: 'History' }).getByRole('listitem')
  await expect(history.first()).toContainText(
    `Written procedure “${TITLE}” closed: the committee endorsed it (2 endorse, 0 object, 0 abstain; 2 members)`,
  )
  await expect(history.nth(1)).toContainText(
    `${USERS.secretariat.name} moved the item from Under review to Endorsed`,
  )
})
