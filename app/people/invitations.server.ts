import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { hashPassword } from '../auth/password.server'
import { can, type Actor } from '../permissions/permissions'
import { recordAccessEvent } from './access-log.server'
import { consumeLink, findLink, issueLink, revokeLinks } from './links.server'
import { linkUrl, queueInvitationMail } from './mails.server'
import { passwordProblem, type PasswordProblem } from './password-rules.server'
import { resolveScope } from './people.server'
import type { AcceptInput, InviteInput } from './schema'
import { inTransaction } from './transaction.server'

// Accounts come into being by invitation (docs/decisions/0020-accounts-and-invitations.md): the
// secretariat's People page or `npm run users -- add` makes an invited account with no password
// and a one-time link valid 7 days; the person sets their password through it and is signed in.
// `actor` null means the command line: someone with the server's database, trusted as such.

/** Who did it, for the access log: the signed-in person, or the command line. */
const by = (actor: Actor | null) =>
  actor ? { actorId: actor.id } : { actorId: null, via: 'command_line' as const }

export type CreateOutcome =
  | { kind: 'invited'; userId: string; link: string; expiresAt: string }
  | { kind: 'created'; userId: string }
  | { kind: 'forbidden' }
  | { kind: 'email_taken' }
  | { kind: 'unknown_organisation'; organisation: string }
  | { kind: 'weak_password'; problem: PasswordProblem }

async function insertPerson(
  db: DB,
  actor: Actor | null,
  input: InviteInput,
  account: { status: 'invited' | 'active'; passwordHash: string },
  now: string,
): Promise<CreateOutcome | { kind: 'inserted'; userId: string }> {
  const scope = await resolveScope(db, input)
  if (scope.kind !== 'ok') return scope
  const taken = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst()
  if (taken) return { kind: 'email_taken' }
  const userId = randomUUID()
  await db
    .insertInto('users')
    .values({
      id: userId,
      email: input.email,
      name: input.name,
      role: scope.role,
      organisation: scope.organisation,
      password_hash: account.passwordHash,
      created_at: now,
      updated_at: now,
      status: account.status,
      language: input.language,
      last_sign_in_at: null,
    })
    .execute()
  for (const country_code of scope.countries)
    await db.insertInto('user_countries').values({ user_id: userId, country_code }).execute()
  const { actorId, ...via } = by(actor)
  await recordAccessEvent(db, {
    event: account.status === 'invited' ? 'invited' : 'created',
    actorId,
    subjectId: userId,
    details: {
      ...via,
      email: input.email,
      role: scope.role,
      countries: scope.countries,
      organisation: scope.organisation,
    },
    at: now,
  })
  return { kind: 'inserted', userId }
}

/**
 * Invites a person: an invited account and a link valid 7 days. From the People page the link goes
 * out by e-mail (`mail: true`); the command line prints it instead.
 */
export async function invitePerson(
  db: DB,
  actor: Actor | null,
  input: InviteInput,
  options: { mail: boolean; now?: string },
): Promise<CreateOutcome> {
  if (actor && !can(actor, 'people:manage')) return { kind: 'forbidden' }
  const now = options.now ?? new Date().toISOString()
  return inTransaction(db, async (trx) => {
    const made = await insertPerson(trx, actor, input, { status: 'invited', passwordHash: '' }, now)
    if (made.kind !== 'inserted') return made
    const link = await issueLink(trx, {
      userId: made.userId,
      purpose: 'invitation',
      createdBy: actor?.id ?? null,
      now,
    })
    if (options.mail)
      await queueInvitationMail(trx, {
        to: input.email,
        language: input.language,
        inviter: actor ? await nameOf(trx, actor.id) : null,
        role: input.role,
        secret: link.secret,
        expiresAt: link.expiresAt,
        at: now,
      })
    return {
      kind: 'invited',
      userId: made.userId,
      link: linkUrl('invitation', link.secret),
      expiresAt: link.expiresAt,
    }
  })
}

/** `npm run users -- add ... --password-stdin`: an active account with this password, for automation. */
export async function createPersonWithPassword(
  db: DB,
  input: InviteInput,
  password: string,
  now = new Date().toISOString(),
): Promise<CreateOutcome> {
  const problem = passwordProblem(password, input)
  if (problem) return { kind: 'weak_password', problem }
  const passwordHash = await hashPassword(password)
  return inTransaction(db, async (trx) => {
    const made = await insertPerson(trx, null, input, { status: 'active', passwordHash }, now)
    return made.kind === 'inserted' ? { kind: 'created', userId: made.userId } : made
  })
}

export type InvitationOutcome =
  | { kind: 'resent'; link: string; expiresAt: string }
  | { kind: 'withdrawn' }
  | { kind: 'forbidden' }
  | { kind: 'not_found' }
  | { kind: 'not_invited' }

interface Invitee {
  id: string
  email: string
  name: string
  role: string
  language: string
  status: string
}

