import { describe, expect, it } from 'vitest'
import { parseConfig, type Config } from '../config.server'
import { securityConfigOf } from './config.server'

function settings(env: Record<string, string>): Config {
  const outcome = parseConfig(env)
  if (!outcome.ok) throw new Error(outcome.problems.join('; '))
  return outcome.config
}

describe('sign-in configuration', () => {
  it('by default nobody must use two-factor, secrets are not sealed and no proxy is trusted', () => {
    expect(securityConfigOf(settings({}))).toEqual({
      twoFactorRequiredRoles: [],
      secretKey: null,
      trustProxy: false,
    })
  })

  it('names the roles that must use two-factor, and takes a key of 32 characters or more', () => {
    const config = securityConfigOf(
      settings({
        TWO_FACTOR_REQUIRED_ROLES: 'secretariat, steering_committee',
        TWO_FACTOR_SECRET_KEY: 'k'.repeat(32),
      }),
    )
    expect(config.twoFactorRequiredRoles).toEqual(['secretariat', 'steering_committee'])
    expect(config.secretKey).toHaveLength(32)
  })

  it('says which proxies may name the client: a number of hops, or names and addresses', () => {
    expect(securityConfigOf(settings({ TRUST_PROXY: '1' })).trustProxy).toBe(1)
    expect(securityConfigOf(settings({ TRUST_PROXY: 'loopback, 10.0.0.0/8' })).trustProxy).toBe(
      'loopback, 10.0.0.0/8',
    )
  })

  it('a typo stops with the variable’s name, and never repeats the key', () => {
    const problems = (env: Record<string, string>) => {
      const outcome = parseConfig(env)
      return outcome.ok ? [] : outcome.problems
    }
    expect(problems({ TWO_FACTOR_REQUIRED_ROLES: 'secretariats' }).join()).toMatch(
      /TWO_FACTOR_REQUIRED_ROLES="secretariats" names a role that does not exist \(secretariat, working_group/,
    )
    const short = problems({ TWO_FACTOR_SECRET_KEY: 'short-secret' }).join()
    expect(short).toMatch(/TWO_FACTOR_SECRET_KEY is too short: at least 32 characters/)
    expect(short).not.toContain('short-secret')
    expect(problems({ TRUST_PROXY: 'yes please!' }).join()).toMatch(
      /TRUST_PROXY="yes please!" is not a number/,
    )
  })
})
