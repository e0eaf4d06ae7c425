import type { Kysely } from 'kysely'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Database } from '../../db/schema'
import { insertUser } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { createToken } from '../tokens/tokens.server'
import { createSession } from './sessions.server'
import { requireApiUser, requireUser } from './session.server'
import { confirmEnrolment, currentCode, getTwoFactor, startEnrolment } from './two-factor.server'

// An installation with TWO_FACTOR_REQUIRED_ROLES=secretariat.

const current = vi.hoisted(() => ({ db: undefined as Kysely<Database> | undefined }))
vi.mock('../db.server', () => ({ getDb: () => Promise.resolve(current.db!) }))
vi.mock('./config.server', () => ({
  securityConfig: () => ({ twoFactorRequiredRoles: ['secretariat'], secretKey: null }),
}))

async function refusal(run: () => Promise<unknown>): Promise<Response> {
  try {
    await run()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
  throw new Error('expected a refusal')
}

describe('two-factor required of the secretariat', () => {
  const t = useTestDb()
  beforeEach(() => {
    current.db = t.db
  })

  async function signedIn(role: 'secretariat' | 'viewer') {
    const user = await insertUser(t.db, role)
    const { token } = await createSession(t.db, user.id)
    const cookie = { Cookie: `carec_session=${token}` }
    return { user, cookie }
  }

  it('a secretariat member without it is sent to set it up, from pages and the API alike', async () => {
    const { cookie, user } = await signedIn('secretariat')
    const page = await refusal(() => requireUser(new Request('http://x/items', { headers: cookie })))
    expect(page.status).toBe(302)
    expect(page.headers.get('Location')).toBe('/account/security')
    // the set-up page itself is open to them
    const allowed = await requireUser(new Request('http://x/account/security', { headers: cookie }), {
      allowWithoutTwoFactor: true,
    })
    expect(allowed.id).toBe(user.id)
    const api = await refusal(() => requireApiUser(new Request('http://x/api/v1/items', { headers: cookie })))
    expect(api.status).toBe(403)
    expect(await api.json()).toMatchObject({ error: 'two_factor_required' })
    // a token is no way around it
    const { token } = await createToken(t.db, user.id, { name: 'x', kind: 'read', days: 1 }, new Date())
    const viaToken = await refusal(() =>
      requireApiUser(new Request('http://x/api/v1/items', { headers: { Authorization: `Bearer ${token}` } })),
    )
    expect(viaToken.status).toBe(403)
  })

  it('with two-factor on, or in a role that need not, everything is open', async () => {
    const { cookie, user } = await signedIn('secretariat')
    const now = new Date()
    await startEnrolment(t.db, user.id, now, null)
    const pending = await getTwoFactor(t.db, { id: user.id, email: 'x' }, null)
    if (pending.state !== 'pending') throw new Error(pending.state)
    await confirmEnrolment(t.db, user.id, currentCode(pending.secret, now), now, null)
    expect((await requireUser(new Request('http://x/items', { headers: cookie }))).twoFactor).toBe(true)

    const viewer = await signedIn('viewer')
    expect((await requireUser(new Request('http://x/items', { headers: viewer.cookie }))).id).toBe(
      viewer.user.id,
    )
  })
})
