import { describe, expect, it, vi } from 'vitest'
import { useTestDb } from '../../tests/setup/test-db'
import * as password from './password.server'
import { encryptionKey } from './secrets.server'
import { validateSession } from './sessions.server'
import { CHALLENGE_MS, completeSecondFactor, signInWithPassword, type Client } from './sign-in.server'
import { THROTTLE } from './throttle.server'
import { confirmEnrolment, currentCode, getTwoFactor, startEnrolment } from './two-factor.server'
import { insertSignInUser, PASSWORD } from './test-users'

const KEY = encryptionKey('a test key that is at least 32 characters long')
const T0 = Date.parse('2026-12-01T09:00:10.000Z')
const at = (ms: number) => new Date(T0 + ms)
const client = (ms = 0, address: string | null = '192.0.2.1'): Client => ({
  address,
  previousToken: null,
  now: at(ms),
})

describe('signing in with a password', () => {
  const t = useTestDb()

  it('signs in with the right password, whatever the case of the e-mail', async () => {
    const user = await insertSignInUser(t.db)
    const outcome = await signInWithPassword(
      t.db,
      { email: ` ${user.email.toUpperCase()} `, password: PASSWORD },
      client(),
    )
    if (outcome.kind !== 'signed_in') throw new Error(outcome.kind)
    expect(outcome.userId).toBe(user.id)
    expect((await validateSession(t.db, outcome.token))?.userId).toBe(user.id)
  })

  it('a wrong password and an unknown e-mail get the same answer after the same hashing work', async () => {
    const user = await insertSignInUser(t.db)
    const verify = vi.spyOn(password, 'verifyPassword')
    const wrong = await signInWithPassword(t.db, { email: user.email, password: 'wrong' }, client())
    const unknown = await signInWithPassword(
      t.db,
      { email: 'nobody@example.org', password: PASSWORD },
      client(),
    )
    expect(wrong).toEqual({ kind: 'bad_credentials' })
    expect(unknown).toEqual({ kind: 'bad_credentials' })
    // both checked a password against an argon2id hash: the decoy for the unknown e-mail
    expect(verify).toHaveBeenCalledTimes(2)
    expect(verify.mock.calls[1]![0]).toBe(await password.decoyHash())
    verify.mockRestore()
  })

  it('after five failures the account is refused for a minute, known e-mail or not, even with the right password', async () => {
    const user = await insertSignInUser(t.db)
    for (const email of [user.email, 'nobody@example.org']) {
      for (let i = 0; i < 5; i++)
        expect((await signInWithPassword(t.db, { email, password: 'wrong' }, client(i * 1000))).kind).toBe(
          'bad_credentials',
        )
      expect(await signInWithPassword(t.db, { email, password: PASSWORD }, client(5000))).toEqual({
        kind: 'throttled',
        retryAfter: at(4000 + 60_000),
      })
    }
    // after the lock the right password works, and the count starts again
    expect(
      (await signInWithPassword(t.db, { email: user.email, password: PASSWORD }, client(64_000))).kind,
    ).toBe('signed_in')
    for (let i = 0; i < 4; i++)
      await signInWithPassword(t.db, { email: user.email, password: 'wrong' }, client(65_000 + i))
    expect(
      (await signInWithPassword(t.db, { email: user.email, password: PASSWORD }, client(66_000))).kind,
    ).toBe('signed_in')
  })

  it('a throttled attempt does no password hashing (nothing to time) and is not a failure itself', async () => {
    const user = await insertSignInUser(t.db)
    for (let i = 0; i < 5; i++)
      await signInWithPassword(t.db, { email: user.email, password: 'x' }, client(i))
    const verify = vi.spyOn(password, 'verifyPassword')
    for (let i = 0; i < 3; i++)
      await signInWithPassword(t.db, { email: user.email, password: 'x' }, client(1000 + i))
    expect(verify).not.toHaveBeenCalled()
    verify.mockRestore()
    expect(await t.db.selectFrom('sign_in_failures').select('id').execute()).toHaveLength(10) // 5 x (account, address)
  })

  it('one client address trying many e-mails is refused after twenty failures; another address is not', async () => {
    const user = await insertSignInUser(t.db)
    for (let i = 0; i < THROTTLE.addressThreshold; i++)
      await signInWithPassword(t.db, { email: `guess${i}@example.org`, password: 'x' }, client(i * 100))
    expect(
      (await signInWithPassword(t.db, { email: user.email, password: PASSWORD }, client(3000))).kind,
    ).toBe('throttled')
    expect(
      (await signInWithPassword(t.db, { email: user.email, password: PASSWORD }, client(3000, '192.0.2.99')))
        .kind,
    ).toBe('signed_in')
  })

  it('without a known client address only the account is throttled', async () => {
    for (let i = 0; i < 30; i++)
      await signInWithPassword(t.db, { email: `guess${i}@example.org`, password: 'x' }, client(i, null))
    const user = await insertSignInUser(t.db)
    expect(
      (await signInWithPassword(t.db, { email: user.email, password: PASSWORD }, client(100, null))).kind,
    ).toBe('signed_in')
  })
})

