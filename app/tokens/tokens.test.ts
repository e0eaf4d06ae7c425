import { describe, expect, it } from 'vitest'
import { insertUser } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { TokenForm } from './schema'
import {
  authenticateToken,
  createToken,
  hashToken,
  listAllTokens,
  listTokens,
  revokeAllTokensOf,
  revokeToken,
  TOKEN_PREFIX,
  tokenAllows,
} from './tokens.server'

const DAY = 24 * 60 * 60_000
const T0 = Date.parse('2026-12-01T09:00:00.000Z')
const at = (ms: number) => new Date(T0 + ms)

describe('token kinds', () => {
  it('a read token reads (GET, HEAD) and nothing else; a write token does both', () => {
    for (const method of ['GET', 'HEAD']) expect(tokenAllows('read', method)).toBe(true)
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(tokenAllows('read', method)).toBe(false)
      expect(tokenAllows('write', method)).toBe(true)
    }
  })

  it('the form names its limits', () => {
    expect(TokenForm.safeParse({ name: 'x', kind: 'read', days: '90' }).success).toBe(true)
    const bad = TokenForm.safeParse({ name: ' ', kind: 'admin', days: '366' })
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message).sort()).toEqual([
      'tokens.daysRange',
      'tokens.kindRequired',
      'tokens.nameRequired',
    ])
    expect(TokenForm.safeParse({ name: 'x'.repeat(101), kind: 'read', days: '1' }).success).toBe(false)
    expect(TokenForm.safeParse({ name: 'x', kind: 'read', days: '1.5' }).success).toBe(false)
  })
})

