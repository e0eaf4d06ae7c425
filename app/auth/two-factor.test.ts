import { describe, expect, it } from 'vitest'
import { useTestDb } from '../../tests/setup/test-db'
import { encryptionKey, openSecret, sealSecret } from './secrets.server'
import {
  acceptedStep,
  checkSecondFactor,
  confirmEnrolment,
  currentCode,
  disableTwoFactor,
  getTwoFactor,
  normaliseCode,
  regenerateRecoveryCodes,
  startEnrolment,
  timeStep,
} from './two-factor.server'
import { insertSignInUser } from './test-users'

// RFC 6238, appendix B: the SHA-1 key "12345678901234567890" (base32 below) shows 94287082 at
// T = 59 s and 07081804 at T = 1111111109 s; a 6-digit app shows the last six digits.
const RFC_KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const T0 = new Date('2026-12-01T09:00:10.000Z')
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000)
const KEY = encryptionKey('a test key that is at least 32 characters long')

describe('TOTP (RFC 6238) with a fixed clock', () => {
  it('matches the RFC test vectors', () => {
    expect(currentCode(RFC_KEY, new Date(59_000))).toBe('287082')
    expect(currentCode(RFC_KEY, new Date(1111111109_000))).toBe('081804')
  })

  it('accepts the code of this 30-second step and one either side, nothing further', () => {
    const now = new Date(1111111109_000)
    const step = timeStep(now)
    expect(acceptedStep(RFC_KEY, '081804', now)).toBe(step)
    expect(acceptedStep(RFC_KEY, currentCode(RFC_KEY, new Date(now.getTime() - 30_000)), now)).toBe(step - 1)
    expect(acceptedStep(RFC_KEY, currentCode(RFC_KEY, new Date(now.getTime() + 30_000)), now)).toBe(step + 1)
    expect(acceptedStep(RFC_KEY, currentCode(RFC_KEY, new Date(now.getTime() - 90_000)), now)).toBeNull()
    expect(acceptedStep(RFC_KEY, '000000', now)).toBeNull()
    expect(acceptedStep(RFC_KEY, '08180', now)).toBeNull()
  })
})

describe('sealed secrets', () => {
  it('with a key, the stored text does not contain the secret and opens only with that key', () => {
    const sealed = sealSecret(RFC_KEY, KEY)
    expect(sealed).not.toContain(RFC_KEY)
    expect(openSecret(sealed, KEY)).toEqual({ kind: 'opened', text: RFC_KEY })
    expect(openSecret(sealed, null)).toEqual({ kind: 'no_key' })
    expect(openSecret(sealed, encryptionKey('another key of at least thirty-two characters'))).toEqual({
      kind: 'unreadable',
    })
    expect(openSecret(sealSecret(RFC_KEY, null), null)).toEqual({ kind: 'opened', text: RFC_KEY })
  })
})

