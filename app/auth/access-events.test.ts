import { describe, expect, it } from 'vitest'
import { insertUser } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { deactivatePerson } from '../people/status.server'
import { authenticateToken, createToken, revokeToken } from '../tokens/tokens.server'
import { signInWithPassword } from './sign-in.server'
import { insertSignInUser, PASSWORD } from './test-users'
import {
  confirmEnrolment,
  currentCode,
  disableTwoFactor,
  getTwoFactor,
  regenerateRecoveryCodes,
  startEnrolment,
} from './two-factor.server'

// Part B of issue 8 in the access log and against account status (part A).

const T0 = new Date('2026-12-01T09:00:10.000Z')
const at = (ms: number) => new Date(T0.getTime() + ms)

describe('sign-in security and people', () => {
  const t = useTestDb()
  const log = () =>
    t.db
      .selectFrom('access_log')
      .select(['event', 'actor_id', 'subject_id', 'ip', 'details'])
      .orderBy('at')
      .orderBy('event')
      .execute()

  it('two-factor turned on, recovery codes renewed and two-factor turned off are logged', async () => {
    const user = await insertSignInUser(t.db)
    await startEnrolment(t.db, user.id, T0, null)
    const pending = await getTwoFactor(t.db, user, null)
    if (pending.state !== 'pending') throw new Error(pending.state)
    const on = await confirmEnrolment(t.db, user.id, currentCode(pending.secret, T0), T0, null)
    if (on.kind !== 'enabled') throw new Error(on.kind)
    await regenerateRecoveryCodes(t.db, user.id, on.recoveryCodes[0]!, at(1), null)
    const config = { secretKey: null, twoFactorRequiredRoles: [] }
    await disableTwoFactor(t.db, user, currentCode(pending.secret, at(30_000)), at(30_000), config)
    const entries = await log()
    expect(entries.map((e) => [e.event, e.actor_id, e.subject_id])).toEqual([
      ['two_factor_enabled', user.id, user.id],
      ['recovery_codes_regenerated', user.id, user.id],
      ['two_factor_disabled', user.id, user.id],
    ])
    // never a secret or a code
    const text = JSON.stringify(entries)
    expect(text).not.toContain(pending.secret)
    for (const code of on.recoveryCodes) expect(text).not.toContain(code)
  })

  it('tokens created and revoked are logged, without the token; the command line is named', async () => {
    const owner = await insertUser(t.db, 'partner', [], 'ADB')
    const secretariat = await insertUser(t.db, 'secretariat')
    const mine = await createToken(t.db, owner.id, { name: 'Mine', kind: 'read', days: 30 }, T0)
    await createToken(t.db, owner.id, { name: 'From the CLI', kind: 'write', days: 7 }, at(1), null)
    await revokeToken(t.db, secretariat, mine.id, at(2))
    const entries = await log()
    expect(entries.map((e) => [e.event, e.actor_id, e.subject_id, JSON.parse(e.details)])).toEqual([
      [
        'token_created',
        owner.id,
        owner.id,
        {
          token_id: mine.id,
          name: 'Mine',
          kind: 'read',
          expires_at: at(30 * 24 * 60 * 60_000).toISOString(),
        },
      ],
      [
        'token_created',
        null,
        owner.id,
        expect.objectContaining({ name: 'From the CLI', via: 'command_line' }),
      ],
      ['token_revoked', secretariat.id, owner.id, { token_id: mine.id, name: 'Mine' }],
    ])
    expect(JSON.stringify(entries)).not.toContain(mine.token)
  })

  it('the failure that starts a lock is logged once, with the address; the refusals after it are not', async () => {
    const user = await insertSignInUser(t.db)
    const client = (ms: number) => ({ address: '192.0.2.5', previousToken: null, now: at(ms) })
    for (let i = 0; i < 8; i++)
      await signInWithPassword(t.db, { email: user.email, password: 'wrong' }, client(i))
    const entries = await log()
    expect(entries).toEqual([
      {
        event: 'sign_in_throttled',
        actor_id: null,
        subject_id: user.id,
        ip: '192.0.2.5',
        details: JSON.stringify({ until: at(4 + 60_000).toISOString() }),
      },
    ])
  })

  it('a deactivated account cannot sign in and gets the same answer as a wrong password', async () => {
    const secretariat = await insertUser(t.db, 'secretariat')
    const user = await insertSignInUser(t.db)
    const client = { address: null, previousToken: null, now: T0 }
    expect((await signInWithPassword(t.db, { email: user.email, password: PASSWORD }, client)).kind).toBe(
      'signed_in',
    )
    await deactivatePerson(t.db, secretariat, user.id, T0.toISOString())
    expect(await signInWithPassword(t.db, { email: user.email, password: PASSWORD }, client)).toEqual({
      kind: 'bad_credentials',
    })
    // an invited account (no password yet) likewise
    await t.db
      .updateTable('users')
      .set({ status: 'invited', password_hash: '' })
      .where('id', '=', user.id)
      .execute()
    expect(await signInWithPassword(t.db, { email: user.email, password: PASSWORD }, client)).toEqual({
      kind: 'bad_credentials',
    })
  })

  it('deactivating a person revokes their tokens, and records how many', async () => {
    const secretariat = await insertUser(t.db, 'secretariat')
    const owner = await insertUser(t.db, 'partner', [], 'ADB')
    const tokens = await Promise.all(
      ['A', 'B'].map((name) => createToken(t.db, owner.id, { name, kind: 'read', days: 30 }, T0)),
    )
    expect(await deactivatePerson(t.db, secretariat, owner.id, at(1).toISOString())).toMatchObject({
      kind: 'deactivated',
    })
    for (const { token } of tokens)
      expect(await authenticateToken(t.db, token, 'GET', at(2))).toEqual({ kind: 'invalid' })
    const deactivated = (await log()).find((e) => e.event === 'deactivated')
    expect(JSON.parse(deactivated!.details)).toMatchObject({ tokens_revoked: 2 })
  })
})
