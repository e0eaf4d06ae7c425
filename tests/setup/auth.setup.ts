import { test as setup, expect } from '@playwright/test'
import { PASSWORD, USERS, USER_NAMES, sessionFile } from './e2e-fixtures'

// One session per demo account, saved for the specs. Signing in over HTTP (the same form post a
// browser sends) keeps this fast; sign-in.spec.ts covers the sign-in page itself.
for (const user of USER_NAMES) {
  setup(`sign in as ${user}`, async ({ request }) => {
    const response = await request.post('/login', {
      form: { email: USERS[user].email, password: PASSWORD, redirectTo: '' },
    })
    expect(response.ok(), `signing in as ${user}`).toBe(true)
    // Signing in without a page to return to lands on the dashboard, the home page.
    expect(new URL(response.url()).pathname).toBe('/')
    await request.storageState({ path: sessionFile(user) })
  })
}
