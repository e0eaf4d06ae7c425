import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useTestDb } from '../../tests/setup/test-db'
import {
  createSession,
  deleteEndedSessions,
  endUserSessions,
  SESSION,
  sessionIdOf,
  validateSession,
} from './sessions.server'
import { signInWithPassword, signOut } from './sign-in.server'
import { insertSignInUser, PASSWORD } from './test-users'

const DAY = 24 * 60 * 60_000
const T0 = Date.parse('2026-12-01T09:00:00.000Z')
const at = (ms: number) => new Date(T0 + ms)

// lucia reads the system clock (it takes no other), so each step here sets that clock first.
describe('sessions (lucia v3 through our adapter)', () => {
  const t = useTestDb()
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })
  const create = (userId: string, ms: number) => {
    vi.setSystemTime(at(ms))
    return createSession(t.db, userId)
  }
  const validate = (token: string, ms: number) => {
    vi.setSystemTime(at(ms))
    return validateSession(t.db, token)
  }

  it('the database keeps only a hash of the cookie token', async () => {
    const user = await insertSignInUser(t.db)
    const { token, id } = await create(user.id, 0)
    expect(id).toBe(sessionIdOf(token))
    expect(id).not.toContain(token)
    // 256 random bits, base64url
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const rows = await t.db.selectFrom('sessions').selectAll().execute()
    expect(rows.map((r) => r.id)).toEqual([id])
    expect(JSON.stringify(rows)).not.toContain(token)
    expect((await validate(token, 1))?.userId).toBe(user.id)
    expect(await validate(id, 1)).toBeNull()
  })

  it('each token finds its own person, asked in turn (the statement is compiled once, its id bound each time)', async () => {
    const [viewer, secretariat] = [await insertSignInUser(t.db), await insertSignInUser(t.db, 'secretariat')]
    const [first, second] = [await create(viewer.id, 0), await create(secretariat.id, 0)]
    for (let round = 0; round < 3; round++) {
      expect((await validate(first.token, 1000))?.userId).toBe(viewer.id)
      expect((await validate(second.token, 1000))?.userId).toBe(secretariat.id)
      expect(await validate(`${first.token}x`, 1000)).toBeNull()
    }
  })

  it('every sign-in makes a new session id and ends the one the browser had', async () => {
    const user = await insertSignInUser(t.db)
    vi.setSystemTime(at(0))
    const client = { address: null, now: at(0) }
    const first = await signInWithPassword(
      t.db,
      { email: user.email, password: PASSWORD },
      { ...client, previousToken: null },
    )
    if (first.kind !== 'signed_in') throw new Error(first.kind)
    const second = await signInWithPassword(
      t.db,
      { email: user.email, password: PASSWORD },
      { ...client, previousToken: first.token },
    )
    if (second.kind !== 'signed_in') throw new Error(second.kind)
    expect(second.token).not.toBe(first.token)
    expect(await validate(first.token, 1)).toBeNull()
    expect(await validate(second.token, 1)).not.toBeNull()
  })

  it('ends 14 days after the last use', async () => {
    const user = await insertSignInUser(t.db)
    const { token } = await create(user.id, 0)
    expect(await validate(token, 14 * DAY - 1)).not.toBeNull()
    // used just before the end: 14 more days from then
    expect(await validate(token, 28 * DAY - 2)).not.toBeNull()
    expect(await validate(token, 28 * DAY - 2 + 14 * DAY)).toBeNull()
    // and it is gone, not only refused
    expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(0)
  })

  it('unused for 14 days it has ended, even if the 30 days are not over', async () => {
    const user = await insertSignInUser(t.db)
    const { token } = await create(user.id, 0)
    expect(await validate(token, 10 * DAY)).not.toBeNull()
    expect(await validate(token, 24 * DAY)).toBeNull()
  })

  it('ends 30 days after sign-in however often it is used', async () => {
    const user = await insertSignInUser(t.db)
    const { token, id } = await create(user.id, 0)
    for (let day = 1; day < 30; day++) expect(await validate(token, day * DAY)).not.toBeNull()
    const last = await validate(token, 30 * DAY - 1)
    expect(last?.expiresAt).toEqual(at(SESSION.maxMs))
    // lucia's own extension (past half of its 14 days) rewrote nothing past the 30 days
    const stored = await t.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('id', '=', id)
      .executeTakeFirst()
    expect(stored?.expires_at).toBe(at(SESSION.maxMs).toISOString())
    expect(await validate(token, 30 * DAY)).toBeNull()
  })

  it('the last use (and with it the idle end) is written at most once a minute', async () => {
    const user = await insertSignInUser(t.db)
    const { token, id } = await create(user.id, 0)
    const stored = async () =>
      await t.db
        .selectFrom('sessions')
        .select(['expires_at', 'last_used_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    await validate(token, 30_000)
    expect(await stored()).toEqual({
      expires_at: at(SESSION.idleMs).toISOString(),
      last_used_at: at(0).toISOString(),
    })
    await validate(token, 90_000)
    expect(await stored()).toEqual({
      expires_at: at(90_000 + SESSION.idleMs).toISOString(),
      last_used_at: at(90_000).toISOString(),
    })
  })

  it('signing out ends the session on the server', async () => {
    const user = await insertSignInUser(t.db)
    const { token } = await create(user.id, 0)
    await signOut(t.db, token)
    expect(await validate(token, 1)).toBeNull()
    expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(0)
    await signOut(t.db, null) // a browser with no session signs out without error
  })

  it('a deactivated account has no session: it ends at its next use', async () => {
    const user = await insertSignInUser(t.db)
    const { token } = await create(user.id, 0)
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', user.id).execute()
    expect(await validate(token, 1)).toBeNull()
    expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(0)
  })

  it("everyone else's sessions of a person end, the one in use stays", async () => {
    const user = await insertSignInUser(t.db)
    const kept = await create(user.id, 0)
    const other = await create(user.id, 0)
    await endUserSessions(t.db, user.id, kept.id)
    expect(await validate(other.token, 1)).toBeNull()
    expect(await validate(kept.token, 1)).not.toBeNull()
    await endUserSessions(t.db, user.id)
    expect(await validate(kept.token, 2)).toBeNull()
  })

  it('ended sessions are swept', async () => {
    const user = await insertSignInUser(t.db)
    await create(user.id, 0)
    const fresh = await create(user.id, 20 * DAY)
    await deleteEndedSessions(t.db)
    expect((await t.db.selectFrom('sessions').select('id').execute()).map((r) => r.id)).toEqual([fresh.id])
  })
})
