import { config, type Config } from '../config.server'
import type { Role } from '../permissions/permissions'
import { encryptionKey } from './secrets.server'

// The sign-in settings an installation chooses (README, "Configuration"), as app/auth uses them.
// They are read and checked with the rest of the configuration (app/config.server.ts).

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

export function securityConfigOf(
  settings: Pick<Config, 'TWO_FACTOR_REQUIRED_ROLES' | 'TWO_FACTOR_SECRET_KEY' | 'TRUST_PROXY'>,
): SecurityConfig {
  return {
    twoFactorRequiredRoles: settings.TWO_FACTOR_REQUIRED_ROLES,
    secretKey: settings.TWO_FACTOR_SECRET_KEY ? encryptionKey(settings.TWO_FACTOR_SECRET_KEY) : null,
    trustProxy: settings.TRUST_PROXY ?? false,
  }
}

let derived: SecurityConfig | undefined

export function securityConfig(): SecurityConfig {
  derived ??= securityConfigOf(config())
  return derived
}
