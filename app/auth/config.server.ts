import { z } from 'zod'
import { ROLES, type Role } from '../permissions/permissions'
import { encryptionKey } from './secrets.server'

// The sign-in settings an installation chooses (README, "Configuration"), read and checked once:
// a typo stops the server with the variable's name rather than silently weakening sign-in.

const Env = z.object({
  TWO_FACTOR_REQUIRED_ROLES: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ROLES), { invalid_type_error: 'a comma-separated list of roles' })),
  TWO_FACTOR_SECRET_KEY: z
    .string()
    .min(32, 'at least 32 characters (for example `openssl rand -base64 32`)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((text) => text.trim())
    .refine(
      (text) => text === '' || /^(\d+|[0-9a-z.:/, ]+)$/i.test(text),
      'a number of proxies, or loopback, uniquelocal or addresses',
    ),
})

export interface SecurityConfig {
  /** roles that must turn two-factor sign-in on before they may do anything else */
  twoFactorRequiredRoles: readonly Role[]
  /** the key authenticator secrets are sealed with (AES-256-GCM); null keeps them unsealed */
  secretKey: Buffer | null
  /**
   * Which proxies in front may say who the client is (X-Forwarded-For), as Express's
   * 'trust proxy' takes it: a number of hops, or loopback, uniquelocal, addresses; false for none.
   */
  trustProxy: number | string | false
}

export function parseSecurityConfig(env: Record<string, string | undefined>): SecurityConfig {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const allowed = issue.code === 'invalid_enum_value' ? ` (one of: ${ROLES.join(', ')})` : ''
    throw new Error(`Configuration: ${String(issue.path[0])} is not valid: ${issue.message}${allowed}`)
  }
  return {
    twoFactorRequiredRoles: parsed.data.TWO_FACTOR_REQUIRED_ROLES,
    secretKey: parsed.data.TWO_FACTOR_SECRET_KEY ? encryptionKey(parsed.data.TWO_FACTOR_SECRET_KEY) : null,
    trustProxy: /^\d+$/.test(parsed.data.TRUST_PROXY)
      ? Number(parsed.data.TRUST_PROXY)
      : parsed.data.TRUST_PROXY || false,
  }
}

let config: SecurityConfig | undefined

export function securityConfig(): SecurityConfig {
  config ??= parseSecurityConfig(process.env)
  return config
}
