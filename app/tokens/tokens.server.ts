import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { randomToken, sha256Hex } from '../auth/secrets.server'
import { recordAccessEvent } from '../people/access-log.server'
import { inTransaction } from '../people/transaction.server'
import { canRevokeToken, type Actor } from '../permissions/permissions'
import type { TokenInput, TokenKind } from './schema'

// Personal API tokens (docs/decisions/0023-api-tokens.md): 256 random bits behind a fixed prefix
// (so a leaked one is recognisable in a log or a repository), shown once and kept only as a
// SHA-256. A token acts with its owner's permissions; a read token only reads.

export const TOKEN_PREFIX = 'carec_'
/** last_used_at is written at most this often per token, not on every request */
const TOUCH_EVERY_MS = 60_000

export function hashToken(token: string): string {
  return sha256Hex(token)
}

export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomToken(32)}`
}

/** Reading is GET and HEAD; anything else is a write, which a read token may not do. */
export function tokenAllows(kind: TokenKind, method: string): boolean {
  return kind === 'write' || method === 'GET' || method === 'HEAD'
}

export interface TokenRow {
  id: string
  name: string
  kind: TokenKind
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string
  revokedAt: string | null
}

/**
 * A new token for `ownerId`, made by themselves (the account page) or, with `actorId` null, by the
 * command line; the access log records it (never the token itself).
 */
export async function createToken(
  db: DB,
  ownerId: string,
  input: TokenInput,
  now: Date,
  actorId: string | null = ownerId,
): Promise<{ kind: 'created'; token: string; id: string; expiresAt: string }> {
  const token = newTokenSecret()
  const id = randomUUID()
  const expiresAt = new Date(now.getTime() + input.days * 24 * 60 * 60_000).toISOString()
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        user_id: ownerId,
        name: input.name,
        kind: input.kind,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        expires_at: expiresAt,
        last_used_at: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute()
    await recordAccessEvent(trx, {
      event: 'token_created',
      actorId,
      subjectId: ownerId,
      details: {
        token_id: id,
        name: input.name,
        kind: input.kind,
        expires_at: expiresAt,
        ...(actorId ? {} : { via: 'command_line' }),
      },
      at: now.toISOString(),
    })
  })
  return { kind: 'created', token, id, expiresAt }
}

function tokenColumns() {
  return [
    't.id',
    't.name',
    't.kind',
    't.created_at',
    't.last_used_at',
    't.expires_at',
    't.revoked_at',
  ] as const
}

function toRow(r: {
  id: string
  name: string
  kind: TokenKind
  created_at: string
  last_used_at: string | null
  expires_at: string
  revoked_at: string | null
}): TokenRow {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }
}

/** A person's tokens that still work, newest first. */
export async function listTokens(db: DB, ownerId: string, now: Date): Promise<TokenRow[]> {
  const rows = await db
    .selectFrom('api_tokens as t')
    .select(tokenColumns())
    .where('t.user_id', '=', ownerId)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now.toISOString())
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id')
    .execute()
  return rows.map(toRow)
}

/** Everyone's tokens that still work, by owner: for the secretariat. */
export async function listAllTokens(
  db: DB,
  now: Date,
): Promise<Array<TokenRow & { owner: { id: string; name: string; email: string } }>> {
  const rows = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([...tokenColumns(), 'u.id as owner_id', 'u.name as owner_name', 'u.email as owner_email'])
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now.toISOString())
    .orderBy('u.name')
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id')
    .execute()
  return rows.map((r) => ({
    ...toRow(r),
    owner: { id: r.owner_id, name: r.owner_name, email: r.owner_email },
  }))
}

export type RevokeOutcome =
  | { kind: 'revoked'; token: { id: string; name: string; ownerId: string } }
  | { kind: 'not_found' }
  | { kind: 'forbidden' }

/** Its owner revokes a token, or the secretariat revokes anyone's. A revoked token answers 401 at once. */
export async function revokeToken(db: DB, actor: Actor, tokenId: string, now: Date): Promise<RevokeOutcome> {
  const token = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'user_id'])
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!token) return { kind: 'not_found' }
  if (!canRevokeToken(actor, { ownerId: token.user_id })) return { kind: 'forbidden' }
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now.toISOString(), revoked_by: actor.id })
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .execute()
    await recordAccessEvent(trx, {
      event: 'token_revoked',
      actorId: actor.id,
      subjectId: token.user_id,
      details: { token_id: token.id, name: token.name },
      at: now.toISOString(),
    })
  })
  return { kind: 'revoked', token: { id: token.id, name: token.name, ownerId: token.user_id } }
}

/** Revokes every token of a person (their account is being deactivated); returns how many. */
export async function revokeAllTokensOf(
  db: DB,
  ownerId: string,
  byId: string | null,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString(), revoked_by: byId })
    .where('user_id', '=', ownerId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export type BearerOutcome =
  | { kind: 'ok'; userId: string; tokenKind: TokenKind }
  /** unknown, revoked or expired: the same answer for all three */
  | { kind: 'invalid' }
  | { kind: 'read_only' }

/** Who a bearer token speaks for, for a request with `method`. */
export async function authenticateToken(
  db: DB,
  token: string,
  method: string,
  now: Date,
): Promise<BearerOutcome> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return { kind: 'invalid' }
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'kind', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
  if (!row) return { kind: 'invalid' }
  if (!tokenAllows(row.kind, method)) return { kind: 'read_only' }
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS)
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute()
  return { kind: 'ok', userId: row.user_id, tokenKind: row.kind }
}
