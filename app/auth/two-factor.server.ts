import { randomBytes, randomUUID } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import type { DB } from '../../db/schema'
import { recordAccessEvent } from '../people/access-log.server'
import { inTransaction } from '../people/transaction.server'
import { mustUseTwoFactor, type Actor } from '../permissions/permissions'
import type { SecurityConfig } from './config.server'
import { openSecret, sameDigest, sealSecret, sha256Hex } from './secrets.server'

// Two-factor sign-in with an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, one step
// either side for clock drift) and one-time recovery codes. otpauth does the RFC part
// (docs/decisions/0022-sign-in-protection.md says why that library). The authenticator's secret
// is sealed with TWO_FACTOR_SECRET_KEY when set and is shown only while it is being set up; a
// code is accepted once (the step of the last accepted code is kept), a recovery code once.

const ISSUER = 'CAREC Pipeline'
const PERIOD = 30
const RECOVERY_CODE_COUNT = 10
// No 0/o, 1/l/i: codes are read off paper. 16 characters of 31 are about 79 bits.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

function totpOf(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  })
}

export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD)
}

/** The code an authenticator shows at `now`; for tests and the command line. */
export function currentCode(secretBase32: string, now: Date): string {
  return totpOf(secretBase32, 'x').generate({ timestamp: now.getTime() })
}

/** The step a code belongs to, if it is right within one step of `now`; null otherwise. */
export function acceptedStep(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpOf(secretBase32, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 })
  return delta === null ? null : timeStep(now) + delta
}

/** Spaces and dashes as typed, letters in any case: "ABCD efgh-jkmn-pqrs" is "abcdefghjkmnpqrs". */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase()
}

export function newRecoveryCode(): string {
  const bytes = randomBytes(16)
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('')
  return chars.match(/.{4}/g)!.join('-')
}

function hashRecoveryCode(code: string, salt = randomBytes(16).toString('hex')): string {
  return `${salt}:${sha256Hex(salt + normaliseCode(code))}`
}

function recoveryCodeMatches(code: string, stored: string): boolean {
  const [salt, digest] = stored.split(':')
  return !!salt && !!digest && sameDigest(digest, sha256Hex(salt + normaliseCode(code)))
}

export type TwoFactorState =
  | { state: 'off' }
  | { state: 'pending'; secret: string; uri: string }
  | { state: 'on'; enabledAt: string; recoveryCodesLeft: number }
  | { state: 'unreadable' }

export async function twoFactorEnabled(db: DB, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('two_factor')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('enabled_at', 'is not', null)
    .executeTakeFirst()
  return !!row
}

export async function getTwoFactor(
  db: DB,
  user: { id: string; email: string },
  key: Buffer | null,
): Promise<TwoFactorState> {
  const row = await db
    .selectFrom('two_factor')
    .select(['secret', 'enabled_at'])
    .where('user_id', '=', user.id)
    .executeTakeFirst()
  if (!row) return { state: 'off' }
  if (row.enabled_at) {
    const left = await db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow()
    return { state: 'on', enabledAt: row.enabled_at, recoveryCodesLeft: Number(left.n) }
  }
  const opened = openSecret(row.secret, key)
  if (opened.kind !== 'opened') return { state: 'unreadable' }
  return { state: 'pending', secret: opened.text, uri: totpOf(opened.text, user.email).toString() }
}

/** Begins setting up an authenticator: a new secret, shown until confirmed (replacing an unconfirmed one). */
export async function startEnrolment(
  db: DB,
  userId: string,
  now: Date,
  key: Buffer | null,
): Promise<{ kind: 'started' } | { kind: 'already_on' }> {
  if (await twoFactorEnabled(db, userId)) return { kind: 'already_on' }
  const secret = sealSecret(new Secret({ size: 20 }).base32, key)
  await db.deleteFrom('two_factor').where('user_id', '=', userId).execute()
  await db
    .insertInto('two_factor')
    .values({ user_id: userId, secret, created_at: now.toISOString(), enabled_at: null, last_step: null })
    .execute()
  return { kind: 'started' }
}