describe('personal API tokens', () => {
  const t = useTestDb()

  it('are long random secrets kept only as a SHA-256', async () => {
    const owner = await insertUser(t.db, 'partner', [], 'ADB')
    const a = await createToken(t.db, owner.id, { name: 'Reporting', kind: 'read', days: 30 }, at(0))
    const b = await createToken(t.db, owner.id, { name: 'Other', kind: 'read', days: 30 }, at(0))
    expect(a.token).toMatch(new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`))
    expect(a.token).not.toBe(b.token)
    const stored = await t.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(stored)).not.toContain(a.token.slice(TOKEN_PREFIX.length))
    expect(stored.token_hash).toBe(hashToken(a.token))
    expect(stored.expires_at).toBe(at(30 * DAY).toISOString())
  })

  it('authenticate their owner until they expire or are revoked; unknown ones never', async () => {
    const owner = await insertUser(t.db, 'viewer')
    const { token, id } = await createToken(t.db, owner.id, { name: 'Script', kind: 'write', days: 7 }, at(0))
    expect(await authenticateToken(t.db, token, 'POST', at(1))).toEqual({
      kind: 'ok',
      userId: owner.id,
      tokenKind: 'write',
    })
    expect(await authenticateToken(t.db, token, 'GET', at(7 * DAY))).toEqual({ kind: 'invalid' })
    expect(await authenticateToken(t.db, `${token}x`, 'GET', at(1))).toEqual({ kind: 'invalid' })
    expect(await authenticateToken(t.db, 'not-ours', 'GET', at(1))).toEqual({ kind: 'invalid' })
    expect((await revokeToken(t.db, owner, id, at(2))).kind).toBe('revoked')
    expect(await authenticateToken(t.db, token, 'GET', at(3))).toEqual({ kind: 'invalid' })
  })

  it('a read token is refused a write (and is still known)', async () => {
    const owner = await insertUser(t.db, 'secretariat')
    const { token } = await createToken(t.db, owner.id, { name: 'Reader', kind: 'read', days: 7 }, at(0))
    expect(await authenticateToken(t.db, token, 'POST', at(1))).toEqual({ kind: 'read_only' })
    expect((await authenticateToken(t.db, token, 'GET', at(1))).kind).toBe('ok')
  })

  it('remember when they were last used, written at most once a minute', async () => {
    const owner = await insertUser(t.db, 'viewer')
    const { token } = await createToken(t.db, owner.id, { name: 'Script', kind: 'read', days: 7 }, at(0))
    expect((await listTokens(t.db, owner.id, at(0)))[0]!.lastUsedAt).toBeNull()
    await authenticateToken(t.db, token, 'GET', at(10_000))
    await authenticateToken(t.db, token, 'GET', at(20_000))
    expect((await listTokens(t.db, owner.id, at(0)))[0]!.lastUsedAt).toBe(at(10_000).toISOString())
    await authenticateToken(t.db, token, 'GET', at(80_000))
    expect((await listTokens(t.db, owner.id, at(0)))[0]!.lastUsedAt).toBe(at(80_000).toISOString())
  })

  it('a person revokes their own; the secretariat anyone’s; others nobody else’s', async () => {
    const owner = await insertUser(t.db, 'partner', [], 'ADB')
    const other = await insertUser(t.db, 'working_group', ['KAZ'])
    const secretariat = await insertUser(t.db, 'secretariat')
    const first = await createToken(t.db, owner.id, { name: 'First', kind: 'read', days: 7 }, at(0))
    const second = await createToken(t.db, owner.id, { name: 'Second', kind: 'write', days: 7 }, at(1))
    expect(await revokeToken(t.db, other, first.id, at(2))).toEqual({ kind: 'forbidden' })
    expect(await revokeToken(t.db, secretariat, first.id, at(2))).toMatchObject({ kind: 'revoked' })
    expect(await revokeToken(t.db, owner, first.id, at(3))).toEqual({ kind: 'not_found' })
    expect(await revokeToken(t.db, owner, second.id, at(3))).toMatchObject({ kind: 'revoked' })
    const stored = await t.db
      .selectFrom('api_tokens')
      .select(['name', 'revoked_by'])
      .orderBy('name')
      .execute()
    expect(stored).toEqual([
      { name: 'First', revoked_by: secretariat.id },
      { name: 'Second', revoked_by: owner.id },
    ])
  })

  it('lists show working tokens only: the owner theirs, the secretariat everyone’s with owners', async () => {
    const owner = await insertUser(t.db, 'partner', [], 'ADB')
    const other = await insertUser(t.db, 'viewer')
    await createToken(t.db, owner.id, { name: 'Old', kind: 'read', days: 1 }, at(0))
    const live = await createToken(t.db, owner.id, { name: 'Live', kind: 'write', days: 30 }, at(DAY))
    const revoked = await createToken(t.db, other.id, { name: 'Gone', kind: 'read', days: 30 }, at(DAY))
    await createToken(t.db, other.id, { name: 'Viewer script', kind: 'read', days: 30 }, at(DAY))
    await revokeToken(t.db, other, revoked.id, at(DAY))
    const mine = await listTokens(t.db, owner.id, at(2 * DAY))
    expect(mine).toEqual([
      {
        id: live.id,
        name: 'Live',
        kind: 'write',
        createdAt: at(DAY).toISOString(),
        lastUsedAt: null,
        expiresAt: at(31 * DAY).toISOString(),
        revokedAt: null,
      },
    ])
    const all = await listAllTokens(t.db, at(2 * DAY))
    expect(all.map((token) => [token.owner.id, token.name]).sort()).toEqual(
      [
        [owner.id, 'Live'],
        [other.id, 'Viewer script'],
      ].sort(),
    )
  })

  it('deactivating a person revokes all their tokens at once', async () => {
    const owner = await insertUser(t.db, 'partner', [], 'ADB')
    const secretariat = await insertUser(t.db, 'secretariat')
    const tokens = await Promise.all(
      ['A', 'B'].map((name) => createToken(t.db, owner.id, { name, kind: 'read', days: 30 }, at(0))),
    )
    expect(await revokeAllTokensOf(t.db, owner.id, secretariat.id, at(1))).toBe(2)
    for (const { token } of tokens)
      expect(await authenticateToken(t.db, token, 'GET', at(2))).toEqual({ kind: 'invalid' })
    expect(await revokeAllTokensOf(t.db, owner.id, secretariat.id, at(3))).toBe(0)
  })
})
