import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import { DEMO_PASSWORD, DEMO_USERS } from '../../db/seed'
import { en } from '../../app/i18n/en'

// The demo accounts of db/seed.ts, by the short name the specs use for them (the e-mail's local part).
export const PASSWORD = DEMO_PASSWORD
export const USER_NAMES = ['secretariat', 'wg.kaz', 'wg.uzb', 'sc', 'sc2', 'partner.adb', 'viewer'] as const
export type User = (typeof USER_NAMES)[number]

export interface DemoUser {
  email: string
  name: string
  /** what the header says after "Signed in as <name>", e.g. "Working group · KAZ" */
  roleLabel: string
}

export const USERS = Object.fromEntries(
  USER_NAMES.map((user) => {
    const demo = DEMO_USERS.find((u) => u.email === `${user}@demo.carec`)
    if (!demo) throw new Error(`db/seed.ts has no demo account ${user}@demo.carec`)
    const scope = demo.countries?.join(', ') || demo.organisation
    const role = en.role[demo.role]
    return [user, { email: demo.email, name: demo.name, roleLabel: scope ? `${role} · ${scope}` : role }]
  }),
) as Record<User, DemoUser>

// One folder per port, so two runs on different ports (E2E_PORT) never share sessions.
const AUTH_DIR = fileURLToPath(
  new URL(`../.tmp/e2e/${process.env.E2E_PORT ?? '3210'}/auth/`, import.meta.url),
)

/** The saved session of a demo user, written once per run by auth.setup.ts. */
export function sessionFile(user: User): string {
  return path.join(AUTH_DIR, `${user}.json`)
}

interface Fixtures {
  /** Who the test's `page` and `request` are signed in as (`test.use({ as: 'viewer' })`); null: signed out. */
  as: User | null
  /** Opens another browser window signed in as `user`, for journeys with two people at once. */
  signInAs: (user: User) => Promise<Page>
}

export const test = base.extend<Fixtures>({
  as: [null, { option: true }],
  storageState: async ({ as, storageState }, use) => {
    await use(as ? sessionFile(as) : storageState)
  },
  signInAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = []
    await use(async (user) => {
      const context = await browser.newContext({ storageState: sessionFile(user) })
      contexts.push(context)
      return context.newPage()
    })
    for (const context of contexts) await context.close()
  },
})

export { expect }

/** Signs in through the sign-in page, as a person would. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}
