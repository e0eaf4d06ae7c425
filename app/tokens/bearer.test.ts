import type { Kysely } from 'kysely'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Database } from '../../db/schema'
import { insertUser, toCsv } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { createSession } from '../auth/sessions.server'
import { importCsv } from '../importer/import.server'
import { loader as exportCsv } from '../routes/export.items[.csv]'
import { loader as listItems } from '../routes/api.v1.items'
import { action as postTransition } from '../routes/api.v1.items_.$ref_.transitions'
import { createToken, revokeToken } from './tokens.server'

// The machine interface with `Authorization: Bearer <token>`, through the real route modules.

const current = vi.hoisted(() => ({ db: undefined as Kysely<Database> | undefined }))
vi.mock('../db.server', () => ({ getDb: () => Promise.resolve(current.db!) }))

const BASE = 'http://127.0.0.1:3000'
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

function get(path: string, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, { headers })
}
function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

/** A guard's refusal is thrown as a Response; the route's own answers are returned. */
async function answer(run: () => Promise<unknown> | unknown): Promise<Response> {
  try {
    return (await run()) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('API tokens on /api/v1 and /export', () => {
  const t = useTestDb()
  beforeEach(async () => {
    current.db = t.db
    const loaded = await importCsv(
      t.db,
      toCsv([
        {
          ref: 'B-01',
          strategy: 'CITA 2030',
          title_en: 'Single window',
          proposers: 'KAZ',
          status: 'proposed',
        },
      ]),
      null,
    )
    if (!loaded.ok) throw new Error('fixture refused')
  })

  const now = () => new Date()

  it('a read token reads the items and the CSV export with its owner’s permissions', async () => {
    const partner = await insertUser(t.db, 'partner', [], 'ADB')
    const { token } = await createToken(t.db, partner.id, { name: 'Reader', kind: 'read', days: 30 }, now())
    const list = await answer(() => listItems(args(get('/api/v1/items', bearer(token)))))
    expect(list.status).toBe(200)
    expect(((await list.json()) as { items: Array<{ ref: string }> }).items.map((i) => i.ref)).toEqual([
      'B-01',
    ])
    const csv = await answer(() => exportCsv(args(get('/export/items.csv', bearer(token)))))
    expect(csv.status).toBe(200)
    expect(await csv.text()).toContain('B-01')
  })

  it('unknown, revoked and expired tokens get 401 with the same JSON', async () => {
    const viewer = await insertUser(t.db, 'viewer')
    const revoked = await createToken(t.db, viewer.id, { name: 'Revoked', kind: 'read', days: 30 }, now())
    await revokeToken(t.db, viewer, revoked.id, now())
    const expired = await createToken(
      t.db,
      viewer.id,
      { name: 'Expired', kind: 'read', days: 1 },
      new Date(Date.now() - 2 * 24 * 60 * 60_000),
    )
    for (const token of ['carec_unknown', revoked.token, expired.token, '']) {
      const response = await answer(() => listItems(args(get('/api/v1/items', bearer(token)))))
      expect(response.status).toBe(401)
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer')
      expect(await response.json()).toEqual({
        error: 'invalid_token',
        message: 'This API token is unknown, revoked or expired.',
      })
    }
    // a malformed Authorization header is no token either
    const basic = await answer(() => listItems(args(get('/api/v1/items', { Authorization: 'Basic abc' }))))
    expect(basic.status).toBe(401)
  })

  it('a token of an account that is no longer active gets 401', async () => {
    const viewer = await insertUser(t.db, 'viewer')
    const { token } = await createToken(t.db, viewer.id, { name: 'Reader', kind: 'read', days: 30 }, now())
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', viewer.id).execute()
    const response = await answer(() => listItems(args(get('/api/v1/items', bearer(token)))))
    expect(response.status).toBe(401)
  })

  it('a read token gets 403 on a write; a write token writes with no Origin header', async () => {
    const secretariat = await insertUser(t.db, 'secretariat')
    const reader = await createToken(t.db, secretariat.id, { name: 'Reader', kind: 'read', days: 30 }, now())
    const writer = await createToken(t.db, secretariat.id, { name: 'Writer', kind: 'write', days: 30 }, now())
    const move = { to: 'under_review' }
    const refused = await answer(() =>
      postTransition(
        args(post('/api/v1/items/B-01/transitions', move, bearer(reader.token)), { ref: 'B-01' }),
      ),
    )
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ error: 'read_only_token' })
    const done = await answer(() =>
      postTransition(
        args(post('/api/v1/items/B-01/transitions', move, bearer(writer.token)), { ref: 'B-01' }),
      ),
    )
    expect(done.status).toBe(200)
    expect(await done.json()).toMatchObject({ ref: 'B-01', status: 'under_review' })
  })

  it('a write token can do only what its owner may do', async () => {
    const viewer = await insertUser(t.db, 'viewer')
    const writer = await createToken(t.db, viewer.id, { name: 'Writer', kind: 'write', days: 30 }, now())
    const response = await answer(() =>
      postTransition(
        args(post('/api/v1/items/B-01/transitions', { to: 'under_review' }, bearer(writer.token)), {
          ref: 'B-01',
        }),
      ),
    )
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'forbidden' })
  })

  it('without a token a session cookie is needed, and a cookie write from another site is refused', async () => {
    const anonymous = await answer(() => listItems(args(get('/api/v1/items'))))
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({ error: 'unauthenticated' })

    const secretariat = await insertUser(t.db, 'secretariat')
    const { token } = await createSession(t.db, secretariat.id)
    const cookie = { Cookie: `carec_session=${token}` }
    const listed = await answer(() => listItems(args(get('/api/v1/items', cookie))))
    expect(listed.status).toBe(200)
    const foreign = await answer(() =>
      postTransition(
        args(
          post(
            '/api/v1/items/B-01/transitions',
            { to: 'under_review' },
            { ...cookie, Origin: 'http://evil.example' },
          ),
          {
            ref: 'B-01',
          },
        ),
      ),
    )
    expect(foreign.status).toBe(403)
  })
})
