import type { DB } from '../../db/schema'
import { can, type Actor } from '../permissions/permissions'
import { revokeAllTokensOf } from '../tokens/tokens.server'
import { recordAccessEvent } from './access-log.server'
import { issueLink, revokeLinks } from './links.server'
import { linkUrl, queueInvitationMail } from './mails.server'
import { resolveScope } from './people.server'
import type { ScopeInput } from './schema'
import { inTransaction } from './transaction.server'

// Changing who someone is in the programme (role and scope) and whether they may sign in
// (deactivate, reactivate). The last active secretariat account can be neither demoted nor
// deactivated: someone must be left who can manage people. `actor` null is the command line.

export type StatusOutcome =
  | { kind: 'changed' }
  | { kind: 'unchanged' }
  | { kind: 'deactivated'; sessionsEnded: number }
  | { kind: 'reactivated' }
  | { kind: 'reinvited'; link: string; expiresAt: string }
  | { kind: 'forbidden' }
  | { kind: 'not_found' }
  | { kind: 'last_secretariat' }
  | { kind: 'self' }
  | { kind: 'not_active' }
  | { kind: 'not_deactivated' }
  | { kind: 'unknown_organisation'; organisation: string }

const by = (actor: Actor | null) =>
  actor ? { actorId: actor.id } : { actorId: null, via: 'command_line' as const }

/**
 * Would taking this person out of the active secretariat leave it empty? Locks the active
 * secretariat rows first (a no-op update), so two members demoting each other at the same moment
 * are decided one after the other on PostgreSQL too, and the second is refused.
 */
async function isLastSecretariat(trx: DB, userId: string): Promise<boolean> {
  await trx
    .updateTable('users')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('role', '=', 'secretariat')
    .where('status', '=', 'active')
    .execute()
  const other = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'secretariat')
    .where('status', '=', 'active')
    .where('id', '!=', userId)
    .executeTakeFirst()
  return !other
}

async function current(trx: DB, userId: string) {
  const row = await trx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'organisation', 'status', 'language', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirst()
  if (!row) return undefined
  const countries = await trx
    .selectFrom('user_countries')
    .select('country_code')
    .where('user_id', '=', userId)
    .orderBy('country_code')
    .execute()
  return { ...row, countries: countries.map((c) => c.country_code) }
}

/** Changes a person's role and scope; their sessions carry on with the new permissions at once. */
export async function changeRoleAndScope(
  db: DB,
  actor: Actor | null,
  userId: string,
  input: ScopeInput,
  now = new Date().toISOString(),
): Promise<StatusOutcome> {
  if (actor && !can(actor, 'people:manage')) return { kind: 'forbidden' }
  return inTransaction(db, async (trx): Promise<StatusOutcome> => {
    const before = await current(trx, userId)
    if (!before) return { kind: 'not_found' }
    const scope = await resolveScope(trx, input)
    if (scope.kind !== 'ok') return scope
    const same =
      before.role === scope.role &&
      before.organisation === scope.organisation &&
      before.countries.join() === scope.countries.join()
    if (same) return { kind: 'unchanged' }
    if (
      before.role === 'secretariat' &&
      scope.role !== 'secretariat' &&
      before.status === 'active' &&
      (await isLastSecretariat(trx, userId))
    )
      return { kind: 'last_secretariat' }
    await trx
      .updateTable('users')
      .set({ role: scope.role, organisation: scope.organisation, updated_at: now })
      .where('id', '=', userId)
      .execute()
    await trx.deleteFrom('user_countries').where('user_id', '=', userId).execute()
    for (const country_code of scope.countries)
      await trx.insertInto('user_countries').values({ user_id: userId, country_code }).execute()
    const { actorId, ...via } = by(actor)
    await recordAccessEvent(trx, {
      event: 'role_changed',
      actorId,
      subjectId: userId,
      details: {
        ...via,
        from: { role: before.role, countries: before.countries, organisation: before.organisation },
        to: { role: scope.role, countries: scope.countries, organisation: scope.organisation },
      },
      at: now,
    })
    return { kind: 'changed' }
  })
}

