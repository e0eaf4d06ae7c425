import type { DB } from '../../db/schema'
import { recordAccessEvent } from '../people/access-log.server'
import { decoyHash, verifyPassword } from './password.server'
import { randomToken, sha256Hex } from './secrets.server'
import { createSession, deleteEndedSessions, endSession } from './sessions.server'
import { accountKey, addressKey, attemptPassed, beginAttempt, type ThrottleKey } from './throttle.server'
import { checkSecondFactor, twoFactorEnabled } from './two-factor.server'

// Signing in: every way in goes through here and ends in one of a few outcomes, so another way
// (single sign-on with a partner's identity provider) is one more function beside these, and the
// routes only turn outcomes into responses. Unknown e-mail, wrong password and an account that
// may not sign in all answer bad_credentials, after the same password hashing work, and are
// throttled alike (docs/decisions/0022-sign-in-protection.md).

/** How long a right password waits for its second factor. */
export const CHALLENGE_MS = 10 * 60_000

/** `token` is the new session's cookie value */
type SignedIn = { kind: 'signed_in'; userId: string; token: string }

export type SignInOutcome =
  | SignedIn
  /** `challenge` is the cookie value that the second step takes back */
  | { kind: 'second_factor_required'; challenge: string }
  | { kind: 'bad_credentials' }
  | { kind: 'throttled'; retryAfter: Date }

export interface Client {
  /** the client's address, when the server knows it (app/auth/client.server.ts) */
  address: string | null
  /** the browser's User-Agent, shown in the account page's list of sessions */
  userAgent?: string | null
  /** the session cookie the browser already had: it ends, a sign-in never keeps a session id */
  previousToken: string | null
  now: Date
}

function keysFor(email: string, client: Client): ThrottleKey[] {
  return client.address ? [accountKey(email), addressKey(client.address)] : [accountKey(email)]
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

async function startSession(db: DB, userId: string, client: Client): Promise<SignedIn> {
  if (client.previousToken) await endSession(db, client.previousToken)
  await deleteEndedSessions(db)
  const { token } = await createSession(db, userId, client.userAgent ?? null)
  return { kind: 'signed_in', userId, token }
}

export async function signInWithPassword(
  db: DB,
  input: { email: string; password: string },
  client: Client,
): Promise<SignInOutcome> {
  const email = normaliseEmail(input.email)
  const begun = await beginAttempt(db, keysFor(email, client), client.now)
  if (begun.kind === 'throttled') return begun
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'status'])
    .where('email', '=', email)
    .executeTakeFirst()
  // An invited account has no password yet (''): the decoy keeps its timing like any other.
  const right = await verifyPassword(user?.password_hash || (await decoyHash()), input.password)
  // A deactivated (or not yet accepted) account answers exactly as a wrong password does, and
  // its attempt counts as a failure like one.
  if (!user || !right || user.status !== 'active') {
    if (begun.attempt.locksUntil) await logLock(db, user?.id ?? null, begun.attempt.locksUntil, client)
    return { kind: 'bad_credentials' }
  }
  if (await twoFactorEnabled(db, user.id)) {
    // The password was right but nobody is signed in yet: the account's failures stay counted,
    // so guessing codes is throttled like guessing passwords.
    await attemptPassed(db, begun.attempt, { reset: false })
    const challenge = randomToken(32)
    await db.deleteFrom('sign_in_challenges').where('expires_at', '<=', client.now.toISOString()).execute()
    await db
      .insertInto('sign_in_challenges')
      .values({
        id: sha256Hex(challenge),
        user_id: user.id,
        created_at: client.now.toISOString(),
        expires_at: new Date(client.now.getTime() + CHALLENGE_MS).toISOString(),
      })
      .execute()
    return { kind: 'second_factor_required', challenge }
  }
  await attemptPassed(db, begun.attempt, { reset: true })
  return startSession(db, user.id, client)
}

export type SecondFactorOutcome =
  | SignedIn
  | { kind: 'bad_code' }
  /** no such challenge, or it is older than CHALLENGE_MS: sign in again */
  | { kind: 'expired' }
  | { kind: 'throttled'; retryAfter: Date }

export async function completeSecondFactor(
  db: DB,
  input: { challenge: string; code: string },
  client: Client,
  key: Buffer | null,
): Promise<SecondFactorOutcome> {
  const id = sha256Hex(input.challenge)
  const pending = await db
    .selectFrom('sign_in_challenges as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.user_id', 'u.email'])
    .where('c.id', '=', id)
    .where('u.status', '=', 'active')
    .where('c.expires_at', '>', client.now.toISOString())
    .executeTakeFirst()
  if (!pending) return { kind: 'expired' }
  const begun = await beginAttempt(db, keysFor(pending.email, client), client.now)
  if (begun.kind === 'throttled') return begun
  const check = await checkSecondFactor(db, pending.user_id, input.code, client.now, key)
  if (check.kind !== 'ok') {
    if (begun.attempt.locksUntil) await logLock(db, pending.user_id, begun.attempt.locksUntil, client)
    return { kind: 'bad_code' }
  }
  await attemptPassed(db, begun.attempt, { reset: true })
  await db.deleteFrom('sign_in_challenges').where('id', '=', id).execute()
  return startSession(db, pending.user_id, client)
}

/** A failure that starts a lock is worth a line in the access log (each refusal after it is not). */
async function logLock(db: DB, userId: string | null, until: Date, client: Client): Promise<void> {
  await recordAccessEvent(db, {
    event: 'sign_in_throttled',
    actorId: null,
    subjectId: userId,
    ip: client.address,
    details: { until: until.toISOString() },
    at: client.now.toISOString(),
  })
}

/** Signing out ends the session on the server, not only in the browser. */
export async function signOut(db: DB, token: string | null): Promise<void> {
  if (token) await endSession(db, token)
}
