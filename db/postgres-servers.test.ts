import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, insertSignInUser } from '../app/auth/test-users'
import { enqueueMail } from '../app/notifications/outbox.server'
import { createItem, getItemByRef, baselineOf } from '../app/portfolio/items.server'
import { formValuesOf, ItemForm } from '../app/portfolio/schema'
import { actorOf, PLAN_FILE, seedItems } from '../tests/setup/fixtures'
import { createPgTestDb, type PgTestDb } from '../tests/setup/pg-db'
import { databaseKind } from './connect'

// Two app servers on one PostgreSQL database, as in production behind a load balancer
// (docs/operations.md): the built server (`npm run build`, then server/index.ts) started twice.
// What one server does, the other must see: sessions, versions (conflicts), sign-in throttling,
// and the outbox, each mail sent by exactly one of them. `npm test` builds before it runs vitest.

const serverUrl = process.env.TEST_DATABASE_URL_PG
if (!serverUrl || databaseKind(serverUrl) !== 'postgres') {
  throw new Error('db/postgres-servers.test.ts needs TEST_DATABASE_URL_PG=postgres://...')
}
const ROOT = fileURLToPath(new URL('..', import.meta.url))
if (!fs.existsSync(path.join(ROOT, 'build/server/index.js'))) {
  throw new Error('db/postgres-servers.test.ts starts the built server: run `npm run build` first')
}

interface Server {
  origin: string
  output: () => string
  child: ChildProcess
}

