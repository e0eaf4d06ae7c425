import { sql } from 'kysely'
import type { DB } from '../../db/schema'
import type { Role } from '../permissions/permissions'
import type { CountryCode } from '../portfolio/codes'
import { likePattern } from './like'
import { findOrganisation } from './organisations.server'
import type { PeopleFilter, ScopeInput, UserStatus } from './schema'

// Reading people for the secretariat's pages and the command line, and the scope rule every
// account change goes through.

export interface PersonSummary {
  id: string
  email: string
  name: string
  role: Role
  countries: string[]
  organisation: string | null
  status: UserStatus
  language: string
  lastSignInAt: string | null
  createdAt: string
  /** when the open invitation link ends (invited people only) */
  invitationExpiresAt: string | null
}

/** What a person's summary is made of, for the list and for one person alike. */
const PERSON_COLUMNS = [
  'u.id',
  'u.email',
  'u.name',
  'u.role',
  'u.organisation',
  'u.status',
  'u.language',
  'u.last_sign_in_at',
  'u.created_at',
] as const

export async function listPeople(
  db: DB,
  filter: PeopleFilter = {},
  now = new Date().toISOString(),
): Promise<PersonSummary[]> {
  let query = db
    .selectFrom('users as u')
    .select(PERSON_COLUMNS)
    .orderBy(sql`lower(u.name)`)
    .orderBy('u.email')
  if (filter.role) query = query.where('u.role', '=', filter.role)
  if (filter.status) query = query.where('u.status', '=', filter.status)
  if (filter.organisation)
    query = query.where(sql`lower(u.organisation)`, '=', filter.organisation.toLowerCase())
  if (filter.country)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_countries as c')
          .select('c.user_id')
          .whereRef('c.user_id', '=', 'u.id')
          .where('c.country_code', '=', filter.country!),
      ),
    )
  if (filter.q) {
    const pattern = likePattern(filter.q)
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(u.name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(u.email)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    )
  }
  const rows = await query.execute()
  return withScopes(db, rows, now)
}

type PersonRow = {
  id: string
  email: string
  name: string
  role: string
  organisation: string | null
  status: string
  language: string
  last_sign_in_at: string | null
  created_at: string
}

async function withScopes(db: DB, rows: PersonRow[], now: string): Promise<PersonSummary[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const countries = new Map<string, string[]>()
  const invitations = new Map<string, string>()
  // In chunks: a parameter list has limits on both databases.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    for (const c of await db
      .selectFrom('user_countries')
      .select(['user_id', 'country_code'])
      .where('user_id', 'in', chunk)
      .orderBy('country_code')
      .execute())
      countries.set(c.user_id, [...(countries.get(c.user_id) ?? []), c.country_code])
    for (const link of await db
      .selectFrom('one_time_tokens')
      .select(['user_id', 'expires_at'])
      .where('user_id', 'in', chunk)
      .where('purpose', '=', 'invitation')
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .execute())
      invitations.set(link.user_id, link.expires_at)
  }
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    countries: countries.get(r.id) ?? [],
    organisation: r.organisation,
    status: r.status as UserStatus,
    language: r.language,
    lastSignInAt: r.last_sign_in_at,
    createdAt: r.created_at,
    invitationExpiresAt: r.status === 'invited' ? (invitations.get(r.id) ?? null) : null,
  }))
}

export async function getPerson(
  db: DB,
  id: string,
  now = new Date().toISOString(),
): Promise<PersonSummary | null> {
  const row = await db
    .selectFrom('users as u')
    .select(PERSON_COLUMNS)
    .where('u.id', '=', id)
    .executeTakeFirst()
  return row ? ((await withScopes(db, [row], now))[0] ?? null) : null
}

export async function findPersonByEmail(db: DB, email: string): Promise<PersonSummary | null> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  return row ? getPerson(db, row.id) : null
}

/** A role's scope as stored: countries for working groups, an organisation for partners, nothing else. */
export type ResolvedScope =
  | { kind: 'ok'; role: Role; countries: CountryCode[]; organisation: string | null }
  | { kind: 'unknown_organisation'; organisation: string }

/** Checks the organisation against the managed list and drops what the role does not use. */
export async function resolveScope(db: DB, input: ScopeInput): Promise<ResolvedScope> {
  const role = input.role
  let organisation: string | null = null
  if (role === 'partner') {
    const found = await findOrganisation(db, input.organisation ?? '')
    if (!found) return { kind: 'unknown_organisation', organisation: input.organisation ?? '' }
    organisation = found
  }
  // ScopeForm checked each code against the country list
  const countries = role === 'working_group' ? ([...new Set(input.countries)].sort() as CountryCode[]) : []
  return { kind: 'ok', role, countries, organisation }
}

/** The scope as one short text: "KAZ, UZB", "ADB" or ''. */
export function scopeText(person: { countries: readonly string[]; organisation: string | null }): string {
  return person.countries.join(', ') || person.organisation || ''
}
