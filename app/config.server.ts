import { z } from 'zod'
import { ROLES } from './permissions/permissions'

// The app's configuration: every setting it takes from its environment, read and checked once at
// start-up (docs/decisions/0019-configuration.md). Nothing else reads process.env, so a setting
// has one name, one default and one check, and a typo stops the server with the variable's name
// instead of quietly meaning something else (MAIL_INTERVAL_SECONDS=15s used to turn mail off).
// The messages are for whoever runs the server, in its log, so they are not in the catalogue.

export const DEFAULTS = {
  DATABASE_URL: './data/pipeline.db',
  PORT: 3000,
  NODE_ENV: 'development',
  MAIL_FROM: 'CAREC Pipeline <no-reply@localhost>',
  APP_URL: 'http://localhost:3000',
  MAIL_INTERVAL_SECONDS: 15,
  DIGEST_HOUR_UTC: 3,
  PROCEDURE_RULE: 'majority_no_objection',
} as const

/** An IATI organisation identifier or activity prefix: no spaces, slashes or other reserved characters. */
const IATI_ORG_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/

/** Settings whose values may hold a password: a message about them never repeats the value. */
const SECRET = new Set(['DATABASE_URL', 'SMTP_URL', 'TWO_FACTOR_SECRET_KEY'])

/** An empty or blank variable (`FOO=` in a unit file or a compose file) counts as unset. */
const setting = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.trim() || undefined : value), schema)

const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message)

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/**
 * A file path, `file:...` or `:memory:` (SQLite), or postgres://... (PostgreSQL). Anything else
 * that starts like a URL is refused: `postgress://...` would otherwise become a SQLite file of
 * that name, and the server would start on an empty database.
 */
function databaseUrlProblem(url: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase()
  if (!scheme || scheme === 'file') return null
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const parsed = /^postgres(ql)?:\/\//i.test(url) ? parsedUrl(url) : null
    return parsed?.hostname
      ? null
      : 'is not a PostgreSQL URL of the form postgres://user:password@host:port/database'
  }
  return `names an unknown kind of database ("${scheme}:"): give a file path for SQLite or postgres://user:password@host:port/database for PostgreSQL`
}

