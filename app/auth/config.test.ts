import { describe, expect, it } from 'vitest'
import { parseSecurityConfig } from './config.server'

describe('sign-in configuration', () => {
  it('by default nobody must use two-factor and secrets are not sealed', () => {
    expect(parseSecurityConfig({})).toEqual({
      twoFactorRequiredRoles: [],
      secretKey: null,
      trustProxy: false,
    })
  })

  it('names the roles that must use two-factor, and takes a key of 32 characters or more', () => {
    const config = parseSecurityConfig({
      TWO_FACTOR_REQUIRED_ROLES: 'secretariat, steering_committee',
      TWO_FACTOR_SECRET_KEY: 'k'.repeat(32),
    })
    expect(config.twoFactorRequiredRoles).toEqual(['secretariat', 'steering_committee'])
    expect(config.secretKey).toHaveLength(32)
  })

  it('says which proxies may name the client: a number of hops, or names and addresses', () => {
    expect(parseSecurityConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(parseSecurityConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe(
      'loopback, 10.0.0.0/8',
    )
    expect(() => parseSecurityConfig({ TRUST_PROXY: 'yes please!' })).toThrow(/TRUST_PROXY is not valid/)
  })

  it('a typo stops with the variable’s name', () => {
    expect(() => parseSecurityConfig({ TWO_FACTOR_REQUIRED_ROLES: 'secretariats' })).toThrow(
      /TWO_FACTOR_REQUIRED_ROLES is not valid.*one of: secretariat, working_group/,
    )
    expect(() => parseSecurityConfig({ TWO_FACTOR_SECRET_KEY: 'short' })).toThrow(
      /TWO_FACTOR_SECRET_KEY is not valid: at least 32 characters/,
    )
  })
})
