import { setTimeout as sleep } from 'node:timers/promises'
import type { DB } from '../../db/schema'
import { hashPassword, verifyPassword } from '../auth/password.server'
import { recordAccessEvent } from './access-log.server'
import { consumeLink, findLink, issueLink } from './links.server'
import { queueResetMail } from './mails.server'
import { passwordProblem, type PasswordProblem } from './password-rules.server'
import { inTransaction } from './transaction.server'

// Forgotten and changed passwords (docs/decisions/0020-accounts-and-invitations.md).

/** Every reset request takes at least this long, so the time taken does not tell whether an account exists. */
export const RESET_REQUEST_FLOOR_MS = 400
/** A second request within this time sends no second mail (the first link still works). */
export const RESET_REQUEST_QUIET_MS = 5 * 60 * 1000

/**
 * Asks for a reset link. The answer is the same, after at least RESET_REQUEST_FLOOR_MS, whether or
 * not the e-mail belongs to an active account; only an active account gets a mail, with a link
 * valid one hour.
 */
export async function requestPasswordReset(
  db: DB,
  email: string,
  meta: { ip?: string | null; now?: string; floorMs?: number } = {},
): Promise<{ kind: 'requested' }> {
  const started = Date.now()
  const now = meta.now ?? new Date().toISOString()
  await inTransaction(db, async (trx) => {
    const person = await trx
      .selectFrom('users')
      .select(['id', 'email', 'language', 'status'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst()
    if (!person || person.status !== 'active') return
    const recent = await trx
      .selectFrom('one_time_tokens')
      .select('id')
      .where('user_id', '=', person.id)
      .where('purpose', '=', 'password_reset')
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('created_at', '>', new Date(Date.parse(now) - RESET_REQUEST_QUIET_MS).toISOString())
      .executeTakeFirst()
    if (recent) return
    const link = await issueLink(trx, { userId: person.id, purpose: 'password_reset', createdBy: null, now })
    await queueResetMail(trx, {
      to: person.email,
      language: person.language,
      secret: link.secret,
      expiresAt: link.expiresAt,
      at: now,
    })
    await recordAccessEvent(trx, {
      event: 'password_reset_requested',
      actorId: null,
      subjectId: person.id,
      ip: meta.ip ?? null,
      at: now,
    })
  })
  const rest = (meta.floorMs ?? RESET_REQUEST_FLOOR_MS) - (Date.now() - started)
  if (rest > 0) await sleep(rest)
  return { kind: 'requested' }
}

export type ResetLinkState =
  | { kind: 'valid'; email: string }
  | { kind: 'used' | 'withdrawn' | 'expired' | 'unknown' }

export async function getPasswordReset(
  db: DB,
  secret: string,
  now = new Date().toISOString(),
): Promise<ResetLinkState> {
  const link = await findLink(db, secret, 'password_reset', now)
  if (link.kind !== 'valid') return link
  const person = await db
    .selectFrom('users')
    .select(['email', 'status'])
    .where('id', '=', link.userId)
    .executeTakeFirst()
  if (!person || person.status !== 'active') return { kind: 'withdrawn' }
  return { kind: 'valid', email: person.email }
}

export type ResetOutcome =
  | { kind: 'reset'; userId: string; sessionsEnded: number }
  | { kind: 'used' | 'withdrawn' | 'expired' | 'unknown' }
  | { kind: 'weak_password'; problem: PasswordProblem }

/** Sets a new password through a reset link and ends every session of the account. */
export async function resetPassword(
  db: DB,
  secret: string,
  password: string,
  meta: { ip?: string | null; now?: string } = {},
): Promise<ResetOutcome> {
  const now = meta.now ?? new Date().toISOString()
  const link = await findLink(db, secret, 'password_reset', now)
  if (link.kind !== 'valid') return link
  const person = await db
    .selectFrom('users')
    .select(['email', 'name', 'status'])
    .where('id', '=', link.userId)
    .executeTakeFirst()
  if (!person || person.status !== 'active') return { kind: 'withdrawn' }
  const problem = passwordProblem(password, person)
  if (problem) return { kind: 'weak_password', problem }
  const passwordHash = await hashPassword(password)
  return inTransaction(db, async (trx): Promise<ResetOutcome> => {
    if (!(await consumeLink(trx, link.id, now))) return { kind: 'used' }
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', link.userId)
      .execute()
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', link.userId).executeTakeFirst()
    const sessionsEnded = Number(ended.numDeletedRows)
    await recordAccessEvent(trx, {
      event: 'password_reset',
      actorId: null,
      subjectId: link.userId,
      ip: meta.ip ?? null,
      details: { sessions_ended: sessionsEnded },
      at: now,
    })
    return { kind: 'reset', userId: link.userId, sessionsEnded }
  })
}

export type ChangePasswordOutcome =
  | { kind: 'changed'; sessionsEnded: number }
  | { kind: 'wrong_password' }
  | { kind: 'weak_password'; problem: PasswordProblem }

/** Changes one's own password (the current one required) and ends one's other sessions. */
export async function changePassword(
  db: DB,
  userId: string,
  keepSessionId: string | null,
  input: { current: string; password: string },
  meta: { ip?: string | null; now?: string } = {},
): Promise<ChangePasswordOutcome> {
  const now = meta.now ?? new Date().toISOString()
  const person = await db
    .selectFrom('users')
    .select(['email', 'name', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirst()
  if (!person || !(await verifyPassword(person.password_hash, input.current)))
    return { kind: 'wrong_password' }
  const problem = passwordProblem(input.password, person)
  if (problem) return { kind: 'weak_password', problem }
  const passwordHash = await hashPassword(input.password)
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', userId)
      .execute()
    let end = trx.deleteFrom('sessions').where('user_id', '=', userId)
    if (keepSessionId) end = end.where('id', '!=', keepSessionId)
    const sessionsEnded = Number((await end.executeTakeFirst()).numDeletedRows)
    await recordAccessEvent(trx, {
      event: 'password_changed',
      actorId: userId,
      subjectId: userId,
      ip: meta.ip ?? null,
      details: { other_sessions_ended: sessionsEnded },
      at: now,
    })
    return { kind: 'changed', sessionsEnded }
  })
}

/** `npm run users -- reset`: a reset link for an active account, printed rather than mailed. */
export async function createResetLink(
  db: DB,
  userId: string,
  now = new Date().toISOString(),
): Promise<{ kind: 'created'; secret: string; expiresAt: string } | { kind: 'not_active' }> {
  return inTransaction(db, async (trx) => {
    const person = await trx.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirst()
    if (person?.status !== 'active') return { kind: 'not_active' as const }
    const link = await issueLink(trx, { userId, purpose: 'password_reset', createdBy: null, now })
    await recordAccessEvent(trx, {
      event: 'password_reset_requested',
      actorId: null,
      subjectId: userId,
      details: { via: 'command_line' },
      at: now,
    })
    return { kind: 'created' as const, ...link }
  })
}
