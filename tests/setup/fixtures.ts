import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Actor, Role } from '../../app/permissions/permissions'
import type { CountryCode } from '../../app/portfolio/codes'
import { ListQuery } from '../../app/portfolio/list-query'
import { importCsv } from '../../app/importer/import.server'

/** The real tentative CITA 2030 RSAP 2025-2028 (80 items), as shipped for the demo seed. */
export const PLAN_FILE = fileURLToPath(new URL('../../db/data/rsap-cita-2025-2028.csv', import.meta.url))

/** Someone in a test portfolio: a role, and for working groups their countries, for partners their organisation. */
export interface Person {
  role: Role
  countries?: string[]
  organisation?: string | null
  /** shown in histories and inboxes; default "Test <role>". A name also makes the e-mail (first.last@test.carec). */
  name?: string
}

/** The actor a person acts as, with an id of its own; addPerson writes it into a database. */
export function actorOf(person: Person): Actor {
  return {
    id: randomUUID(),
    role: person.role,
    countries: person.countries ?? [],
    organisation: person.organisation ?? null,
  }
}

/** Writes `actor` as a user (items reference their creator and editor), named as `name` says. */
export async function addPerson(db: Kysely<Database>, actor: Actor, name?: string): Promise<Actor> {
  await db
    .insertInto('users')
    .values({
      id: actor.id,
      email: name ? `${name.toLowerCase().replace(/\W+/g, '.')}@test.carec` : `${actor.id}@test.carec`,
      name: name ?? `Test ${actor.role}`,
      role: actor.role,
      organisation: actor.organisation,
      password_hash: 'not-a-hash',
      created_at: new Date().toISOString(),
    })
    .execute()
  for (const country_code of actor.countries)
    await db
      .insertInto('user_countries')
      .values({ user_id: actor.id, country_code: country_code as CountryCode })
      .execute()
  return actor
}

/** Adds a user and answers the actor acting as them. */
export async function insertUser(
  db: Kysely<Database>,
  role: Role,
  countries: CountryCode[] = [],
  organisation: string | null = null,
): Promise<Actor> {
  return addPerson(db, actorOf({ role, countries, organisation }))
}

/**
 * Imports items through the importer, as the secretariat would, and fails the test if it refuses
 * them: interchange rows (the header is the union of their keys unless `columns` is given) or a
 * whole interchange file, such as the real plan (PLAN_FILE).
 */
export async function seedItems(
  db: Kysely<Database>,
  items: Array<Record<string, string>> | string | Buffer,
  columns?: string[],
): Promise<void> {
  const outcome = await importCsv(db, Array.isArray(items) ? toCsv(items, columns) : items, null)
  if (!outcome.ok) throw new Error(`the test's items were refused: ${JSON.stringify(outcome.errors)}`)
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)

/** An interchange CSV: the header is the union of the rows' keys unless `columns` is given. */
export function toCsv(rows: Array<Record<string, string>>, columns?: string[]): string {
  const header = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))]
  return (
    [header, ...rows.map((r) => header.map((c) => r[c] ?? ''))]
      .map((line) => line.map(quote).join(','))
      .join('\r\n') + '\r\n'
  )
}

/** A list query with the parser's defaults, overridden by `over`. */
export function listQuery(over: Partial<ListQuery> = {}): ListQuery {
  return { ...ListQuery.parse({}), ...over }
}

/** A valid interchange row for an import test (a KAZ customs item of USD 10 million), `over` on top. */
export const importRow = (ref: string, over: Record<string, string> = {}): Record<string, string> => ({
  ref,
  strategy: 'CITA 2030',
  pillar: 'Pillar 1: Trade',
  area: '1 Customs',
  title_en: `Item ${ref}`,
  proposers: 'KAZ',
  cost_usd_m: '10',
  ...over,
})

/** Interchange rows as the bytes of an uploaded CSV file. */
export const csvBytes = (rows: Array<Record<string, string>>) =>
  new Uint8Array(Buffer.from(toCsv(rows), 'utf8'))
