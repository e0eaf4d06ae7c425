import type { Page } from '@playwright/test'
import { USERS, expect, test, type User } from '../setup/e2e-fixtures'

// An item moves through the workflow: each person sees only the moves they may make, a move
// that needs a reason asks for it, and the timeline tells the story. The items here are proposed
// by Kazakhstan alone and touched by no other spec; the run's fresh database has them "proposed".

const JOURNEY = 'CITA-11-b'
const CRAFTED = 'CITA-12-d'

const workflow = (page: Page) => page.getByRole('region', { name: 'Workflow' })
const timeline = (page: Page) => page.getByRole('region', { name: 'History' }).getByRole('listitem')
const fact = (page: Page, label: string) => workflow(page).locator(`dt:text-is("${label}") + dd`)

async function open(page: Page, ref: string) {
  await page.goto(`/items/${ref}`)
  await expect(page.getByRole('heading', { name: 'Workflow' })).toBeVisible()
}

test('submitted, returned with a reason, resubmitted, endorsement left to the committee, with the timeline telling it', async ({
  signInAs,
}) => {
  const nurlan = await signInAs('wg.kaz')
  const aigerim = await signInAs('secretariat')
  const batbayar = await signInAs('sc')

  // The Kazakh working group submits its item for review.
  await open(nurlan, JOURNEY)
  await expect(fact(nurlan, 'Status')).toHaveText('Proposed')
  await expect(fact(nurlan, 'IATI activity status')).toHaveText('1 Pipeline/identification')
  await expect(workflow(nurlan).getByRole('button')).toHaveText(['Submit for review'])
  await workflow(nurlan).getByRole('button', { name: 'Submit for review' }).click()
  await expect(fact(nurlan, 'Status')).toHaveText('Under review')
  await expect(nurlan.locator('.badges')).toContainText('Under review')
  await expect(workflow(nurlan).getByRole('button')).toHaveCount(0)
  await expect(workflow(nurlan)).toContainText('There is no status change you can make on this item now.')
  await expect(timeline(nurlan).first()).toContainText(
    `${USERS['wg.kaz'].name} moved the item from Proposed to Under review`,
  )

  // The secretariat returns it; the reason is required and asked for beside its box.
  await open(aigerim, JOURNEY)
  await expect(workflow(aigerim).getByRole('button')).toHaveText([
    'Return for revision',
    'Put on hold',
    'Drop',
  ])
  const returnForm = workflow(aigerim).locator('form', {
    has: aigerim.getByRole('button', { name: 'Return for revision' }),
  })
  const reason = returnForm.getByLabel('Reason for returning it for revision (required)')
  await returnForm.getByRole('button', { name: 'Return for revision' }).click()
  await expect(reason).toHaveAccessibleDescription('Give a reason: this change needs one.')
  await expect(returnForm.getByRole('alert')).toHaveText('Give a reason: this change needs one.')
  await expect(fact(aigerim, 'Status')).toHaveText('Under review')
  await reason.fill('Add the indicative cost and the lead agency.')
  await returnForm.getByRole('button', { name: 'Return for revision' }).click()
  await expect(fact(aigerim, 'Status')).toHaveText('Proposed')
  await expect(timeline(aigerim).first()).toContainText(
    `${USERS.secretariat.name} moved the item from Under review to Proposed`,
  )
  await expect(timeline(aigerim).first()).toContainText(
    'Reason: Add the indicative cost and the lead agency.',
  )

  // The working group resubmits.
  await nurlan.reload()
  await workflow(nurlan).getByRole('button', { name: 'Submit for review' }).click()
  await expect(fact(nurlan, 'Status')).toHaveText('Under review')

  // One committee member may not endorse alone (issue 11): endorsing is the committee's decision,
  // at a meeting or by written procedure (tests/e2e/procedures.spec.ts); the page says so.
  await open(batbayar, JOURNEY)
  await expect(workflow(batbayar).getByRole('button')).toHaveText(['Put on hold', 'Drop'])
  await expect(workflow(batbayar)).toContainText(
    "Endorsement is the committee's decision: at a meeting, or by written procedure.",
  )

  // The timeline, newest first: who, when (in UTC), what and why.
  const steps = timeline(batbayar)
  await expect(steps).toHaveText([
    new RegExp(
      `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC ${USERS['wg.kaz'].name} moved the item from Proposed to Under review$`,
    ),
    new RegExp(
      `UTC ${USERS.secretariat.name} moved the item from Under review to Proposed\\s*Reason: Add the indicative cost and the lead agency\\.$`,
    ),
    new RegExp(`UTC ${USERS['wg.kaz'].name} moved the item from Proposed to Under review$`),
    /UTC Imported from a plan file as Proposed$/,
  ])
})

