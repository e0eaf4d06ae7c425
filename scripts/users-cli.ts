import { parseArgs } from 'node:util'
import type { TFunction } from 'i18next'
import type { DB } from '../db/schema'
import { config, DEFAULTS } from '../app/config.server'
import { translator } from '../app/i18n/i18n'
import { appUrl } from '../app/notifications/mail.server'
import { createPersonWithPassword, invitePerson, resendInvitation } from '../app/people/invitations.server'
import { linkUrl } from '../app/people/mails.server'
import { createResetLink } from '../app/people/passwords.server'
import { findPersonByEmail, listPeople, scopeText } from '../app/people/people.server'
import { Email, InviteForm, USER_STATUSES } from '../app/people/schema'
import { deactivatePerson, reactivatePerson } from '../app/people/status.server'
import { ROLES } from '../app/permissions/permissions'
import { COUNTRY_CODES } from '../app/portfolio/codes'
import { TOKEN_DAYS_DEFAULT, TokenForm } from '../app/tokens/schema'
import { createToken } from '../app/tokens/tokens.server'
import { messageKey } from '../app/i18n/keys'

// `npm run users -- <command> ...`: accounts from the command line, for the first account of a
// real installation and for scripts (docs/decisions/0020-accounts-and-invitations.md). Each command
// prints one plain line on standard output (a link, or "<status> <e-mail>"; `list` one line per
// person) and explains on standard error; bad input exits 1 with a message. Works with
// NODE_ENV=production. The command line acts as no signed-in person: whoever runs it holds the
// server's database already.

export interface CliIo {
  out(line: string): void
  err(line: string): void
  readStdin(): Promise<string>
}

type Command = (db: DB, args: string[], io: CliIo, t: TFunction) => Promise<number>

class UsageError extends Error {}

function options<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, allowPositionals: false, strict: true }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

async function personByEmail(db: DB, email: string | undefined, t: TFunction) {
  const parsed = Email.safeParse(email ?? '')
  if (!parsed.success) throw new UsageError(t('people.cli.emailRequired'))
  const person = await findPersonByEmail(db, parsed.data)
  if (!person) throw new UsageError(t('people.cli.noSuchPerson', { email: parsed.data }))
  return person
}

/** Links are made from APP_URL; without it they point at this machine, which is rarely what was meant. */
function warnWithoutAppUrl(io: CliIo, t: TFunction) {
  if (config().APP_URL === DEFAULTS.APP_URL) io.err(t('people.cli.noAppUrl', { url: appUrl() }))
}

const FLAG_OF: Record<string, string> = {
  email: '--email',
  name: '--name',
  role: '--role',
  countries: '--countries',
  organisation: '--organisation',
  language: '--language',
}

