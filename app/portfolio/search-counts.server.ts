import { sql, type RawBuilder } from 'kysely'
import type { DB } from '../../db/schema'
import { escapeLike } from './search-match.server'

// How many items a search finds, kept in the database once counted (migration
// 2026_12_04_0200_search_counts; decision 0050). Triggers on items move search_version and log
// each change of an item's search text or archived state in search_changes, in the writer's own
// transaction, so any writer, raw SQL included, is seen. A stored count is exact at the version it
// was counted at; a later reader brings it up to date by the changes logged since (the words
// looked for in each changed item's old and new text), a few rows, rather than counting the
// register again. Writes that change neither column (status, scores, flags, comments,
// publication) leave the version alone. Kept in the database, not in a server's memory, so every
// app server reads the same counts.

/** Counts older than this many versions are counted afresh; their changes are deleted. */
const KEEP_VERSIONS = 1000
/** Past this many logged changes since a stored count, counting afresh is cheaper. */
const MOST_CHANGES = 2000

export type Archived = 'exclude' | 'include' | 'only'

/**
 * What a search is counted with, in one statement that also reads search_version, so the count is
 * exact at the version it comes with: `counted(version)` adds that column to its count's select.
 */
export type CountNow = (
  version: RawBuilder<number | string>,
) => Promise<{ version: number | string; n: number | string }>

/** The stored count of `key` brought up to date, else `countNow`'s, stored for the next reader. */
export async function storedSearchCount(
  db: DB,
  key: string,
  folded: string,
  archived: Archived,
  countNow: CountNow,
): Promise<number> {
  const stored = await db
    .selectFrom('search_counts')
    .select(['version', 'n'])
    .where('key', '=', key)
    .executeTakeFirst()
  if (stored) {
    const since = Number(stored.version)
    // the changes after the stored count, and the version they lead to, in one statement
    const { rows } = await sql<{
      version: number | string
      changes: number | string
      delta: number | string | null
    }>`
      select (select version from search_version where id = ${1}) as version, count(*) as changes,
        sum(${matches('new', folded, archived)} - ${matches('old', folded, archived)}) as delta
      from search_changes where version > ${since}`.execute(db)
    const version = Number(rows[0]!.version)
    const changes = Number(rows[0]!.changes)
    if (changes === 0 && version === since) return Number(stored.n)
    if (version - since <= KEEP_VERSIONS && changes <= MOST_CHANGES) {
      const n = Number(stored.n) + Number(rows[0]!.delta ?? 0)
      await store(db, key, version, n)
      return n
    }
  }
  const counted = await countNow(sql<number | string>`(select version from search_version where id = ${1})`)
  const version = Number(counted.version)
  const n = Number(counted.n)
  // Counts too old to bring up to date are never read again, nor are the changes only they need.
  await db
    .deleteFrom('search_counts')
    .where('version', '<', version - KEEP_VERSIONS)
    .execute()
  await db
    .deleteFrom('search_changes')
    .where('version', '<=', version - KEEP_VERSIONS)
    .execute()
  await store(db, key, version, n)
  return n
}

/** 1 if the logged text (`old` or `new`) contains the words and its archived state is counted, else 0. */
function matches(side: 'old' | 'new', folded: string, archived: Archived) {
  const text = sql.ref(`${side}_text`)
  const state = sql.ref(`${side}_archived`)
  const kept = archived === 'include' ? sql`1 = 1` : sql`${state} = ${archived === 'only' ? 1 : 0}`
  return sql<number>`case when ${text} like ${`%${escapeLike(folded)}%`} escape '\\' and ${kept} then 1 else 0 end`
}

async function store(db: DB, key: string, version: number, n: number): Promise<void> {
  await db
    .insertInto('search_counts')
    .values({ key, version, n })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({ version: eb.ref('excluded.version'), n: eb.ref('excluded.n') }))
        .where('search_counts.version', '<', version),
    )
    .execute()
}
