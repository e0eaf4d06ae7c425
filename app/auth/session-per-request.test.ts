import type { Kysely } from 'kysely'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Database } from '../../db/schema'
import { insertUser } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { createSession, endSession } from './sessions.server'
import { getUser } from './session.server'

// One session look-up per page request (the root loader and the page's loader both ask, in the
// same turn of the event loop), and a session ended is refused by the very next request.

const current = vi.hoisted(() => ({ db: undefined as Kysely<Database> | undefined }))
vi.mock('../db.server', () => ({ getDb: () => Promise.resolve(current.db!) }))

/** Until the event loop's next turn: where the next request starts. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('who is signed in, once per request', () => {
  const t = useTestDb()
  beforeEach(() => {
    current.db = t.db
  })

  async function signedIn() {
    const user = await insertUser(t.db, 'viewer')
    const { token } = await createSession(t.db, user.id)
    await nextTurn()
    return { user, token, cookie: { Cookie: `carec_session=${token}` } }
  }

  it('is read once for the loaders of one page request, and again for the next request', async () => {
    const { user, token, cookie } = await signedIn()
    const page = () => new Request('http://x/items', { headers: cookie })
    const [root, loader] = await Promise.all([getUser(page()), getUser(page())])
    expect(root?.id).toBe(user.id)
    expect(loader).toBe(root)
    // Signed out (another tab): the next request is refused.
    await endSession(t.db, token)
    await nextTurn()
    expect(await getUser(page())).toBeNull()
  })

  it('is read anew for each call of a request that writes', async () => {
    const { user, token, cookie } = await signedIn()
    const post = () => new Request('http://x/account', { method: 'POST', headers: cookie })
    expect((await getUser(post()))?.id).toBe(user.id)
    await endSession(t.db, token)
    expect(await getUser(post())).toBeNull()
  })

  it('is not shared between sessions', async () => {
    const first = await signedIn()
    const second = await signedIn()
    const [a, b] = await Promise.all([
      getUser(new Request('http://x/items', { headers: first.cookie })),
      getUser(new Request('http://x/items', { headers: second.cookie })),
    ])
    expect(a?.id).toBe(first.user.id)
    expect(b?.id).toBe(second.user.id)
  })
})
