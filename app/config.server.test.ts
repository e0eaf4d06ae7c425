import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, DEFAULTS, parseConfig, type Env } from './config.server'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

const problems = (env: Env) => {
  const outcome = parseConfig(env)
  return outcome.ok ? [] : outcome.problems
}

describe('the configuration', () => {
  it('has the documented defaults when nothing is set, and blank counts as unset', () => {
    const expected = {
      ok: true,
      config: {
        DATABASE_URL: './data/pipeline.db',
        PORT: 3000,
        HOST: undefined,
        NODE_ENV: 'development',
        SMTP_URL: undefined,
        MAIL_FROM: 'CAREC Pipeline <no-reply@localhost>',
        APP_URL: 'http://localhost:3000',
        MAIL_INTERVAL_SECONDS: 15,
        DIGEST_HOUR_UTC: 3,
        TWO_FACTOR_REQUIRED_ROLES: [],
        TWO_FACTOR_SECRET_KEY: undefined,
        TRUST_PROXY: undefined,
        PROCEDURE_RULE: 'majority_no_objection',
        JOBS_IN_SERVER: 1,
      },
    }
    expect(parseConfig({})).toEqual(expected)
    expect(parseConfig(Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, ' '])))).toEqual(expected)
  })

  it('is the table in README.md: every variable, with its default', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('### Configuration'))
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| variable')))
    const rows = new Map(
      [...table.matchAll(/^\| `(\w+)` \| ([^|]*) \|/gm)].map((m) => [m[1]!, m[2]!.replace(/`/g, '')]),
    )
    expect([...rows.keys()].sort()).toEqual([...CONFIG_VARIABLES].sort())
    for (const [name, value] of Object.entries(DEFAULTS))
      expect(rows.get(name), name).toContain(String(value))
  })

  it('reads the values it is given', () => {
    expect(
      parseConfig({
        DATABASE_URL: 'postgres://carec:pw@db.example.org:5432/carec',
        PORT: '8080',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        SMTP_URL: 'smtps://mailer:pw@mail.example.org:465',
        MAIL_FROM: 'Pipeline <pipeline@example.org>',
        APP_URL: 'https://pipeline.example.org//',
        MAIL_INTERVAL_SECONDS: '0',
        DIGEST_HOUR_UTC: '23',
        PROCEDURE_RULE: 'unanimous',
        UNRELATED: 'ignored',
      }),
    ).toEqual({
      ok: true,
      config: {
        DATABASE_URL: 'postgres://carec:pw@db.example.org:5432/carec',
        PORT: 8080,
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        SMTP_URL: 'smtps://mailer:pw@mail.example.org:465',
        MAIL_FROM: 'Pipeline <pipeline@example.org>',
        APP_URL: 'https://pipeline.example.org',
        MAIL_INTERVAL_SECONDS: 0,
        DIGEST_HOUR_UTC: 23,
        TWO_FACTOR_REQUIRED_ROLES: [],
        TWO_FACTOR_SECRET_KEY: undefined,
        TRUST_PROXY: undefined,
        PROCEDURE_RULE: 'unanimous',
        JOBS_IN_SERVER: 1,
      },
    })
    for (const url of [
      'file:./data/x.db',
      ':memory:',
      '/var/lib/carec/pipeline.db',
      'C:\\carec\\x.db',
      'postgresql://h/db',
    ])
      expect(problems({ DATABASE_URL: url }), url).toEqual([])
  })

  it.each([
    ['MAIL_INTERVAL_SECONDS', '15s', 'MAIL_INTERVAL_SECONDS="15s" is not a whole number of seconds'],
    ['MAIL_INTERVAL_SECONDS', '-1', 'MAIL_INTERVAL_SECONDS="-1" is not a whole number of seconds'],
    ['MAIL_INTERVAL_SECONDS', '1.5', 'MAIL_INTERVAL_SECONDS="1.5" is not a whole number of seconds'],
    [
      'DATABASE_URL',
      'postgress://db.example.org/carec',
      'DATABASE_URL names an unknown kind of database ("postgress:")',
    ],
    [
      'DATABASE_URL',
      'mysql://db.example.org/carec',
      'DATABASE_URL names an unknown kind of database ("mysql:")',
    ],
    ['DATABASE_URL', 'postgres:/db.example.org/carec', 'DATABASE_URL is not a PostgreSQL URL'],
    ['DATABASE_URL', 'postgres://', 'DATABASE_URL is not a PostgreSQL URL'],
    ['PORT', 'http', 'PORT="http" is not a port number'],
    ['PORT', '70000', 'PORT="70000" is not a port number'],
    ['PORT', '-1', 'PORT="-1" is not a port number'],
    ['NODE_ENV', 'prod', 'NODE_ENV="prod" is not one of production, development, test'],
    ['SMTP_URL', 'mail.example.org', 'SMTP_URL is not an SMTP URL'],
    [
      'APP_URL',
      'pipeline.example.org',
      'APP_URL="pipeline.example.org" is not an http:// or https:// address',
    ],
    ['MAIL_FROM', 'CAREC Pipeline', 'MAIL_FROM="CAREC Pipeline" is not a sender address'],
    ['DIGEST_HOUR_UTC', '24', 'DIGEST_HOUR_UTC="24" is not a whole hour from 0 to 23'],
    ['DIGEST_HOUR_UTC', '3am', 'DIGEST_HOUR_UTC="3am" is not a whole hour from 0 to 23'],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    const found = problems({ [name]: value })
    expect(found).toHaveLength(1)
    expect(found[0]).toContain(message)
  })

  it('reports every wrong variable at once, never repeating a secret', () => {
    const found = problems({
      DATABASE_URL: 'postgres://carec:s3cret@/carec',
      SMTP_URL: 'smtp//mailer:s3cret@mail',
      MAIL_INTERVAL_SECONDS: 'often',
    })
    expect(found.map((p) => p.split(/[ =]/)[0])).toEqual([
      'DATABASE_URL',
      'SMTP_URL',
      'MAIL_INTERVAL_SECONDS',
    ])
    expect(found.join('\n')).not.toContain('s3cret')
  })

  it('stops `npm start` with the variable named, before touching the database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-config-'))
    const database = path.join(dir, 'never.db')
    try {
      const run = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/index.ts'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          DATABASE_URL: database,
          MAIL_INTERVAL_SECONDS: '15s',
        },
      })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('MAIL_INTERVAL_SECONDS="15s" is not a whole number of seconds')
      expect(fs.existsSync(database)).toBe(false)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)
})