test.describe('moves nobody was offered', () => {
  async function post(
    signInAs: (user: User) => Promise<Page>,
    user: User,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const page = await signInAs(user)
    return page.request.post(`/api/v1/items/${CRAFTED}/transitions`, { data: body, headers, maxRedirects: 0 })
  }
  async function statusOf(signInAs: (user: User) => Promise<Page>) {
    const page = await signInAs('viewer')
    return (await (await page.request.get(`/api/v1/items/${CRAFTED}`)).json()).status
  }

  test('are refused with 403, 409 or 400 and a message, and leave the status as it was', async ({
    signInAs,
  }) => {
    expect(await statusOf(signInAs)).toBe('proposed')

    // Not a move from "proposed" at all.
    let response = await post(signInAs, 'wg.kaz', { to: 'endorsed' })
    expect(response.status()).toBe(409)
    expect(await response.json()).toMatchObject({
      error: 'not_allowed_from_state',
      message: 'An item that is Proposed cannot go to Endorsed.',
    })

    // Not their country's item.
    response = await post(signInAs, 'wg.uzb', { to: 'under_review' })
    expect(response.status()).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'forbidden' })

    // Viewers and partners make no moves.
    for (const user of ['viewer', 'partner.adb'] as const) {
      response = await post(signInAs, user, { to: 'under_review' })
      expect(response.status(), user).toBe(403)
      expect((await response.json()).message).toBe(
        'Development partners and viewers follow items but make no status changes.',
      )
    }

    // Dropping needs a reason.
    response = await post(signInAs, 'sc', { to: 'dropped', reason: ' ' })
    expect(response.status()).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'reason_required' })

    // From another site, the session cookie alone is not enough.
    response = await post(signInAs, 'secretariat', { to: 'under_review' }, { Origin: 'http://evil.example' })
    expect(response.status()).toBe(403)

    // An unknown status or field is a bad request.
    response = await post(signInAs, 'secretariat', { to: 'finished' })
    expect(response.status()).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'bad_request', field: 'to' })
    response = await post(signInAs, 'secretariat', { to: 'under_review', status: 'approved' })
    expect(response.status()).toBe(400)

    expect(await statusOf(signInAs)).toBe('proposed')
    const history = await (
      await (await signInAs('viewer')).request.get(`/api/v1/items/${CRAFTED}/history`)
    ).json()
    expect(history.history.map((entry: { kind: string }) => entry.kind)).toEqual(['imported'])
  })

  test("the allowed move answers 200 with the item; the next one is the committee's (403) and the history lists it", async ({
    signInAs,
  }) => {
    let response = await post(signInAs, 'wg.kaz', { to: 'under_review', reason: 'Ready for the RTG meeting' })
    expect(response.status()).toBe(200)
    expect(await response.json()).toMatchObject({ ref: CRAFTED, status: 'under_review', iati_status: 1 })

    response = await post(signInAs, 'wg.kaz', { to: 'endorsed' })
    expect(response.status()).toBe(403)
    expect((await response.json()).message).toBe(
      'Endorsing (Under review to Endorsed) is a decision of the steering committee as a whole: the secretariat records it from a meeting, or a written procedure decides it. No one member endorses alone.',
    )
    expect(await statusOf(signInAs)).toBe('under_review')

    const viewer = await signInAs('viewer')
    const history = await (await viewer.request.get(`/api/v1/items/${CRAFTED}/history`)).json()
    expect(history.history).toHaveLength(2)
    expect(history.history[0]).toMatchObject({
      kind: 'transition',
      by: USERS['wg.kaz'].name,
      details: { from: 'proposed', to: 'under_review', reason: 'Ready for the RTG meeting' },
    })
    expect(history.history[0].at).toMatch(/Z$/)
    expect(history.history[1]).toMatchObject({ kind: 'imported', by: null })
    expect((await viewer.request.get('/api/v1/items/NO-SUCH-REF/history')).status()).toBe(404)

    // The viewer's page offers nothing.
    await open(viewer, CRAFTED)
    await expect(workflow(viewer).getByRole('button')).toHaveCount(0)
    await expect(fact(viewer, 'Status')).toHaveText('Under review')
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, as: 'secretariat' })

  test('the server asks for the missing reason beside its box; on hold, the item resumes where it was', async ({
    page,
  }) => {
    await open(page, CRAFTED)
    const before = (await fact(page, 'Status').textContent())!.trim()
    const hold = workflow(page).locator('form', { has: page.getByRole('button', { name: 'Put on hold' }) })
    await hold.getByRole('button', { name: 'Put on hold' }).click()
    const reason = hold.getByLabel('Reason for putting it on hold (required)')
    await expect(reason).toHaveAccessibleDescription('Give a reason: this change needs one.')
    await expect(fact(page, 'Status')).toHaveText(before)

    await reason.fill('Waiting for the 2027 budget.')
    await hold.getByRole('button', { name: 'Put on hold' }).click()
    await expect(fact(page, 'Status')).toHaveText('On hold')
    await expect(fact(page, 'IATI activity status')).toHaveText('6 Suspended')
    await expect(timeline(page).first()).toContainText(`moved the item from ${before} to On hold`)

    // Back to where it was, or dropped: nothing else.
    await expect(workflow(page).getByRole('button')).toHaveText([`Resume (${before})`, 'Drop'])
    await workflow(page)
      .getByRole('button', { name: `Resume (${before})` })
      .click()
    await expect(fact(page, 'Status')).toHaveText(before)
    await expect(timeline(page).first()).toContainText(`moved the item from On hold to ${before}`)
  })
})
