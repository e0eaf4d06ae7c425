import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { hashPassword } from '../app/auth/password.server'
import type { Database } from '../db/schema'

// The built server as the bench's HTTP cases use it (scripts/bench.ts, bench-jobs.ts): started on
// a scratch database and a free port as `npm start` runs it (package.json's own command line:
// node, its V8 flags, build/server.js), and a signed-in cookie for it.

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export interface BenchServer {
  base: string
  child: ChildProcess
  /** the server's output so far (its tail), for an error message */
  log(): string
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Adds a person with a random password to sign in with; answers the password. */
export async function addBenchUser(
  db: Kysely<Database>,
  person: { id?: string; email: string; name: string; role: 'viewer' | 'secretariat' },
): Promise<string> {
  const password = randomUUID()
  await db
    .insertInto('users')
    .values({
      id: person.id ?? randomUUID(),
      email: person.email,
      name: person.name,
      role: person.role,
      organisation: null,
      password_hash: await hashPassword(password),
      created_at: new Date().toISOString(),
    })
    .execute()
  return password
}

/**
 * `npm start`'s command line from package.json, without npm: its environment assignments
 * (`NAME=value` before the program), then node's arguments and the script.
 */
function startCommand(): { env: Record<string, string>; args: string[] } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string }
  }
  const words = pkg.scripts.start.split(/\s+/)
  const env: Record<string, string> = {}
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name, value] = words.shift()!.split('=') as [string, string]
    env[name] = value
  }
  const [program, ...args] = words
  if (program !== 'node')
    throw new Error(`npm start runs ${program}, not node: bench-server.ts needs updating`)
  return { env, args }
}

/** The V8 flags `npm start` gives node (heap sizing and collection), without the script. */
export function startNodeFlags(): string[] {
  return startCommand().args.slice(0, -1)
}

/**
 * Starts the built server (`npm start`'s command) on `databaseUrl` (NODE_ENV=production), with `env` on top, and waits
 * until it answers; throws with the server's output if it exits or stays silent for 30 s.
 */
export async function startBenchServer(
  databaseUrl: string,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<BenchServer> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let output = ''
  const start = startCommand()
  const script = start.args.pop()!
  const child = spawn(process.execPath, [...start.args, ...(options.nodeArgs ?? []), script], {
    cwd: ROOT,
    env: {
      // the server inherits the environment (PATH, locale) with the bench's own settings on top
      // eslint-disable-next-line no-restricted-properties
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      ...start.env,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const server: BenchServer = {
    base,
    child,
    log: () => output.slice(-2000),
    async stop() {
      child.kill('SIGTERM')
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))
    },
  }
  try {
    await waitForServer(server)
  } catch (error) {
    await server.stop()
    throw error
  }
  return server
}

async function waitForServer({ base, child, log }: BenchServer): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}):\n${log()}`)
    try {
      await fetch(`${base}/login`, { redirect: 'manual' })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new Error(`the server did not answer within 30 s:\n${log()}`)
}

/** Signs in through the login form; answers the session cookie to send. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  })
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('carec_session=') && c !== 'carec_session=')
  if (!cookie) throw new Error(`POST /login answered ${res.status} without a carec_session cookie`)
  return cookie
}
