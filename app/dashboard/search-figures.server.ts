import { sql } from 'kysely'
import type { DB } from '../../db/schema'
import type { ListQuery } from '../portfolio/list-query'
import { viewHasRowFilters } from '../portfolio/list.server'
import { rowMatches } from '../portfolio/search-match.server'
import { KEEP_VERSIONS } from './figures-cache.server'
import { addRows, type ViewRows } from './view-rows'

// A text search's dashboard figures, kept in the database and brought up to date by the item
// writes since, rather than read again from a frequent word's 25,000 matches after every write
// (docs/decisions/0053-search-figures-corrected.md). The rows a search view adds up (view-rows.ts)
// are stored with the portfolio version and the search version they were read at, in the
// statement that read them. Every item write logs what it changed in those rows under the version
// it made (dashboard_changes, from syncItemTallies: the item's rows before, as dashboard_tally_items
// and dashboard_tally_flags held them, taken away, its rows after added). While the search version
// is the same, no item's text or archived state changed and none was added or removed, so the
// view holds the same items: its rows now are the stored rows plus the logged changes of its own
// items, each tested against the search as it is now. Kept in the database, never in a server's
// memory: every app server reads and brings up to date the same rows.

/** Past this many logged changes since stored rows, reading the items afresh is cheaper. */
const MOST_CHANGES = 2000

/** Whether a view is served this way: a text search is its only row filter (archived aside). */
export function searchFiguresServe(query: ListQuery): boolean {
  return Boolean(query.q) && !query.translation && !viewHasRowFilters({ ...query, q: undefined })
}

/** Rows read from the items, with both versions read in the same statement. */
export interface RowsNow {
  rows: ViewRows
  version: number
  searchVersion: number
}

/**
 * The search view's rows: stored ones brought up to date, else `readNow`'s, stored for the next
 * reader. `after`: the month before the first one shown (older status changes are not kept).
 */
export async function searchViewRows(
  db: DB,
  query: ListQuery,
  key: string,
  after: string,
  readNow: () => Promise<RowsNow>,
): Promise<ViewRows> {
  const stored = await db
    .selectFrom('dashboard_search_figures')
    .select(['version', 'search_version', 'body'])
    .where('key', '=', key)
    .executeTakeFirst()
  if (stored) {
    const since = Number(stored.version)
    // The versions now and the changes logged after the stored rows, each with whether its item is
    // in the view now, in one statement: one snapshot on either database.
    const archived =
      query.archived === 'include' ? sql`1 = 1` : sql`i.archived = ${query.archived === 'only' ? 1 : 0}`
    const { rows } = await sql<{
      version: number | string
      search_version: number | string
      delta: string | null
      logged: number | string | null
      member: number | string
    }>`select pv.version as version, sv.version as search_version, l.version as logged, l.delta as delta,
        case when i.id is not null and ${rowMatches(query.q!)} and ${archived} then 1 else 0 end as member
      from portfolio_version pv
      join search_version sv on sv.id = ${1}
      left join dashboard_changes l on l.version > ${since}
      left join items i on i.id = l.item_id
      where pv.id = ${1}
      limit ${MOST_CHANGES + 1}`.execute(db)
    const version = Number(rows[0]!.version)
    const logged = rows.filter((r) => r.logged != null)
    if (
      Number(rows[0]!.search_version) === Number(stored.search_version) &&
      version - since <= KEEP_VERSIONS &&
      logged.length <= MOST_CHANGES &&
      logged.every((r) => r.delta != null)
    ) {
      const body = JSON.parse(stored.body) as ViewRows
      if (version === since) return body
      const changes = logged
        .filter((r) => Number(r.member) === 1)
        .map((r) => JSON.parse(r.delta!) as ViewRows)
      if (changes.length === 0) {
        // Nothing of the view's changed: the same rows are exact at the newer version too.
        await db
          .updateTable('dashboard_search_figures')
          .set({ version })
          .where('key', '=', key)
          .where('version', '<', version)
          .execute()
        return body
      }
      const now = addRows(body, changes, (change) => change.month > after)
      await store(db, key, version, Number(stored.search_version), now)
      return now
    }
  }
  const read = await readNow()
  // Rows too old to bring up to date are never read again.
  await db
    .deleteFrom('dashboard_search_figures')
    .where('version', '<', read.version - KEEP_VERSIONS)
    .execute()
  await store(db, key, read.version, read.searchVersion, read.rows)
  return read.rows
}

async function store(db: DB, key: string, version: number, searchVersion: number, rows: ViewRows) {
  const body = JSON.stringify(rows)
  await db
    .insertInto('dashboard_search_figures')
    .values({ key, version, search_version: searchVersion, body })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          search_version: eb.ref('excluded.search_version'),
          body: eb.ref('excluded.body'),
        }))
        // newer rows win; at one portfolio version, those of the newer search version (a text
        // changed by a writer that makes no item event, such as a confirmed translation)
        .where((eb) =>
          eb.or([
            eb('dashboard_search_figures.version', '<', version),
            eb.and([
              eb('dashboard_search_figures.version', '=', version),
              eb('dashboard_search_figures.search_version', '<', searchVersion),
            ]),
          ]),
        ),
    )
    .execute()
}