const ConfigSchema = z.object({
  DATABASE_URL: setting(
    z
      .string()
      .default(DEFAULTS.DATABASE_URL)
      .superRefine((url, ctx) => {
        const problem = databaseUrlProblem(url)
        if (problem) ctx.addIssue({ code: 'custom', message: problem })
      }),
  ),
  /** 0 lets the system pick a free port (tests) */
  PORT: setting(wholeNumber('is not a port number (0 to 65535)', 0, 65535).default(String(DEFAULTS.PORT))),
  /** the address `npm start` listens on; unset: every interface */
  HOST: setting(z.string().optional()),
  NODE_ENV: setting(
    z
      .enum(['production', 'development', 'test'], {
        errorMap: () => ({ message: 'is not one of production, development, test' }),
      })
      .default(DEFAULTS.NODE_ENV),
  ),
  SMTP_URL: setting(
    z
      .string()
      .refine(
        (url) => ['smtp:', 'smtps:'].includes(parsedUrl(url)?.protocol ?? ''),
        'is not an SMTP URL of the form smtp://user:password@host:587 or smtps://user:password@host:465',
      )
      .optional(),
  ),
  MAIL_FROM: setting(
    z
      .string()
      .regex(/@/, 'is not a sender address, such as CAREC Pipeline <no-reply@example.org>')
      .default(DEFAULTS.MAIL_FROM),
  ),
  APP_URL: setting(
    z
      .string()
      .default(DEFAULTS.APP_URL)
      .refine(
        (url) => ['http:', 'https:'].includes(parsedUrl(url)?.protocol ?? ''),
        'is not an http:// or https:// address, such as https://pipeline.example.org',
      )
      .transform((url) => url.replace(/\/+$/, '')),
  ),
  MAIL_INTERVAL_SECONDS: setting(
    wholeNumber('is not a whole number of seconds (0 turns delivery off)', 0, 86_400).default(
      String(DEFAULTS.MAIL_INTERVAL_SECONDS),
    ),
  ),
  /** from this hour (UTC) each day's e-mail digests go out (docs/decisions/0021) */
  DIGEST_HOUR_UTC: setting(
    wholeNumber('is not a whole hour from 0 to 23', 0, 23).default(String(DEFAULTS.DIGEST_HOUR_UTC)),
  ),
  /** roles that must use two-factor sign-in, comma-separated (docs/decisions/0022) */
  TWO_FACTOR_REQUIRED_ROLES: setting(
    z
      .string()
      .default('')
      .transform((text) =>
        text
          .split(',')
          .map((role) => role.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.enum(ROLES, {
            errorMap: () => ({ message: `names a role that does not exist (${ROLES.join(', ')})` }),
          }),
        ),
      ),
  ),
  /** seals authenticator secrets (AES-256-GCM); unset keeps them unsealed */
  TWO_FACTOR_SECRET_KEY: setting(
    z
      .string()
      .min(32, 'is too short: at least 32 characters (for example `openssl rand -base64 32`)')
      .optional(),
  ),
  /** which proxies may name the client (Express's 'trust proxy'): a number of hops, or names and addresses */
  TRUST_PROXY: setting(
    z
      .string()
      .regex(/^(\d+|[0-9a-z.:/, ]+)$/i, 'is not a number of proxies, loopback, uniquelocal or addresses')
      .transform((text): number | string => (/^\d+$/.test(text) ? Number(text) : text))
      .optional(),
  ),
  // Starting values of the IATI publisher settings (app/iati/publisher.server.ts) until the
  // secretariat saves them on /iati/settings; the stored settings then win.
  IATI_REPORTING_ORG_REF: setting(
    z
      .string()
      .regex(
        IATI_ORG_REF,
        'is not an organisation identifier such as XM-DAC-46004 (letters, digits, "-", "_", ".")',
      )
      .optional(),
  ),
  IATI_REPORTING_ORG_NAME: setting(z.string().max(500, 'is longer than 500 characters').optional()),
  IATI_REPORTING_ORG_TYPE: setting(
    z
      .string()
      .regex(/^\d{2}$/, 'is not an IATI organisation type code, such as 40 (multilateral)')
      .optional(),
  ),
  IATI_ACTIVITY_PREFIX: setting(
    z
      .string()
      .regex(
        IATI_ORG_REF,
        'is not an identifier prefix such as XM-DAC-46004-CAREC- (letters, digits, "-", "_", ".")',
      )
      .optional(),
  ),
  /** how a written procedure's votes decide its outcome (app/procedures/rules.ts, docs/decisions/0029) */
  PROCEDURE_RULE: setting(
    z
      .enum(['majority_no_objection', 'majority_endorse', 'unanimous'], {
        errorMap: () => ({ message: 'is not one of majority_no_objection, majority_endorse, unanimous' }),
      })
      .default(DEFAULTS.PROCEDURE_RULE),
  ),
})

export type Config = z.infer<typeof ConfigSchema>
export type Env = Record<string, string | undefined>

/** The variables the app reads, for the README's table (config.server.test.ts keeps them in step). */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as Array<keyof Config>

export type ConfigOutcome = { ok: true; config: Config } | { ok: false; problems: string[] }

/** Reads the configuration from `env`; each problem names its variable (and its value, unless secret). */
export function parseConfig(env: Env): ConfigOutcome {
  const parsed = ConfigSchema.safeParse(env)
  if (parsed.success) return { ok: true, config: parsed.data }
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0])
    const value = env[name]
    return SECRET.has(name) || value === undefined
      ? `${name} ${issue.message}`
      : `${name}=${JSON.stringify(value)} ${issue.message}`
  })
  return { ok: false, problems }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The configuration is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

let loaded: Config | undefined

/** The configuration of this process, read from its environment once; throws ConfigError if wrong. */
export function config(): Config {
  if (!loaded) {
    // The one place process.env is read (eslint.config.js refuses it elsewhere).
    const outcome = parseConfig(process.env)
    if (!outcome.ok) throw new ConfigError(outcome.problems)
    loaded = outcome.config
  }
  return loaded
}

/** For entry points (the server, scripts): the configuration, or the problems on stderr and exit code 1. */
export function configOrExit(): Config {
  try {
    return config()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`${error.message}\nNothing was started. See "Configuration" in README.md.`)
    process.exit(1)
  }
}
