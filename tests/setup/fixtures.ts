import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Actor, Role } from '../../app/permissions/permissions'
import type { CountryCode } from '../../app/portfolio/codes'
import { ListQuery } from '../../app/portfolio/list-query'

/** The real tentative CITA 2030 RSAP 2025-2028 (80 items), as shipped for the demo seed. */
export const PLAN_FILE = fileURLToPath(new URL('../../db/data/rsap-cita-2025-2028.csv', import.meta.url))

/** Adds a user (items reference their creator and editor) and answers the actor acting as them. */
export async function insertUser(
  db: Kysely<Database>,
  role: Role,
  countries: CountryCode[] = [],
  organisation: string | null = null,
): Promise<Actor> {
  const id = randomUUID()
  await db
    .insertInto('users')
    .values({
      id,
      email: `${id}@test.carec`,
      name: `Test ${role}`,
      role,
      organisation,
      password_hash: 'not-a-hash',
      created_at: new Date().toISOString(),
    })
    .execute()
  for (const country_code of countries)
    await db.insertInto('user_countries').values({ user_id: id, country_code }).execute()
  return { id, role, countries, organisation }
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
