import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'

// One-time links for invitations (7 days) and password resets (1 hour). The secret travels only
// in the link; the database keeps its SHA-256 (a 256-bit random secret needs no slow hash), so a
// copy of the database opens no account. A link works once: using, withdrawing or replacing it
// ends it (docs/decisions/0020-accounts-and-invitations.md).

export const LINK_PURPOSES = ['invitation', 'password_reset'] as const
export type LinkPurpose = (typeof LINK_PURPOSES)[number]

export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
}

/** The path a link opens (after APP_URL). */
export function linkPath(purpose: LinkPurpose, secret: string): string {
  return purpose === 'invitation' ? `/invitations/${secret}` : `/reset-password/${secret}`
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()

/** Makes a new link for the person, ending their earlier open links of the same purpose. */
export async function issueLink(
  db: DB,
  input: { userId: string; purpose: LinkPurpose; createdBy: string | null; now: string },
): Promise<{ secret: string; expiresAt: string }> {
  await revokeLinks(db, input.userId, input.purpose, input.now)
  const secret = randomBytes(32).toString('base64url')
  const expiresAt = plus(input.now, LINK_LIFETIME_MS[input.purpose])
  await db
    .insertInto('one_time_tokens')
    .values({
      id: randomUUID(),
      user_id: input.userId,
      purpose: input.purpose,
      token_hash: hashSecret(secret),
      created_at: input.now,
      created_by: input.createdBy,
      expires_at: expiresAt,
      used_at: null,
      revoked_at: null,
    })
    .execute()
  return { secret, expiresAt }
}

/** Ends the person's open links of this purpose (all purposes when none is given). */
export async function revokeLinks(
  db: DB,
  userId: string,
  purpose: LinkPurpose | null,
  now: string,
): Promise<number> {
  let query = db
    .updateTable('one_time_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
  if (purpose) query = query.where('purpose', '=', purpose)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export type LinkState =
  | { kind: 'valid'; id: string; userId: string; expiresAt: string; createdAt: string }
  | { kind: 'used' }
  | { kind: 'withdrawn' }
  | { kind: 'expired' }
  | { kind: 'unknown' }

/** What a link is now, without using it. */
export async function findLink(
  db: DB,
  secret: string,
  purpose: LinkPurpose,
  now: string,
): Promise<LinkState> {
  // A secret is 43 base64url characters; anything else cannot match and is not looked up.
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return { kind: 'unknown' }
  const row = await db
    .selectFrom('one_time_tokens')
    .select(['id', 'user_id', 'expires_at', 'created_at', 'used_at', 'revoked_at'])
    .where('token_hash', '=', hashSecret(secret))
    .where('purpose', '=', purpose)
    .executeTakeFirst()
  if (!row) return { kind: 'unknown' }
  if (row.used_at) return { kind: 'used' }
  if (row.revoked_at) return { kind: 'withdrawn' }
  if (row.expires_at <= now) return { kind: 'expired' }
  return {
    kind: 'valid',
    id: row.id,
    userId: row.user_id,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  }
}

/**
 * Uses the link: true for exactly one caller, even when two requests race (the update only
 * matches a link still open). Run it in the transaction that does what the link allows.
 */
export async function consumeLink(db: DB, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