/**
 * Deactivates an account: every session ends at once, open links and API tokens stop working and
 * queued digest lines are dropped. Their comments, flags, scores and history stay and still show their name.
 */
export async function deactivatePerson(
  db: DB,
  actor: Actor | null,
  userId: string,
  now = new Date().toISOString(),
): Promise<StatusOutcome> {
  if (actor && !can(actor, 'people:manage')) return { kind: 'forbidden' }
  if (actor?.id === userId) return { kind: 'self' }
  return inTransaction(db, async (trx): Promise<StatusOutcome> => {
    const person = await current(trx, userId)
    if (!person) return { kind: 'not_found' }
    if (person.status !== 'active') return { kind: 'not_active' }
    if (person.role === 'secretariat' && (await isLastSecretariat(trx, userId)))
      return { kind: 'last_secretariat' }
    await trx
      .updateTable('users')
      .set({ status: 'deactivated', updated_at: now })
      .where('id', '=', userId)
      .execute()
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
    await revokeLinks(trx, userId, null, now)
    await trx
      .deleteFrom('digest_entries')
      .where('user_id', '=', userId)
      .where('digest_id', 'is', null)
      .execute()
    const { actorId, ...via } = by(actor)
    // Their API tokens stop working too (docs/decisions/0023-api-tokens.md).
    const tokensRevoked = await revokeAllTokensOf(trx, userId, actorId, new Date(now))
    const sessionsEnded = Number(ended.numDeletedRows)
    await recordAccessEvent(trx, {
      event: 'deactivated',
      actorId,
      subjectId: userId,
      details: { ...via, sessions_ended: sessionsEnded, tokens_revoked: tokensRevoked },
      at: now,
    })
    return { kind: 'deactivated', sessionsEnded }
  })
}

/**
 * Lets a deactivated person sign in again with their password. Someone who never accepted their
 * invitation (it was withdrawn) is invited again instead: a new link, by e-mail or printed.
 */
export async function reactivatePerson(
  db: DB,
  actor: Actor | null,
  userId: string,
  options: { mail: boolean; now?: string },
): Promise<StatusOutcome> {
  if (actor && !can(actor, 'people:manage')) return { kind: 'forbidden' }
  const now = options.now ?? new Date().toISOString()
  return inTransaction(db, async (trx): Promise<StatusOutcome> => {
    const person = await current(trx, userId)
    if (!person) return { kind: 'not_found' }
    if (person.status !== 'deactivated') return { kind: 'not_deactivated' }
    const { actorId, ...via } = by(actor)
    if (person.password_hash === '') {
      await trx
        .updateTable('users')
        .set({ status: 'invited', updated_at: now })
        .where('id', '=', userId)
        .execute()
      const link = await issueLink(trx, { userId, purpose: 'invitation', createdBy: actor?.id ?? null, now })
      if (options.mail) {
        const inviter = actor
          ? ((await trx.selectFrom('users').select('name').where('id', '=', actor.id).executeTakeFirst())
              ?.name ?? null)
          : null
        await queueInvitationMail(trx, {
          to: person.email,
          language: person.language,
          inviter,
          role: person.role,
          secret: link.secret,
          expiresAt: link.expiresAt,
          at: now,
        })
      }
      await recordAccessEvent(trx, {
        event: 'invited',
        actorId,
        subjectId: userId,
        details: { ...via, again: true },
        at: now,
      })
      return { kind: 'reinvited', link: linkUrl('invitation', link.secret), expiresAt: link.expiresAt }
    }
    await trx
      .updateTable('users')
      .set({ status: 'active', updated_at: now })
      .where('id', '=', userId)
      .execute()
    await recordAccessEvent(trx, { event: 'reactivated', actorId, subjectId: userId, details: via, at: now })
    return { kind: 'reactivated' }
  })
}