async function secretOf(db: DB, userId: string, key: Buffer | null) {
  const row = await db
    .selectFrom('two_factor')
    .select(['secret', 'enabled_at', 'last_step'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (!row) return null
  const opened = openSecret(row.secret, key)
  return { ...row, secret: opened.kind === 'opened' ? opened.text : null }
}

/** Takes the code's step as used, unless this or a later step was used already (a replay). */
async function takeStep(db: DB, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('two_factor')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

async function replaceRecoveryCodes(db: DB, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
  await db
    .insertInto('recovery_codes')
    .values(
      codes.map((code) => ({
        id: randomUUID(),
        user_id: userId,
        code_hash: hashRecoveryCode(code),
        created_at: now.toISOString(),
        used_at: null,
      })),
    )
    .execute()
  return codes
}

export type ConfirmOutcome =
  | { kind: 'enabled'; recoveryCodes: string[] }
  | { kind: 'bad_code' }
  | { kind: 'not_started' }
  | { kind: 'already_on' }

/** The first code from the app proves it holds the secret: two-factor is on, and here are the recovery codes (once). */
export async function confirmEnrolment(
  db: DB,
  userId: string,
  code: string,
  now: Date,
  key: Buffer | null,
): Promise<ConfirmOutcome> {
  const row = await secretOf(db, userId, key)
  if (!row?.secret) return { kind: 'not_started' }
  if (row.enabled_at) return { kind: 'already_on' }
  const step = acceptedStep(row.secret, code.trim(), now)
  if (step === null || !(await takeStep(db, userId, step))) return { kind: 'bad_code' }
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('two_factor')
      .set({ enabled_at: now.toISOString() })
      .where('user_id', '=', userId)
      .execute()
    const recoveryCodes = await replaceRecoveryCodes(trx, userId, now)
    await recordAccessEvent(trx, {
      event: 'two_factor_enabled',
      actorId: userId,
      subjectId: userId,
      at: now.toISOString(),
    })
    return { kind: 'enabled' as const, recoveryCodes }
  })
}

export type CodeCheck = { kind: 'ok'; via: 'app' | 'recovery_code' } | { kind: 'bad_code' }

/** A code from the app (6 digits) or an unused recovery code; either works once. */
export async function checkSecondFactor(
  db: DB,
  userId: string,
  code: string,
  now: Date,
  key: Buffer | null,
): Promise<CodeCheck> {
  const row = await secretOf(db, userId, key)
  if (!row?.enabled_at) return { kind: 'bad_code' }
  const typed = code.replace(/\s/g, '')
  if (/^\d{6}$/.test(typed)) {
    const step = row.secret ? acceptedStep(row.secret, typed, now) : null
    return step !== null && (await takeStep(db, userId, step))
      ? { kind: 'ok', via: 'app' }
      : { kind: 'bad_code' }
  }
  const unused = await db
    .selectFrom('recovery_codes')
    .select(['id', 'code_hash'])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute()
  const match = unused.find((r) => recoveryCodeMatches(typed, r.code_hash))
  if (!match) return { kind: 'bad_code' }
  // Only one of two requests racing with the same code marks it used.
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('id', '=', match.id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(used.numUpdatedRows) === 1 ? { kind: 'ok', via: 'recovery_code' } : { kind: 'bad_code' }
}

export type ChangeOutcome =
  | { kind: 'done' }
  | { kind: 'bad_code' }
  | { kind: 'not_on' }
  | { kind: 'required' }

/**
 * Turns two-factor off, on a current code (or a recovery code); never for a role the
 * installation requires it of.
 */
export async function disableTwoFactor(
  db: DB,
  user: Pick<Actor, 'id' | 'role'>,
  code: string,
  now: Date,
  config: Pick<SecurityConfig, 'secretKey' | 'twoFactorRequiredRoles'>,
): Promise<ChangeOutcome> {
  if (mustUseTwoFactor(user, config.twoFactorRequiredRoles)) return { kind: 'required' }
  if (!(await twoFactorEnabled(db, user.id))) return { kind: 'not_on' }
  if ((await checkSecondFactor(db, user.id, code, now, config.secretKey)).kind !== 'ok')
    return { kind: 'bad_code' }
  await removeTwoFactor(db, user.id, user.id, now)
  return { kind: 'done' }
}

/**
 * Removes a person's authenticator and recovery codes, and logs it. Without a code: the caller
 * decides (the person themselves after a code, or, for a lost phone, the secretariat: `actorId`).
 */
export async function removeTwoFactor(
  db: DB,
  userId: string,
  actorId: string | null,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
    await trx.deleteFrom('two_factor').where('user_id', '=', userId).execute()
    await recordAccessEvent(trx, {
      event: 'two_factor_disabled',
      actorId,
      subjectId: userId,
      details: actorId === userId ? {} : { reset: true },
      at: now.toISOString(),
    })
  })
}

/** New recovery codes (the old ones stop working), on a current code. */
export async function regenerateRecoveryCodes(
  db: DB,
  userId: string,
  code: string,
  now: Date,
  key: Buffer | null,
): Promise<{ kind: 'regenerated'; recoveryCodes: string[] } | { kind: 'bad_code' } | { kind: 'not_on' }> {
  if (!(await twoFactorEnabled(db, userId))) return { kind: 'not_on' }
  if ((await checkSecondFactor(db, userId, code, now, key)).kind !== 'ok') return { kind: 'bad_code' }
  return inTransaction(db, async (trx) => {
    const recoveryCodes = await replaceRecoveryCodes(trx, userId, now)
    await recordAccessEvent(trx, {
      event: 'recovery_codes_regenerated',
      actorId: userId,
      subjectId: userId,
      at: now.toISOString(),
    })
    return { kind: 'regenerated' as const, recoveryCodes }
  })
}
