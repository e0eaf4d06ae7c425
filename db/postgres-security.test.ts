import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { attemptPassed, accountKey, addressKey, beginAttempt } from '../app/auth/throttle.server'
import { createSession, validateSession } from '../app/auth/sessions.server'
import { completeSecondFactor, signInWithPassword } from '../app/auth/sign-in.server'
import { confirmEnrolment, currentCode, getTwoFactor, startEnrolment } from '../app/auth/two-factor.server'
import { insertSignInUser, PASSWORD } from '../app/auth/test-users'
import { authenticateToken, createToken, revokeAllTokensOf, revokeToken } from '../app/tokens/tokens.server'
import { createPgTestDb, type PgTestDb } from '../tests/setup/pg-db'
import { connect, databaseKind } from './connect'

// Sign-in protection and API tokens on PostgreSQL (issue 8, part B): the same server functions
// as app/auth/*.test.ts and app/tokens/*.test.ts. Included only when TEST_DATABASE_URL_PG is set
// (vite.config.ts), like db/postgres.test.ts.

const serverUrl = process.env.TEST_DATABASE_URL_PG
if (!serverUrl || databaseKind(serverUrl) !== 'postgres') {
  throw new Error('db/postgres-security.test.ts needs TEST_DATABASE_URL_PG=postgres://...')
}

const T0 = Date.parse('2026-12-01T09:00:10.000Z')
const at = (ms: number) => new Date(T0 + ms)

describe('sign-in protection on PostgreSQL', () => {
  let pgDb: PgTestDb
  const db = () => pgDb.db

  beforeAll(async () => {
    pgDb = await createPgTestDb(serverUrl)
  }, 30_000)

  afterAll(async () => {
    await pgDb?.close()
  })

  it('throttles one account across two connections (two app instances), also when they race', async () => {
    const second = connect(pgDb.url)
    try {
      const key = accountKey('pg-shared@example.org')
      for (let i = 0; i < 4; i++)
        expect((await beginAttempt(i % 2 ? second : db(), [key], at(i * 1000))).kind).toBe('go')
      const raced = await Promise.all([
        beginAttempt(db(), [key], at(5000)),
        beginAttempt(second, [key], at(5000)),
      ])
      expect(raced.map((r) => r.kind).sort()).toEqual(['go', 'throttled'])
      expect(await beginAttempt(second, [key], at(6000))).toEqual({
        kind: 'throttled',
        retryAfter: at(5000 + 60_000),
      })
      // after the lock, the next failure locks for twice as long
      expect((await beginAttempt(db(), [key], at(65_000))).kind).toBe('go')
      expect(await beginAttempt(second, [key], at(66_000))).toEqual({
        kind: 'throttled',
        retryAfter: at(65_000 + 120_000),
      })
    } finally {
      await second.destroy()
    }
  })

  it('of two attempts in the same millisecond on two instances, the one answered first counts', async () => {
    const second = connect(pgDb.url)
    try {
      // Ordered by random ids, both were let through about half the time (a flaky race above).
      for (let n = 0; n < 20; n++) {
        const key = accountKey(`pg-same-ms-${n}@example.org`)
        for (let i = 0; i < 4; i++) await beginAttempt(db(), [key], at(i * 1000))
        expect((await beginAttempt(db(), [key], at(5000))).kind).toBe('go')
        expect(await beginAttempt(second, [key], at(5000))).toEqual({
          kind: 'throttled',
          retryAfter: at(5000 + 60_000),
        })
      }
      // racing for real, many times over: always exactly one of each pair goes
      for (let n = 0; n < 20; n++) {
        const key = accountKey(`pg-race-${n}@example.org`)
        for (let i = 0; i < 4; i++) await beginAttempt(db(), [key], at(i * 1000))
        const raced = await Promise.all([
          beginAttempt(db(), [key], at(5000)),
          beginAttempt(second, [key], at(5000)),
        ])
        expect(raced.map((r) => r.kind).sort()).toEqual(['go', 'throttled'])
      }
    } finally {
      await second.destroy()
    }
  })

  it('signing in resets the account, not the address', async () => {
    const account = accountKey('pg-reset@example.org')
    const address = addressKey('203.0.113.9')
    for (let i = 0; i < 3; i++) await beginAttempt(db(), [account, address], at(i))
    const right = await beginAttempt(db(), [account, address], at(10))
    if (right.kind !== 'go') throw new Error(right.kind)
    await attemptPassed(db(), right.attempt, { reset: true })
    const left = await db()
      .selectFrom('sign_in_failures')
      .select('key')
      .where('key', 'in', [account.key, address.key])
      .execute()
    expect(left.map((r) => r.key)).toEqual([address.key, address.key, address.key])
  })

  it('signs in with a password and a second factor; sessions end after 14 idle days', async () => {
    const user = await insertSignInUser(db(), 'secretariat')
    const client = { address: '198.51.100.1', previousToken: null, now: at(0) }
    expect(await signInWithPassword(db(), { email: user.email, password: 'wrong' }, client)).toEqual({
      kind: 'bad_credentials',
    })
    await startEnrolment(db(), user.id, at(0), null)
    const pending = await getTwoFactor(db(), user, null)
    if (pending.state !== 'pending') throw new Error(pending.state)
    const enabled = await confirmEnrolment(db(), user.id, currentCode(pending.secret, at(0)), at(0), null)
    expect(enabled.kind).toBe('enabled')

    const first = await signInWithPassword(
      db(),
      { email: user.email, password: PASSWORD },
      { ...client, now: at(30_000) },
    )
    if (first.kind !== 'second_factor_required') throw new Error(first.kind)
    const done = await completeSecondFactor(
      db(),
      { challenge: first.challenge, code: currentCode(pending.secret, at(30_000)) },
      { ...client, now: at(30_000) },
      null,
    )
    if (done.kind !== 'signed_in') throw new Error(done.kind)
    // lucia reads the system clock: each step sets it (the session above began at the real time)
    const day = 24 * 60 * 60_000
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 13 * day)
      expect((await validateSession(db(), done.token))?.userId).toBe(user.id)
      vi.setSystemTime(Date.now() + 15 * day)
      expect(await validateSession(db(), done.token)).toBeNull()
      vi.setSystemTime(at(0))
      const other = await createSession(db(), user.id)
      vi.setSystemTime(at(30 * day))
      expect(await validateSession(db(), other.token)).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('API tokens: read and write, revoked one by one or all of a person', async () => {
    const user = await insertSignInUser(db(), 'partner')
    const reader = await createToken(db(), user.id, { name: 'Reader', kind: 'read', days: 30 }, at(0))
    const writer = await createToken(db(), user.id, { name: 'Writer', kind: 'write', days: 30 }, at(0))
    expect(await authenticateToken(db(), reader.token, 'POST', at(1))).toEqual({ kind: 'read_only' })
    expect(await authenticateToken(db(), writer.token, 'POST', at(1))).toMatchObject({
      kind: 'ok',
      userId: user.id,
    })
    expect(await authenticateToken(db(), writer.token, 'GET', at(31 * 24 * 60 * 60_000))).toEqual({
      kind: 'invalid',
    })
    expect(
      (
        await revokeToken(
          db(),
          { id: user.id, role: 'partner', countries: [], organisation: 'ADB' },
          reader.id,
          at(2),
        )
      ).kind,
    ).toBe('revoked')
    expect(await revokeAllTokensOf(db(), user.id, null, at(3))).toBe(1)
    expect(await authenticateToken(db(), writer.token, 'GET', at(4))).toEqual({ kind: 'invalid' })
  })
})