async function nameOf(db: DB, userId: string): Promise<string | null> {
  return (
    (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? null
  )
}

async function invitee(db: DB, userId: string): Promise<Invitee | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'language', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst()
}

/** A new link for someone who has not accepted yet (the old one stops working), by e-mail or printed. */
export async function resendInvitation(
  db: DB,
  actor: Actor | null,
  userId: string,
  options: { mail: boolean; now?: string },
): Promise<InvitationOutcome> {
  if (actor && !can(actor, 'people:manage')) return { kind: 'forbidden' }
  const now = options.now ?? new Date().toISOString()
  return inTransaction(db, async (trx) => {
    const person = await invitee(trx, userId)
    if (!person) return { kind: 'not_found' }
    if (person.status !== 'invited') return { kind: 'not_invited' }
    const link = await issueLink(trx, { userId, purpose: 'invitation', createdBy: actor?.id ?? null, now })
    if (options.mail)
      await queueInvitationMail(trx, {
        to: person.email,
        language: person.language,
        inviter: actor ? await nameOf(trx, actor.id) : null,
        role: person.role,
        secret: link.secret,
        expiresAt: link.expiresAt,
        at: now,
      })
    const { actorId, ...via } = by(actor)
    await recordAccessEvent(trx, {
      event: 'invitation_resent',
      actorId,
      subjectId: userId,
      details: { ...via, expires_at: link.expiresAt },
      at: now,
    })
    return { kind: 'resent', link: linkUrl('invitation', link.secret), expiresAt: link.expiresAt }
  })
}

/**
 * Withdraws an invitation: the link stops working and the account is deactivated (kept, because
 * the access log and any mention name it). Reactivating it invites the person again.
 */
export async function withdrawInvitation(
  db: DB,
  actor: Actor | null,
  userId: string,
  now = new Date().toISOString(),
): Promise<InvitationOutcome> {
  if (actor && !can(actor, 'people:manage')) return { kind: 'forbidden' }
  return inTransaction(db, async (trx) => {
    const person = await invitee(trx, userId)
    if (!person) return { kind: 'not_found' }
    if (person.status !== 'invited') return { kind: 'not_invited' }
    await revokeLinks(trx, userId, 'invitation', now)
    await trx
      .updateTable('users')
      .set({ status: 'deactivated', updated_at: now })
      .where('id', '=', userId)
      .execute()
    const { actorId, ...via } = by(actor)
    await recordAccessEvent(trx, {
      event: 'invitation_withdrawn',
      actorId,
      subjectId: userId,
      details: via,
      at: now,
    })
    return { kind: 'withdrawn' }
  })
}

export type AcceptOutcome =
  | { kind: 'accepted'; userId: string }
  | { kind: 'used' | 'withdrawn' | 'expired' | 'unknown' }
  | { kind: 'weak_password'; problem: PasswordProblem }

/** What the invitation page shows before the form is sent. */
export async function getInvitation(
  db: DB,
  secret: string,
  now = new Date().toISOString(),
): Promise<
  | { kind: 'valid'; email: string; name: string; language: string; expiresAt: string }
  | { kind: 'used' | 'withdrawn' | 'expired' | 'unknown' }
> {
  const link = await findLink(db, secret, 'invitation', now)
  if (link.kind !== 'valid') return link
  const person = await invitee(db, link.userId)
  if (!person || person.status !== 'invited') return { kind: 'withdrawn' }
  return {
    kind: 'valid',
    email: person.email,
    name: person.name,
    language: person.language,
    expiresAt: link.expiresAt,
  }
}

/** Sets the password, name and language and makes the account active; the link works once. */
export async function acceptInvitation(
  db: DB,
  secret: string,
  input: AcceptInput,
  meta: { ip?: string | null; now?: string } = {},
): Promise<AcceptOutcome> {
  const now = meta.now ?? new Date().toISOString()
  const open = await getInvitation(db, secret, now)
  if (open.kind !== 'valid') return open
  const problem = passwordProblem(input.password, { email: open.email, name: input.name })
  if (problem) return { kind: 'weak_password', problem }
  const passwordHash = await hashPassword(input.password)
  return inTransaction(db, async (trx): Promise<AcceptOutcome> => {
    // Checked again inside the transaction: the link may have been used, withdrawn or replaced
    // while the password was being hashed.
    const link = await findLink(trx, secret, 'invitation', now)
    if (link.kind !== 'valid') return link
    if (!(await consumeLink(trx, link.id, now))) return { kind: 'used' }
    const updated = await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        name: input.name,
        language: input.language,
        status: 'active',
        updated_at: now,
      })
      .where('id', '=', link.userId)
      .where('status', '=', 'invited')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) return { kind: 'withdrawn' }
    await recordAccessEvent(trx, {
      event: 'accepted',
      actorId: link.userId,
      subjectId: link.userId,
      ip: meta.ip ?? null,
      at: now,
    })
    return { kind: 'accepted', userId: link.userId }
  })
}
