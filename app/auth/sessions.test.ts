import { describe, expect, it } from 'vitest'
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

describe('sessions', () => {
  const t = useTestDb()

  it('the database keeps only a hash of the cookie token', async () => {
    const user = await insertSignInUser(t.db)
    const { token, id } = await createSession(t.db, user.id, at(0))
    expect(id).toBe(sessionIdOf(token))
    expect(id).not.toContain(token)
    const rows = await t.db.selectFrom('sessions').selectAll().execute()
    expect(JSON.stringify(rows)).not.toContain(token)
    expect((await validateSession(t.db, token, at(1)))?.userId).toBe(user.id)
    expect(await validateSession(t.db, id, at(1))).toBeNull()
  })

  it('every sign-in makes a new session id and ends the one the browser had', async () => {
    const user = await insertSignInUser(t.db)
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
    expect(await validateSession(t.db, first.token, at(1))).toBeNull()
    expect(await validateSession(t.db, second.token, at(1))).not.toBeNull()
  })

  it('ends 14 days after the last use', async () => {
    const user = await insertSignInUser(t.db)
    const { token } = await createSession(t.db, user.id, at(0))
    expect(await validateSession(t.db, token, at(14 * DAY - 1))).not.toBeNull()
    // used just before the end: 14 more days from then
    expect(await validateSession(t.db, token, at(28 * DAY - 2))).not.toBeNull()
    expect(await validateSession(t.db, token, at(28 * DAY - 2 + 14 * DAY))).toBeNull()
    // and it is gone, not only refused
    expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(0)
  })

  it('unused for 14 days it has ended, even if the 30 days are not over', async () => {
    const user = await insertSignInUser(t.db)
    const { token } = await createSession(t.db, user.id, at(0))
    expect(await validateSession(t.db, token, at(10 * DAY))).not.toBeNull()
    expect(await validateSession(t.db, token, at(24 * DAY))).toBeNull()
  })

  it('ends 30 days after sign-in however often it is used', async () => {
    const user = await insertSignInUser(t.db)
    const { token } = await createSession(t.db, user.id, at(0))
    for (let day = 1; day < 30; day++)
      expect(await validateSession(t.db, token, at(day * DAY))).not.toBeNull()
    const last = await validateSession(t.db, token, at(30 * DAY - 1))
    expect(last?.expiresAt).toEqual(at(SESSION.maxMs))
    expect(await validateSession(t.db, token, at(30 * DAY))).toBeNull()
  })

  it('the sliding expiry is written at most once a minute', async () => {
    const user = await insertSignInUser(t.db)
    const { token, id } = await createSession(t.db, user.id, at(0))
    const stored = async () =>
      (await t.db.selectFrom('sessions').select('expires_at').where('id', '=', id).executeTakeFirstOrThrow())
        .expires_at
    await validateSession(t.db, token, at(30_000))
    expect(await stored()).toBe(at(SESSION.idleMs).toISOString())
    await validateSession(t.db, token, at(90_000))
    expect(await stored()).toBe(at(90_000 + SESSION.idleMs).toISOString())
  })

  it('signing out ends the session on the server', async () => {
    const user = await insertSignInUser(t.db)
    const { token } = await createSession(t.db, user.id, at(0))
    await signOut(t.db, token)
    expect(await validateSession(t.db, token, at(1))).toBeNull()
    await signOut(t.db, null) // a browser with no session signs out without error
  })

  it("everyone else's sessions of a person end, the one in use stays", async () => {
    const user = await insertSignInUser(t.db)
    const kept = await createSession(t.db, user.id, at(0))
    const other = await createSession(t.db, user.id, at(0))
    await endUserSessions(t.db, user.id, kept.id)
    expect(await validateSession(t.db, other.token, at(1))).toBeNull()
    expect(await validateSession(t.db, kept.token, at(1))).not.toBeNull()
  })

  it('ended sessions are swept', async () => {
    const user = await insertSignInUser(t.db)
    await createSession(t.db, user.id, at(0))
    const fresh = await createSession(t.db, user.id, at(20 * DAY))
    await deleteEndedSessions(t.db, at(20 * DAY))
    expect((await t.db.selectFrom('sessions').select('id').execute()).map((r) => r.id)).toEqual([fresh.id])
  })
})
