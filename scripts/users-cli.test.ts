import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useTestDb } from '../tests/setup/test-db'
import { getInvitation } from '../app/people/invitations.server'
import { getPasswordReset } from '../app/people/passwords.server'
import { authenticateToken } from '../app/tokens/tokens.server'
import { runUsersCommand } from './users-cli'

// `npm run users -- ...`: each command called as the script calls it, and the script itself once.

const ROOT = fileURLToPath(new URL('..', import.meta.url))

describe('npm run users', () => {
  const t = useTestDb()
  beforeEach(() => {
    vi.stubEnv('APP_URL', 'https://pipeline.example.org')
  })
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  async function run(argv: string[], stdin = '') {
    const out: string[] = []
    const err: string[] = []
    const code = await runUsersCommand(t.db, argv, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readStdin: async () => stdin,
    })
    return { code, out, err: err.join('\n') }
  }

  const secretOf = (link: string) => link.slice(link.lastIndexOf('/') + 1)

  it('add prints one line, a one-time invitation link under APP_URL', async () => {
    const added = await run([
      'add',
      '--email',
      'Admin@Example.org',
      '--name',
      'Ada Admin',
      '--role',
      'secretariat',
    ])
    expect(added.code).toBe(0)
    expect(added.out).toHaveLength(1)
    expect(added.out[0]).toMatch(/^https:\/\/pipeline\.example\.org\/invitations\/[A-Za-z0-9_-]{43}$/)
    expect(await getInvitation(t.db, secretOf(added.out[0]!))).toMatchObject({
      kind: 'valid',
      email: 'admin@example.org',
    })
    // the command line mails nothing: the link is handed over by whoever ran it
    expect(await t.db.selectFrom('email_outbox').select('id').execute()).toEqual([])
  })

  it('refuses bad input with a message and exit code 1, creating nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['add', '--email', 'a@example.org', '--name', 'A', '--role', 'boss'],
        /--role: secretariat working_group steering_committee partner viewer/,
      ],
      [
        [
          'add',
          '--email',
          'a@example.org',
          '--name',
          'A',
          '--role',
          'working_group',
          '--countries',
          'KAZ,XXX',
        ],
        /--countries: unknown country code XXX \(allowed: AZE PRC/,
      ],
      [
        ['add', '--email', 'a@example.org', '--name', 'A', '--role', 'working_group'],
        /--countries: A working group member speaks for at least one country/,
      ],
      [
        ['add', '--email', 'a@example.org', '--name', 'A', '--role', 'partner'],
        /--organisation: A development partner belongs to an organisation/,
      ],
      [
        ['add', '--email', 'a@example.org', '--name', 'A', '--role', 'partner', '--organisation', 'GIZ'],
        /--organisation: "GIZ" is not on the list/,
      ],
      [
        ['add', '--email', 'not-an-email', '--name', 'A', '--role', 'viewer'],
        /--email: Enter an e-mail address/,
      ],
      [['add', '--email', 'a@example.org', '--role', 'viewer'], /--name: This field is required/],
      [['add', '--email', 'a@example.org', '--name', 'A', '--role', 'viewer', '--colour', 'red'], /colour/],
      [['frobnicate'], /Usage: npm run users -- <command>/],
      [[], /Usage/],
      [['deactivate', '--email', 'nobody@example.org'], /no account has the e-mail nobody@example.org/],
    ]
    for (const [argv, message] of cases) {
      const result = await run(argv)
      expect(result.code, argv.join(' ')).toBe(1)
      expect(result.out, argv.join(' ')).toEqual([])
      expect(result.err, argv.join(' ')).toMatch(message)
    }
    expect(await t.db.selectFrom('users').select('id').execute()).toEqual([])
  })

  it('refuses an e-mail already used, whatever its case', async () => {
    expect((await run(['add', '--email', 'a@example.org', '--name', 'A', '--role', 'viewer'])).code).toBe(0)
    const again = await run(['add', '--email', 'A@EXAMPLE.ORG', '--name', 'B', '--role', 'viewer'])
    expect(again).toMatchObject({ code: 1, out: [] })
    expect(again.err).toMatch(/--email: An account with this e-mail already exists/)
  })

  it('--password-stdin makes an active account, with the password rules', async () => {
    const weak = await run(
      ['add', '--email', 'ops@example.org', '--name', 'Ops', '--role', 'viewer', '--password-stdin'],
      'password1234\n',
    )
    expect(weak.code).toBe(1)
    expect(weak.err).toMatch(/--password-stdin: This password is too easy to guess/)
    const made = await run(
      [
        'add',
        '--email',
        'ops@example.org',
        '--name',
        'Ops',
        '--role',
        'partner',
        '--organisation',
        'adb',
        '--password-stdin',
      ],
      'copper kettle whistles at dawn\n',
    )
    expect(made).toMatchObject({ code: 0, out: ['active ops@example.org'] })
    const listed = await run(['list'])
    expect(listed.out).toEqual([['ops@example.org', 'Ops', 'partner', 'ADB', 'active', '-'].join('\t')])
  })

  it('deactivate, reactivate and reset, each one line; the last secretariat stays', async () => {
    await run(
      ['add', '--email', 'boss@example.org', '--name', 'Boss', '--role', 'secretariat', '--password-stdin'],
      'copper kettle whistles at dawn',
    )
    await run(
      [
        'add',
        '--email',
        'wg@example.org',
        '--name',
        'Wg',
        '--role',
        'working_group',
        '--countries',
        'kaz, uzb',
        '--password-stdin',
      ],
      'amber lanterns over the steppe',
    )
    expect(await run(['deactivate', '--email', 'wg@example.org'])).toMatchObject({
      code: 0,
      out: ['deactivated wg@example.org'],
    })
    expect(await run(['deactivate', '--email', 'wg@example.org'])).toMatchObject({ code: 1, out: [] })
    expect(await run(['reactivate', '--email', 'wg@example.org'])).toMatchObject({
      code: 0,
      out: ['active wg@example.org'],
    })
    const last = await run(['deactivate', '--email', 'boss@example.org'])
    expect(last).toMatchObject({ code: 1, out: [] })
    expect(last.err).toMatch(/last active secretariat account/)
    const reset = await run(['reset', '--email', 'wg@example.org'])
    expect(reset.code).toBe(0)
    expect(reset.out[0]).toMatch(/^https:\/\/pipeline\.example\.org\/reset-password\/[A-Za-z0-9_-]{43}$/)
    expect(await getPasswordReset(t.db, secretOf(reset.out[0]!))).toEqual({
      kind: 'valid',
      email: 'wg@example.org',
    })
    expect((await run(['list', '--role', 'working_group'])).out).toEqual([
      ['wg@example.org', 'Wg', 'working_group', 'KAZ, UZB', 'active', '-'].join('\t'),
    ])
  })

  it('token prints a new API token once (read-only unless --write) and refuses bad input', async () => {
    const password = 'a long enough passphrase for a script'
    expect(
      (
        await run(
          ['add', '--email', 'bot@example.org', '--name', 'Bot', '--role', 'viewer', '--password-stdin'],
          password,
        )
      ).code,
    ).toBe(0)
    const read = await run(['token', '--email', 'BOT@example.org', '--name', 'Reporting'])
    expect(read.code).toBe(0)
    expect(read.out).toHaveLength(1)
    expect(read.out[0]).toMatch(/^carec_[A-Za-z0-9_-]{43}$/)
    expect(read.err).toMatch(/read-only API token for bot@example.org/)
    expect(await authenticateToken(t.db, read.out[0]!, 'POST', new Date())).toEqual({ kind: 'read_only' })
    const write = await run([
      'token',
      '--email',
      'bot@example.org',
      '--name',
      'Sync',
      '--write',
      '--days',
      '7',
    ])
    expect(await authenticateToken(t.db, write.out[0]!, 'POST', new Date())).toMatchObject({ kind: 'ok' })
    const stored = await t.db
      .selectFrom('api_tokens')
      .select(['name', 'kind', 'created_at', 'expires_at'])
      .execute()
    expect(stored.map((r) => [r.name, r.kind]).sort()).toEqual([
      ['Reporting', 'read'],
      ['Sync', 'write'],
    ])
    const sync = stored.find((r) => r.name === 'Sync')!
    expect(Date.parse(sync.expires_at) - Date.parse(sync.created_at)).toBe(7 * 24 * 60 * 60_000)

    const refused: Array<[string[], RegExp]> = [
      [['token', '--email', 'bot@example.org'], /--name: Give the token a name/],
      [['token', '--email', 'bot@example.org', '--name', 'x', '--days', '400'], /--days: .*1 to 365/],
      [['token', '--email', 'nobody@example.org', '--name', 'x'], /no account has the e-mail/],
      [['token', '--name', 'x'], /--email/],
    ]
    for (const [argv, message] of refused) {
      const answer = await run(argv)
      expect(answer.code, argv.join(' ')).toBe(1)
      expect(answer.out).toEqual([])
      expect(answer.err).toMatch(message)
    }
    await run(['deactivate', '--email', 'bot@example.org'])
    const inactive = await run(['token', '--email', 'bot@example.org', '--name', 'x'])
    expect(inactive.code).toBe(1)
    expect(inactive.err).toMatch(/only an active account can have API tokens/)
    expect(
      await t.db.selectFrom('api_tokens').select('id').where('revoked_at', 'is', null).execute(),
    ).toEqual([])
  })

  it('runs as a script with NODE_ENV=production: one line out, a non-zero exit on bad input', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: t.url,
      APP_URL: 'https://pipeline.example.org',
    }
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url))
    const ok = spawnSync(
      tsx,
      ['scripts/users.ts', 'add', '--email', 'first@example.org', '--name', 'First', '--role', 'secretariat'],
      {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      },
    )
    expect(ok.status, ok.stderr).toBe(0)
    expect(ok.stdout.trim().split('\n')).toHaveLength(1)
    expect(ok.stdout).toMatch(/^https:\/\/pipeline\.example\.org\/invitations\//)
    const bad = spawnSync(
      tsx,
      ['scripts/users.ts', 'add', '--email', 'x@example.org', '--name', 'X', '--role', 'nobody'],
      {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      },
    )
    expect(bad.status).toBe(1)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toMatch(/--role/)
  }, 60_000)
})