/** Starts `npm start`'s server on `port` against `databaseUrl`; resolves once it listens. */
async function startServer(
  databaseUrl: string,
  port: number,
  settings: Record<string, string> = {},
): Promise<Server> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      MAIL_INTERVAL_SECONDS: '1',
      SMTP_URL: '',
      TRUST_PROXY: '',
      APP_URL: '',
      ...settings,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /CAREC Pipeline: (http:\/\/[^\s]+)/.exec(output)
      if (match) resolve(match[1]!)
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the server stopped (${code}):\n${output}`)))
  })
  return { origin, output: () => output, child }
}

function formOf(values: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, String(one))
  }
  return form
}

describe('two app servers on one PostgreSQL database', () => {
  let database: PgTestDb
  let servers: [Server, Server]

  beforeAll(async () => {
    database = await createPgTestDb(serverUrl)
    await seedItems(database.db, fs.readFileSync(PLAN_FILE))
    // E2E_PORT + 1 and + 2: this checkout's ports (the e2e server has E2E_PORT itself)
    const base = Number(process.env.E2E_PORT ?? 3000)
    // B as behind a reverse proxy on this machine that terminates https (docs/operations.md)
    servers = await Promise.all([
      startServer(database.url, base + 1),
      startServer(database.url, base + 2, {
        TRUST_PROXY: 'loopback',
        APP_URL: 'https://pipeline.example.org',
      }),
    ])
  }, 120_000)

  afterAll(async () => {
    for (const server of servers ?? []) {
      if (server.child.exitCode !== null) continue
      const exited = new Promise((resolve) => server.child.once('exit', resolve))
      server.child.kill('SIGTERM')
      await exited
    }
    await database?.close()
  })

  const [a, b] = [() => servers[0], () => servers[1]]

  async function signIn(
    server: Server,
    email: string,
    password: string,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return fetch(`${server.origin}/login`, {
      method: 'POST',
      headers,
      body: new URLSearchParams({ email, password, redirectTo: '/items' }),
      redirect: 'manual',
    })
  }

  const sessionOf = (response: Response) =>
    /carec_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]

  it('a session made on one server works on the other, and signing out on the other ends it on both', async () => {
    const user = await insertSignInUser(database.db, 'viewer')
    const signedIn = await signIn(a(), user.email, PASSWORD)
    expect(signedIn.status).toBe(302)
    const token = sessionOf(signedIn)
    expect(token).toBeTruthy()
    const cookie = `carec_session=${token}`

    const onB = await fetch(`${b().origin}/items`, { headers: { cookie }, redirect: 'manual' })
    expect(onB.status).toBe(200)
    const anonymous = await fetch(`${b().origin}/items`, { redirect: 'manual' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/login/)

    const signedOut = await fetch(`${b().origin}/logout`, {
      method: 'POST',
      headers: { cookie },
      redirect: 'manual',
    })
    expect(signedOut.status).toBe(302)
    const afterOnA = await fetch(`${a().origin}/items`, { headers: { cookie }, redirect: 'manual' })
    expect(afterOnA.status).toBe(302)
  })

  it('an edit saved on one server makes a stale edit on the other a conflict, not an overwrite', async () => {
    const editor = await insertSignInUser(database.db, 'secretariat')
    const actor = { ...actorOf({ role: 'secretariat' }), id: editor.id }
    const strategyId = (await database.db.selectFrom('strategies').select('id').executeTakeFirstOrThrow()).id
    expect(
      await createItem(
        database.db,
        actor,
        ItemForm.parse({ ref: 'TWO-1', title_en: 'Shared road', strategy_id: strategyId }),
      ),
    ).toEqual({ kind: 'saved', ref: 'TWO-1' })
    const opened = (await getItemByRef(database.db, 'TWO-1'))!
    const values = formValuesOf(opened) as Record<string, unknown>
    const baseline = JSON.stringify(baselineOf(opened))

    const login = await signIn(a(), editor.email, PASSWORD)
    const cookie = `carec_session=${sessionOf(login)}`
    const edit = (server: Server, title: string) =>
      fetch(`${server.origin}/items/TWO-1/edit`, {
        method: 'POST',
        headers: { cookie },
        body: formOf({ ...values, title_en: title, baseline }),
        redirect: 'manual',
      })

    const first = await edit(a(), 'Shared road, saved on A')
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe('/items/TWO-1')
    const stale = await edit(b(), 'Shared road, stale on B')
    expect(stale.status).toBe(200)
    expect(await stale.text()).toContain('class="notice conflict"')

    const now = (await getItemByRef(database.db, 'TWO-1'))!
    expect(now.title_en).toBe('Shared road, saved on A')
    expect(now.version).toBe(opened.version + 1)
  })

  it('counts failed sign-ins on both servers together', async () => {
    const user = await insertSignInUser(database.db, 'viewer')
    // five failures, three on A and two on B: neither server alone has seen the account's limit
    for (const server of [a(), b(), a(), b(), a()])
      expect((await signIn(server, user.email, 'wrong password')).status).toBe(401)
    const refused = await signIn(b(), user.email, PASSWORD)
    expect(refused.status).toBe(429)
    expect(sessionOf(refused)).toBeUndefined()
  })

  it('sends each mail in the outbox once, whichever server claims it', async () => {
    const at = new Date().toISOString()
    const addresses = Array.from({ length: 60 }, (_, i) => `two-servers-${i}@test.carec`)
    await database.db.transaction().execute(async (trx) => {
      for (const to of addresses) await enqueueMail(trx, { to, subject: 'Two servers', body: 'Once.', at })
    })
    const sentCount = async () =>
      (
        await database.db
          .selectFrom('email_outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('to_address', 'in', addresses)
          .where('sent_at', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n
    while ((await sentCount()) < addresses.length) await new Promise((resolve) => setTimeout(resolve, 200))

    const logged = (server: Server) =>
      [...server.output().matchAll(/mail \(log sender\): to=(two-servers-\d+@test\.carec)/g)].map((m) => m[1])
    const all = [...logged(a()), ...logged(b())]
    expect(all.sort()).toEqual([...addresses].sort())
  }, 60_000)

  it('runs each job once, whichever server queued it and whichever server’s runner claims it', async () => {
    const user = await insertSignInUser(database.db, 'secretariat')
    const sessions = await Promise.all(
      [a(), b()].map(async (server) => {
        const session = sessionOf(await signIn(server, user.email, PASSWORD))
        if (!session) throw new Error(`no session on ${server.origin}`)
        return { server, cookie: `carec_session=${session}` }
      }),
    )
    // three snapshots asked for on each server, all at once
    const names = Array.from({ length: 6 }, (_, i) => `Two servers ${i}`)
    const queued = await Promise.all(
      names.map(async (name, i) => {
        const { server, cookie } = sessions[i % 2]!
        const response = await fetch(`${server.origin}/snapshots`, {
          method: 'POST',
          headers: { cookie },
          body: new URLSearchParams({ name }),
          redirect: 'manual',
        })
        expect(response.status).toBe(302)
        return /\/jobs\/([^/?]+)$/.exec(response.headers.get('location') ?? '')![1]!
      }),
    )
    const jobs = () =>
      database.db.selectFrom('jobs').select(['id', 'state', 'attempts']).where('id', 'in', queued).execute()
    while ((await jobs()).some((job) => job.state !== 'done'))
      await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await jobs()).map((job) => Number(job.attempts))).toEqual([1, 1, 1, 1, 1, 1])
    // done exactly once: one snapshot per request, none twice
    const taken = await database.db
      .selectFrom('snapshots')
      .select('name')
      .where('name', 'in', names)
      .execute()
    expect(taken.map((s) => s.name).sort()).toEqual([...names].sort())
  }, 60_000)

  it('behind a reverse proxy: the cookie stays Secure, and X-Forwarded-* count only from a trusted proxy', async () => {
    const user = await insertSignInUser(database.db, 'viewer')
    const proxied = {
      host: new URL(b().origin).host,
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'pipeline.example.org',
      'x-forwarded-for': '203.0.113.9',
      origin: 'https://pipeline.example.org',
    }
    const throughProxy = await signIn(b(), user.email, PASSWORD, proxied)
    expect(throughProxy.status).toBe(302)
    expect(throughProxy.headers.get('set-cookie')).toMatch(/carec_session=[^;]+;.*; Secure/)

    // A trusts no proxy: the same headers sent straight to it are a client's word, and another
    // site's page claiming to be our host is refused.
    const spoofed = await signIn(a(), user.email, PASSWORD, {
      ...proxied,
      host: new URL(a().origin).host,
      origin: 'https://evil.example',
      'x-forwarded-host': 'evil.example',
    })
    expect(spoofed.status).toBe(403)
    const direct = await signIn(a(), user.email, PASSWORD)
    expect(direct.status).toBe(302)
    expect(direct.headers.get('set-cookie')).not.toContain('Secure')
  })
})