const add: Command = async (db, args, io, t) => {
  const values = options(args, {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    countries: { type: 'string' },
    organisation: { type: 'string' },
    language: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  })
  const parsed = InviteForm.safeParse({
    email: values.email,
    name: values.name,
    role: values.role,
    countries: values.countries,
    organisation: values.organisation,
    language: values.language || undefined,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const field = String(issue.path[0] ?? '')
    const params = 'params' in issue ? (issue.params as Record<string, unknown>) : {}
    // the form's message points at its list of roles; the command line names the codes it takes
    if (field === 'role') throw new UsageError(`--role: ${ROLES.join(' ')}`)
    throw new UsageError(
      `${FLAG_OF[field] ?? field}: ${t(messageKey(issue.message), {
        ...params,
        roles: ROLES.join(' '),
        countries: COUNTRY_CODES.join(' '),
      })}`,
    )
  }
  const input = parsed.data
  const outcome = values['password-stdin']
    ? await createPersonWithPassword(db, input, (await io.readStdin()).replace(/\r?\n$/, ''))
    : await invitePerson(db, null, input, { mail: false })
  switch (outcome.kind) {
    case 'invited':
      warnWithoutAppUrl(io, t)
      io.err(
        t('people.cli.invited', {
          email: input.email,
          expires: outcome.expiresAt.slice(0, 16).replace('T', ' '),
        }),
      )
      io.out(outcome.link)
      return 0
    case 'created':
      io.err(t('people.cli.created', { email: input.email }))
      io.out(`active ${input.email}`)
      return 0
    case 'email_taken':
      throw new UsageError(`--email: ${t('people.validation.emailTaken')}`)
    case 'unknown_organisation':
      throw new UsageError(
        `--organisation: ${t('people.cli.unknownOrganisation', { organisation: outcome.organisation })}`,
      )
    case 'weak_password':
      throw new UsageError(`--password-stdin: ${t(outcome.problem)}`)
    case 'forbidden':
      throw new UsageError(t('error.forbidden.people:manage'))
  }
}

const list: Command = async (db, args, io) => {
  const values = options(args, { role: { type: 'string' }, status: { type: 'string' } })
  const role = ROLES.find((r) => r === values.role)
  const status = USER_STATUSES.find((s) => s === values.status)
  if (values.role && !role) throw new UsageError(`--role: ${ROLES.join(' ')}`)
  if (values.status && !status) throw new UsageError(`--status: ${USER_STATUSES.join(' ')}`)
  for (const p of await listPeople(db, { role, status }))
    io.out([p.email, p.name, p.role, scopeText(p) || '-', p.status, p.lastSignInAt ?? '-'].join('\t'))
  return 0
}

const deactivate: Command = async (db, args, io, t) => {
  const person = await personByEmail(db, options(args, { email: { type: 'string' } }).email, t)
  const outcome = await deactivatePerson(db, null, person.id)
  if (outcome.kind === 'last_secretariat') throw new UsageError(t('people.refused.lastSecretariat'))
  if (outcome.kind === 'not_active')
    throw new UsageError(t('people.cli.notActive', { email: person.email, status: person.status }))
  if (outcome.kind !== 'deactivated') throw new UsageError(outcome.kind)
  io.err(t('people.cli.deactivated', { email: person.email, count: outcome.sessionsEnded }))
  io.out(`deactivated ${person.email}`)
  return 0
}

const reactivate: Command = async (db, args, io, t) => {
  const person = await personByEmail(db, options(args, { email: { type: 'string' } }).email, t)
  const outcome = await reactivatePerson(db, null, person.id, { mail: false })
  if (outcome.kind === 'not_deactivated')
    throw new UsageError(t('people.cli.notDeactivated', { email: person.email, status: person.status }))
  if (outcome.kind === 'reinvited') {
    warnWithoutAppUrl(io, t)
    io.err(t('people.cli.reinvited', { email: person.email }))
    io.out(outcome.link)
    return 0
  }
  if (outcome.kind !== 'reactivated') throw new UsageError(outcome.kind)
  io.out(`active ${person.email}`)
  return 0
}

/** A reset link for an active account; someone still invited gets a fresh invitation link instead. */
const reset: Command = async (db, args, io, t) => {
  const person = await personByEmail(db, options(args, { email: { type: 'string' } }).email, t)
  if (person.status === 'invited') {
    const outcome = await resendInvitation(db, null, person.id, { mail: false })
    if (outcome.kind !== 'resent') throw new UsageError(outcome.kind)
    warnWithoutAppUrl(io, t)
    io.err(t('people.cli.stillInvited', { email: person.email }))
    io.out(outcome.link)
    return 0
  }
  const link = await createResetLink(db, person.id)
  if (link.kind !== 'created')
    throw new UsageError(t('people.cli.notActive', { email: person.email, status: person.status }))
  warnWithoutAppUrl(io, t)
  io.err(
    t('people.cli.resetLink', {
      email: person.email,
      expires: link.expiresAt.slice(0, 16).replace('T', ' '),
    }),
  )
  io.out(linkUrl('password_reset', link.secret))
  return 0
}

/**
 * A personal API token for an active account, printed once (only its hash is kept): read-only
 * unless --write, for --days days (90 unless told; 1 to 365). docs/decisions/0023-api-tokens.md
 */
const token: Command = async (db, args, io, t) => {
  const values = options(args, {
    email: { type: 'string' },
    name: { type: 'string' },
    write: { type: 'boolean' },
    days: { type: 'string' },
  })
  const person = await personByEmail(db, values.email, t)
  if (person.status !== 'active')
    throw new UsageError(t('tokens.cli.notActive', { email: person.email, status: person.status }))
  const parsed = TokenForm.safeParse({
    name: values.name,
    kind: values.write ? 'write' : 'read',
    days: values.days ?? String(TOKEN_DAYS_DEFAULT),
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new UsageError(`--${String(issue.path[0])}: ${t(messageKey(issue.message))}`)
  }
  const created = await createToken(db, person.id, parsed.data, new Date(), null)
  io.err(
    t(parsed.data.kind === 'write' ? 'tokens.cli.createdWrite' : 'tokens.cli.createdRead', {
      email: person.email,
      expires: created.expiresAt.slice(0, 16).replace('T', ' '),
    }),
  )
  io.out(created.token)
  return 0
}

export const COMMANDS: Record<string, Command> = { add, list, deactivate, reactivate, reset, token }

/** Runs one command; answers the exit code. */
export async function runUsersCommand(db: DB, argv: string[], io: CliIo): Promise<number> {
  const t = translator()
  const [name, ...args] = argv
  const command = name ? COMMANDS[name] : undefined
  if (!command) {
    io.err(t('people.cli.usage', { commands: Object.keys(COMMANDS).join(', ') }))
    return 1
  }
  try {
    return await command(db, args, io, t)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(error.message)
    return 1
  }
}