describe('signing in with two-factor', () => {
  const t = useTestDb()

  async function withTwoFactor() {
    const user = await insertSignInUser(t.db, 'secretariat')
    await startEnrolment(t.db, user.id, at(0), KEY)
    const pending = await getTwoFactor(t.db, user, KEY)
    if (pending.state !== 'pending') throw new Error(pending.state)
    const confirmed = await confirmEnrolment(t.db, user.id, currentCode(pending.secret, at(0)), at(0), KEY)
    if (confirmed.kind !== 'enabled') throw new Error(confirmed.kind)
    return { user, secret: pending.secret, recoveryCodes: confirmed.recoveryCodes }
  }

  async function challenge(email: string, ms: number): Promise<string> {
    const outcome = await signInWithPassword(t.db, { email, password: PASSWORD }, client(ms))
    if (outcome.kind !== 'second_factor_required') throw new Error(outcome.kind)
    return outcome.challenge
  }

  it('a right password asks for the code and signs in only with it', async () => {
    const { user, secret } = await withTwoFactor()
    const pending = await challenge(user.email, 40_000)
    expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(0)
    // the database keeps only a hash of the challenge
    expect(JSON.stringify(await t.db.selectFrom('sign_in_challenges').selectAll().execute())).not.toContain(
      pending,
    )

    expect(
      await completeSecondFactor(t.db, { challenge: pending, code: '000000' }, client(41_000), KEY),
    ).toEqual({
      kind: 'bad_code',
    })
    const done = await completeSecondFactor(
      t.db,
      { challenge: pending, code: currentCode(secret, at(41_000)) },
      client(41_000),
      KEY,
    )
    if (done.kind !== 'signed_in') throw new Error(done.kind)
    expect((await validateSession(t.db, done.token))?.userId).toBe(user.id)
    // the challenge is used up
    expect(
      (await completeSecondFactor(t.db, { challenge: pending, code: '000000' }, client(42_000), KEY)).kind,
    ).toBe('expired')
  })

  it('a recovery code works instead of the app, once', async () => {
    const { user, recoveryCodes } = await withTwoFactor()
    const first = await challenge(user.email, 1000)
    expect(
      (await completeSecondFactor(t.db, { challenge: first, code: recoveryCodes[3]! }, client(1000), KEY))
        .kind,
    ).toBe('signed_in')
    const second = await challenge(user.email, 2000)
    expect(
      (await completeSecondFactor(t.db, { challenge: second, code: recoveryCodes[3]! }, client(2000), KEY))
        .kind,
    ).toBe('bad_code')
  })

  it('the challenge expires after ten minutes', async () => {
    const { user, secret } = await withTwoFactor()
    const pending = await challenge(user.email, 0)
    const late = CHALLENGE_MS
    expect(
      (
        await completeSecondFactor(
          t.db,
          { challenge: pending, code: currentCode(secret, at(late)) },
          client(late),
          KEY,
        )
      ).kind,
    ).toBe('expired')
    expect(
      (await completeSecondFactor(t.db, { challenge: 'made-up', code: '123456' }, client(0), KEY)).kind,
    ).toBe('expired')
  })

  it('wrong codes count as failed sign-ins: guessing codes is throttled like guessing passwords', async () => {
    const { user, secret } = await withTwoFactor()
    const pending = await challenge(user.email, 40_000)
    for (let i = 0; i < 5; i++)
      expect(
        (await completeSecondFactor(t.db, { challenge: pending, code: '000000' }, client(41_000 + i), KEY))
          .kind,
      ).toBe('bad_code')
    const right = currentCode(secret, at(42_000))
    expect(
      (await completeSecondFactor(t.db, { challenge: pending, code: right }, client(42_000), KEY)).kind,
    ).toBe('throttled')
    // a right password does not clear the count either
    expect(
      (await signInWithPassword(t.db, { email: user.email, password: PASSWORD }, client(43_000))).kind,
    ).toBe('throttled')
  })
})
