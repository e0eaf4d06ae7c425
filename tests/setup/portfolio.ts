import type { Kysely } from 'kysely'
import { beforeAll, beforeEach } from 'vitest'
import type { Database } from '../../db/schema'
import type { Actor } from '../../app/permissions/permissions'
import { actorOf, addPerson, seedItems, type Person } from './fixtures'
import { useTestDb } from './test-db'

// The seeded portfolio most database tests start from: a fresh database (tests/setup/test-db.ts)
// holding the file's items, imported as the secretariat would, and the people who act on them.
// People are known when the file is collected, so a test file names them once:
//
//   const t = usePortfolio({ items: ROWS, people: { secretariat: { role: 'secretariat' } } })
//   const { secretariat } = t.people
//
// and each test gets the same people (the same ids) in a database of its own.

export interface PortfolioOptions<P extends Record<string, Person>> {
  /** interchange rows (see seedItems), or a whole interchange file such as the real plan */
  items?: Array<Record<string, string>> | string | Buffer
  /** the header for `items` rows; default the union of their keys */
  columns?: string[]
  /** the people who act on the items, by the names the tests call them */
  people?: P
  /** 'each' (default): a fresh portfolio per test; 'all': one shared by the file's (or describe's) tests */
  scope?: 'each' | 'all'
}

export function usePortfolio<P extends Record<string, Person> = Record<never, Person>>(
  options: PortfolioOptions<P> = {},
): {
  readonly db: Kysely<Database>
  readonly url: string
  readonly people: { readonly [K in keyof P]: Actor }
} {
  const database = useTestDb(options.scope ?? 'each')
  const cast = Object.entries(options.people ?? {}).map(([key, person]) => ({
    key,
    person,
    actor: actorOf(person),
  }))
  const seed = async () => {
    if (options.items !== undefined) await seedItems(database.db, options.items, options.columns)
    for (const { person, actor } of cast) await addPerson(database.db, actor, person.name)
  }
  if ((options.scope ?? 'each') === 'each') beforeEach(seed)
  else beforeAll(seed)
  const people = Object.fromEntries(cast.map(({ key, actor }) => [key, actor])) as { [K in keyof P]: Actor }
  return {
    get db() {
      return database.db
    },
    get url() {
      return database.url
    },
    people,
  }
}