describe('two-factor for a person', () => {
  const t = useTestDb()

  async function enrolled() {
    const user = await insertSignInUser(t.db)
    await startEnrolment(t.db, user.id, T0, KEY)
    const pending = await getTwoFactor(t.db, user, KEY)
    if (pending.state !== 'pending') throw new Error(pending.state)
    const confirmed = await confirmEnrolment(t.db, user.id, currentCode(pending.secret, T0), T0, KEY)
    if (confirmed.kind !== 'enabled') throw new Error(confirmed.kind)
    return { user, secret: pending.secret, recoveryCodes: confirmed.recoveryCodes }
  }

  it('is set up with a secret shown while pending (and its otpauth address), never once confirmed', async () => {
    const user = await insertSignInUser(t.db)
    expect(await getTwoFactor(t.db, user, KEY)).toEqual({ state: 'off' })
    await startEnrolment(t.db, user.id, T0, KEY)
    const pending = await getTwoFactor(t.db, user, KEY)
    if (pending.state !== 'pending') throw new Error(pending.state)
    expect(pending.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(pending.uri).toContain(`secret=${pending.secret}`)
    expect(pending.uri).toMatch(/^otpauth:\/\/totp\/CAREC%20Pipeline:/)
    const stored = await t.db.selectFrom('two_factor').select('secret').executeTakeFirstOrThrow()
    expect(stored.secret).not.toContain(pending.secret)

    expect((await confirmEnrolment(t.db, user.id, '123456', T0, KEY)).kind).toBe('bad_code')
    const confirmed = await confirmEnrolment(t.db, user.id, currentCode(pending.secret, T0), T0, KEY)
    expect(confirmed.kind).toBe('enabled')
    const on = await getTwoFactor(t.db, user, KEY)
    expect(on).toEqual({ state: 'on', enabledAt: T0.toISOString(), recoveryCodesLeft: 10 })
    expect(JSON.stringify(on)).not.toContain(pending.secret)
    expect((await startEnrolment(t.db, user.id, T0, KEY)).kind).toBe('already_on')
  })

  it('a code works once: the same code again, or an older one, is refused', async () => {
    const { user, secret } = await enrolled()
    const next = later(30)
    const code = currentCode(secret, next)
    expect(await checkSecondFactor(t.db, user.id, code, next, KEY)).toEqual({ kind: 'ok', via: 'app' })
    expect(await checkSecondFactor(t.db, user.id, code, next, KEY)).toEqual({ kind: 'bad_code' })
    // the previous step's code is still within the window, but older than the one used
    expect(await checkSecondFactor(t.db, user.id, currentCode(secret, T0), next, KEY)).toEqual({
      kind: 'bad_code',
    })
    const after = later(60)
    expect((await checkSecondFactor(t.db, user.id, currentCode(secret, after), after, KEY)).kind).toBe('ok')
  })

  it('recovery codes are kept hashed, work once each, in any case and with or without dashes', async () => {
    const { user, recoveryCodes } = await enrolled()
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
    const stored = JSON.stringify(await t.db.selectFrom('recovery_codes').selectAll().execute())
    for (const code of recoveryCodes) expect(stored).not.toContain(normaliseCode(code))

    const [first, second] = recoveryCodes as [string, string]
    expect(await checkSecondFactor(t.db, user.id, first.toUpperCase(), T0, KEY)).toEqual({
      kind: 'ok',
      via: 'recovery_code',
    })
    expect(await checkSecondFactor(t.db, user.id, first, T0, KEY)).toEqual({ kind: 'bad_code' })
    expect(await checkSecondFactor(t.db, user.id, second.replace(/-/g, ' '), T0, KEY)).toEqual({
      kind: 'ok',
      via: 'recovery_code',
    })
    expect(await getTwoFactor(t.db, user, KEY)).toMatchObject({ state: 'on', recoveryCodesLeft: 8 })
  })

  it('two requests racing with one recovery code: only one gets in', async () => {
    const { user, recoveryCodes } = await enrolled()
    const results = await Promise.all([
      checkSecondFactor(t.db, user.id, recoveryCodes[0]!, T0, KEY),
      checkSecondFactor(t.db, user.id, recoveryCodes[0]!, T0, KEY),
    ])
    expect(results.map((r) => r.kind).sort()).toEqual(['bad_code', 'ok'])
  })

  it('new recovery codes replace the old ones; turning off needs a code and removes everything', async () => {
    const { user, secret, recoveryCodes } = await enrolled()
    expect((await regenerateRecoveryCodes(t.db, user.id, 'wrong', T0, KEY)).kind).toBe('bad_code')
    const renewed = await regenerateRecoveryCodes(t.db, user.id, recoveryCodes[0]!, T0, KEY)
    if (renewed.kind !== 'regenerated') throw new Error(renewed.kind)
    expect((await checkSecondFactor(t.db, user.id, recoveryCodes[1]!, T0, KEY)).kind).toBe('bad_code')

    const config = { secretKey: KEY, twoFactorRequiredRoles: [] }
    const required = { secretKey: KEY, twoFactorRequiredRoles: ['viewer' as const] }
    expect((await disableTwoFactor(t.db, user, '000000', later(30), config)).kind).toBe('bad_code')
    const code = currentCode(secret, later(30))
    expect((await disableTwoFactor(t.db, user, code, later(30), required)).kind).toBe('required')
    expect((await disableTwoFactor(t.db, user, code, later(30), config)).kind).toBe('done')
    expect(await getTwoFactor(t.db, user, KEY)).toEqual({ state: 'off' })
    expect(await t.db.selectFrom('recovery_codes').select('id').execute()).toHaveLength(0)
    expect((await disableTwoFactor(t.db, user, '000000', later(60), config)).kind).toBe('not_on')
  })

  it('a code for a person without two-factor is never right', async () => {
    const user = await insertSignInUser(t.db)
    expect(await checkSecondFactor(t.db, user.id, '123456', T0, KEY)).toEqual({ kind: 'bad_code' })
  })
})
