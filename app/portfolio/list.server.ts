import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely'
import type { Database, DB, ItemsTable } from '../../db/schema'
import { partnerInterestOf } from '../cofinancing/cofinancing.server'
import { COUNTRY_CODES, MODALITIES, STATUSES, type Quadrant } from './codes'
import { STAGES } from '../cofinancing/schema'
import type { ListedItem } from './item-view'
import { getItemsByRefsFromKeys } from './items.server'
import { interestOf, sortOf, translationFilterOf, type ListQuery, type SortKey } from './list-query'
import { TRANSLATED_GROUPS } from './fields'
import { LANGUAGES } from '../i18n/languages'
import { escapeLike, indexedSearchCount, rowMatches, searchCondition } from './search-match.server'
import { foldForSearch } from './search-text'
import { storedSearchCount } from './search-counts.server'

// The portfolio list: one page of items for a view (filters, sort, paging), found in the
// database fast enough for 100,000 items. Why it reads the way it does, with figures:
// docs/performance.md. list-order.test.ts holds it to the plain one-query definition of the order.

/**
 * Whether a code can be found in a ';'-joined key column by plain substring: true when no code of
 * the vocabulary contains another one or the separator (3-letter country codes; the modality
 * names). Otherwise the key is matched with its separators, which is exact for any codes.
 */
function substringSafe(codes: readonly string[]): boolean {
  return codes.every((a) => !a.includes(';') && codes.every((b) => a === b || !a.includes(b)))
}
const KEY_SUBSTRING_SAFE = {
  'i.proposers_key': substringSafe(COUNTRY_CODES),
  'i.modalities_key': substringSafe(MODALITIES),
}

/**
 * "The item has one of these codes", read from the ';'-joined key the item row carries (written
 * with item_proposers / item_modalities by the same code, see itemColumns). The key is in the
 * filter index, so the test needs no table row; the EXISTS on the link table it replaces cost two
 * index look-ups per candidate row.
 */
function keyHasAny(column: 'i.proposers_key' | 'i.modalities_key', codes: readonly string[]) {
  const safe = KEY_SUBSTRING_SAFE[column]
  const subject = safe ? sql.ref(column) : sql`(';' || ${sql.ref(column)} || ';')`
  const tests = codes.map(
    (code) => sql`${subject} like ${safe ? `%${escapeLike(code)}%` : `%;${escapeLike(code)};%`} escape '\\'`,
  )
  return sql<boolean>`(${sql.join(tests, sql` or `)})`
}

/**
 * Partner interest: whether the item has a live co-financing flag from one of these organisations
 * (any when none named) at one of these stages (any when none named), or has none. One flag must
 * match both lists: "ADB, committed" means ADB's flag is committed. Read from `interest_key`
 * (`;stage:ORG;...;`, kept by triggers on the flags, in items_filters), so the test needs no
 * table row; the flag-table subquery it replaces cost 60-3,000 ms at 100,000 items (decision 0048).
 */
function hasInterest(interest: NonNullable<ReturnType<typeof interestOf>>) {
  const stages = interest.stages.length ? interest.stages : STAGES
  const entries = interest.organisations.length
    ? stages.flatMap((stage) => interest.organisations.map((org) => `${stage}:${org}`))
    : interest.stages.length
      ? stages.map((stage) => `${stage}:`)
      : []
  if (entries.length === 0)
    return sql<boolean>`i.interest_key is ${sql.raw(interest.has ? 'not null' : 'null')}`
  // An organisation named closes its entry (`;stage:ORG;`); a stage alone opens one (`;stage:%`).
  const tests = entries.map(
    (entry) =>
      sql`i.interest_key like ${`%;${escapeLike(entry)}${entry.endsWith(':') ? '' : ';'}%`} escape '\\'`,
  )
  const any = sql`(${sql.join(tests, sql` or `)})`
  // `is not null` lets the database read just the flagged items' range of the interest index.
  return interest.has
    ? sql<boolean>`(i.interest_key is not null and ${any})`
    : sql<boolean>`(i.interest_key is null or not ${any})`
}

/**
 * How a query is meant to read the items table. SQLite keeps no statistics here, so its planner
 * takes `archived = 0` for a selective condition although it keeps 95% of the rows, and happily
 * walks an index fetching table rows one by one (about 2.5 µs each). The shape of each query
 * therefore says which read it wants:
 * - `ordered`: walk an (archived, column, ref) index in sort order and stop at the end of the
 *   page. Best when the page is found early: no filters, or filters that most rows pass.
 * - `filtered`: no index order on offer (the sort term is wrapped in a no-op), so the database
 *   reads the matches from an index that covers the filters (items_filters holds every filter and
 *   sort column but the title and search text) and sorts just those.
 * - `scan`: a text search. search_text is in no index (PostgreSQL caps an index entry at 2704
 *   bytes, less than three titles of 500 characters), so the table is read front to back; `archived`
 *   is hidden from SQLite's planner (`+i.archived`, the idiom of SQLite's documentation; plain
 *   arithmetic on PostgreSQL, whose planner has statistics anyway), or it would read through the
 *   index instead, several times slower.
 */
export type Access = 'ordered' | 'filtered' | 'scan'

const INTEGER_COLUMNS = new Set<keyof ItemsTable>([
  'start_year',
  'end_year',
  'cost_kusd',
  'secured_kusd',
  'gap_kusd',
])

/** A column as a sort or group term: as is for an ordered read, else wrapped in a no-op (`|| ''` keeps a text column's collation on both databases). */
export function columnTerm(column: keyof ItemsTable, access: Access) {
  const ref = sql.ref(`i.${column}`)
  if (access === 'ordered') return ref
  return INTEGER_COLUMNS.has(column) ? sql`${ref} + 0` : sql`${ref} || ''`
}

/**
 * What a page is read from: the view's filters, or, once a text search has found few items, just
 * those items by ref (`found`), so the table is searched once, not once to count and once more
 * to read the page.
 */
export interface Scope {
  query: ListQuery
  found: readonly string[] | null
  /** a text search's number of matches, when counted before the page is read (`searchAlone`) */
  counted?: number
}

/** A search finding at most this many items has them looked up by ref afterwards. */
const FOUND_LIMIT = 500

/** Whether the text search is the view's only row filter (archived aside): then it is counted on its own first. */
function searchAlone(query: ListQuery): boolean {
  return Boolean(query.q) && !hasRowFilters({ query: { ...query, q: undefined }, found: null })
}

/**
 * The number of items a search alone finds, kept in the database once counted and brought up to
 * date by the text changes since (`storedSearchCount`): every page of a search, every server and
 * every reader of the same word reads the stored number, after any write. Counting was most of a
 * frequent word's time (FTS5 merges six trigram lists for the 25,000 items of "corridor";
 * PostgreSQL rechecks each candidate row): decision 0050.
 */
export async function countSearch(db: DB, query: ListQuery): Promise<number> {
  return storedSearchCount(db, searchCountKey(query), foldForSearch(query.q!), query.archived, (version) =>
    countSearchNow(db, query, version),
  )
}

/** What a search's stored count is kept under: the words as searched (folded) and the archived setting. */
export function searchCountKey(query: ListQuery): string {
  return JSON.stringify([foldForSearch(query.q ?? ''), query.archived])
}

/**
 * The same number, counted now: from the FTS5 table without reading items where SQLite can
 * (`indexedSearchCount`), else a count of the view, which PostgreSQL's planner answers from the
 * trigram index and SQLite from a scan (one character). `version`, read in the same statement,
 * says what the count is exact at.
 */
export async function countSearchNow(
  db: DB,
  query: ListQuery,
  version: RawBuilder<number | string> = sql`0`,
): Promise<{ version: number | string; n: number | string }> {
  const byIndex = indexedSearchCount(db, query.q!, query.archived, version)
  if (byIndex) return (await byIndex.execute(db)).rows[0]!
  const scope: Scope = { query, found: null }
  return applyFilters(db, db.selectFrom('items as i'), scope, countAccess(scope))
    .select((eb) => [eb.fn.countAll<number>().as('n'), version.as('version')])
    .executeTakeFirstOrThrow()
}

/**
 * The most rows a search's page walks in sort order, testing each (a fetch and a LIKE, about
 * 1-2 µs a row): past it, reading every match and sorting them is cheaper.
 */
const WALK_LIMIT = 4000

/**
 * A page of a search that finds many items, read by walking the sort's index and testing each row
 * it passes, stopping at the end of the page: a word in a quarter of the items fills a page of 50
 * within about 200 rows, where reading and sorting all 25,000 matches took most of the time
 * (decision 0045). The walk is bounded by twice the rows the match rate predicts; matches bunched
 * later in the order than that (a ref prefix, say) leave the page short, and null sends it to the
 * read of every match. Only for sorts whose every item has a value (ref, title, updated).
 */
async function walkSearch(
  db: DB,
  scope: Scope,
  plan: Extract<SortPlan, { kind: 'range' }>,
  descending: boolean,
  offset: number,
  limit: number,
): Promise<string[] | null> {
  const total = scope.counted
  if (total === undefined || plan.nullable || total === 0) return null
  const rows = await itemTotal(db, scope.query.archived)
  const budget = Math.ceil(((offset + limit) * rows * 2) / total) + limit
  if (budget > WALK_LIMIT) return null
  const direction = descending ? 'desc' : 'asc'
  const unsearched: Scope = { query: { ...scope.query, q: undefined }, found: null }
  let inOrder = applyFilters(db, db.selectFrom('items as i'), unsearched, 'ordered')
    .select(['i.ref', 'i.search_text'])
    .orderBy(sql.ref(`i.${plan.column}`), direction)
  if (plan.column !== 'ref')
    inOrder = inOrder.select(sql.ref(`i.${plan.column}`).as('sort_value')).orderBy('i.ref')
  const walked = inOrder.limit(budget)
  let page = db.selectFrom(walked.as('i')).select('i.ref').where(rowMatches(scope.query.q!))
  page =
    plan.column === 'ref'
      ? page.orderBy('i.ref', direction)
      : page.orderBy(sql.ref('i.sort_value'), direction).orderBy('i.ref')
  const refs = (await page.limit(limit).offset(offset).execute()).map((r) => r.ref)
  // Short of a full page: either the matches ran out (the last page) or the walk did before them.
  if (refs.length < limit && offset + refs.length < total && budget < rows) return null
  return refs
}

export function hasRowFilters({ query, found }: Scope): boolean {
  const { q, strategy, pillar, area, status, quadrant, proposers, modalities, start_year } = query
  return (
    found !== null ||
    Boolean(q) ||
    interestOf(query) !== null ||
    translationFilterOf(query) !== null ||
    query.published !== undefined ||
    [strategy, pillar, area, status, quadrant, proposers, modalities, start_year].some(
      (list) => list.length > 0,
    )
  )
}

/** How a text search reads the table: front to back, unless only the few archived items are asked for. */
function searchAccess(query: ListQuery): Access {
  return query.archived === 'exclude' ? 'scan' : 'filtered'
}

/** How to count (and count per value): from an index, unless a text search needs every row. */
export function countAccess(scope: Scope): Access {
  if (scope.found === null && scope.query.q) return searchAccess(scope.query)
  return hasRowFilters(scope) ? 'filtered' : 'ordered'
}

/**
 * Reading a page in index order looks at (rows up to the end of the page) x (rows in the index
 * range / matching rows) rows, and fetches each from the table when a filter needs a column the
 * sort index lacks; reading the matches first looks at each row once, about five times cheaper
 * a row, then sorts them. So a view with few matches for the depth of its page reads them first.
 * Measured on 100,000 items: docs/performance.md.
 */
const FILTER_FIRST_FACTOR = 5

function pageAccess(scope: Scope, total: number, end: number): Access {
  if (!hasRowFilters(scope) || (scope.found === null && total >= FILTER_FIRST_FACTOR * end)) return 'ordered'
  return scope.found === null && scope.query.q ? searchAccess(scope.query) : 'filtered'
}

export function applyFilters<O>(
  db: DB,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers join other tables beside `i`
  qb: SelectQueryBuilder<Database & { i: ItemsTable }, 'i' | any, O>,
  scope: Scope,
  access: Access = 'ordered',
) {
  const { query, found } = scope
  let q = qb
  // The found items passed every filter, archived included.
  if (found !== null) return q.where('i.ref', 'in', found.length > 0 ? [...found] : [''])
  const interest = interestOf(query)
  const archived = access === 'scan' ? sql`+i.archived` : sql.ref('i.archived')
  if (query.archived === 'exclude') q = q.where(sql<boolean>`${archived} = ${0}`)
  if (query.archived === 'only') q = q.where(sql<boolean>`${archived} = ${1}`)
  // With partner interest wanted, the flagged items (a tenth at most, by interest_key) drive the
  // read and each is looked up in the search's matches, rather than each of a frequent word's matches read for its
  // flags (240 ms for "corridor" at 100,000 items; decision 0045).
  if (query.q) q = q.where(searchCondition(db, query.q, interest?.has ? 'probe' : 'index'))
  if (query.strategy.length)
    q = q.where('i.strategy_id', 'in', (eb) =>
      eb.selectFrom('strategies').select('id').where('name', 'in', query.strategy),
    )
  if (query.pillar.length)
    q = q.where('i.pillar_id', 'in', (eb) =>
      eb.selectFrom('pillars').select('id').where('name', 'in', query.pillar),
    )
  if (query.area.length)
    q = q.where('i.area_id', 'in', (eb) =>
      eb.selectFrom('areas').select('id').where('name', 'in', query.area),
    )
  if (query.status.length) q = q.where('i.status', 'in', query.status)
  if (query.quadrant.length) q = q.where('i.quadrant', 'in', query.quadrant)
  if (query.start_year.length) q = q.where('i.start_year', 'in', query.start_year)
  if (query.published) q = q.where('i.published', '=', query.published === 'yes' ? 1 : 0)
  if (query.proposers.length) q = q.where(keyHasAny('i.proposers_key', query.proposers))
  if (query.modalities.length) q = q.where(keyHasAny('i.modalities_key', query.modalities))
  if (interest) q = q.where(hasInterest(interest))
  const translation = translationFilterOf(query)
  if (translation) q = q.where(needsTranslation(translation))
  return q
}

/**
 * Items whose text in a language is missing (a title, or a description written in another
 * language) or may be outdated (translations_outdated, kept by app code at every write:
 * translations.server.ts). Plain SQL on both databases.
 */
function needsTranslation({ language, states }: NonNullable<ReturnType<typeof translationFilterOf>>) {
  const blank = (column: string) => sql`trim(coalesce(${sql.ref(`i.${column}`)}, '')) = ''`
  const conditions = []
  if (states.includes('missing')) {
    const others = LANGUAGES.filter((lang) => lang !== language)
    const describedElsewhere = sql.join(
      others.map((lang) => sql`not ${blank(`description_${lang}`)}`),
      sql` or `,
    )
    conditions.push(
      sql`${blank(`title_${language}`)}`,
      sql`(${blank(`description_${language}`)} and (${describedElsewhere}))`,
    )
  }
  if (states.includes('outdated'))
    for (const group of TRANSLATED_GROUPS)
      conditions.push(sql`i.translations_outdated like ${`%;${group}_${language};%`}`)
  return sql<boolean>`(${sql.join(conditions, sql` or `)})`
}

/**
 * The items of a view (its filters; sort and paging do not apply), as a query on `items as i` to
 * select, join or group further: the dashboard's aggregates count exactly the items the table
 * lists for the same parameters. A text search reads the whole table, as the list's count does.
 */
export function itemsOfView(db: DB, query: ListQuery) {
  const scope: Scope = { query, found: null }
  return applyFilters(db, db.selectFrom('items as i'), scope, countAccess(scope))
}

/** Whether the view narrows the items by anything but `archived` (its filters, search or publication). */
export function viewHasRowFilters(query: ListQuery): boolean {
  return hasRowFilters({ query, found: null })
}

/**
 * How each sort finds its page without sorting every matching row (see also `Access`), keeping
 * the order of `order by <col> is null, <col> [desc], ref`: empty values last in both directions,
 * ties by ref. (`case when <col> is null ...` in ORDER BY, which did that in one query, can use
 * no index, and SQL's own null placement differs between SQLite and PostgreSQL.)
 * - `range`, for columns of many values: the items with a value, in (archived, column, ref)
 *   order; once those run out, the items without one, by ref: two queries, the second only for
 *   the page where the values end or after it.
 * - `groups`, for columns of few values and the taxonomy names: one GROUP BY counts the matches
 *   per value (which also gives the total), the database orders the values (or the names behind
 *   the ids, equal names making one group), and the page is read from the groups it falls in, by
 *   ref (an (archived, column, ref) index serves each group in order), items without a value last.
 */
export type SortPlan =
  | { kind: 'range'; column: keyof ItemsTable; nullable: boolean }
  | {
      kind: 'groups'
      column: keyof ItemsTable
      names?: 'strategies' | 'pillars' | 'areas'
      rank?: readonly string[]
    }

/** Statuses sort in pipeline order (STATUSES); quadrants by priority (DOMAIN.md: quick wins first), unscored last. */
const PRIORITY_ORDER: readonly Quadrant[] = [
  'quick_win',
  'low_hanging_fruit',
  'strategic_phased',
  'reconsider',
]

export const SORTS: Record<SortKey, SortPlan> = {
  ref: { kind: 'range', column: 'ref', nullable: false },
  title_en: { kind: 'range', column: 'title_en', nullable: false },
  strategy: { kind: 'groups', column: 'strategy_id', names: 'strategies' },
  pillar: { kind: 'groups', column: 'pillar_id', names: 'pillars' },
  area: { kind: 'groups', column: 'area_id', names: 'areas' },
  modalities: { kind: 'groups', column: 'modalities_key' },
  proposers: { kind: 'range', column: 'proposers_key', nullable: true },
  status: { kind: 'groups', column: 'status', rank: STATUSES },
  start_year: { kind: 'groups', column: 'start_year' },
  end_year: { kind: 'groups', column: 'end_year' },
  cost_usd_m: { kind: 'range', column: 'cost_kusd', nullable: true },
  secured_usd_m: { kind: 'range', column: 'secured_kusd', nullable: true },
  gap_usd_m: { kind: 'range', column: 'gap_kusd', nullable: true },
  quadrant: { kind: 'groups', column: 'quadrant', rank: PRIORITY_ORDER },
  updated_at: { kind: 'range', column: 'updated_at', nullable: false },
}

export interface ItemPage {
  items: ListedItem[]
  total: number
  page: number
  pageSize: number
}

type GroupValue = string | number
export interface Group {
  /** the column values of the group; null for the items without a value */
  values: GroupValue[] | null
  n: number
}

/**
 * How many items a view without row filters has: read from item_totals, which triggers on items
 * keep in the writing transaction (migration 2026_12_02_0200), rather than counted by walking the
 * archived index over every item (docs/decisions/0039-work-per-request.md).
 */
async function itemTotal(db: DB, archived: ListQuery['archived']): Promise<number> {
  const rows = await db.selectFrom('item_totals').select(['archived', 'n']).execute()
  const of = (value: number) => Number(rows.find((r) => Number(r.archived) === value)?.n ?? 0)
  return archived === 'exclude' ? of(0) : archived === 'only' ? of(1) : of(0) + of(1)
}

/** The refs of one page, and the number of matching items, for a `range` sort. */
async function pageByRange(
  db: DB,
  scope: Scope,
  plan: Extract<SortPlan, { kind: 'range' }>,
  descending: boolean,
  offset: number,
  limit: number,
) {
  const column = sql.ref(`i.${plan.column}`)
  const filtered = (access: Access) => applyFilters(db, db.selectFrom('items as i'), scope, access)
  const count = async (qb: ReturnType<typeof filtered>) =>
    Number((await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  if (scope.found === null && scope.query.q) {
    const walked = await walkSearch(db, scope, plan, descending, offset, limit)
    if (walked) return { refs: walked, total: scope.counted! }
    // A search that found many and could not be walked (combined with other filters, a sort with
    // empty values, or matches bunched where the bounded walk does not reach: "ene-" matches a
    // block of refs a ref-ordered walk reaches last): one read of the table gives the page and,
    // alongside, the count.
    const access = searchAccess(scope.query)
    let read = filtered(access).select(['i.ref', (eb) => eb.fn.countAll<number>().over().as('total')])
    if (plan.nullable) read = read.orderBy(sql`case when ${column} is null then 1 else 0 end`)
    read = read.orderBy(columnTerm(plan.column, access), descending ? 'desc' : 'asc')
    if (plan.column !== 'ref') read = read.orderBy(columnTerm('ref', access))
    const rows = await read.limit(limit).offset(offset).execute()
    const total = rows.length > 0 ? Number(rows[0]!.total) : offset > 0 ? await count(filtered(access)) : 0
    return { refs: rows.map((r) => r.ref), total }
  }

  const total =
    scope.found?.length ??
    (hasRowFilters(scope)
      ? await count(filtered(countAccess(scope)))
      : await itemTotal(db, scope.query.archived))
  if (offset >= total) return { refs: [], total }
  const access = pageAccess(scope, total, offset + limit)
  let head = filtered(access).select('i.ref')
  if (plan.nullable) head = head.where(sql<boolean>`${column} is not null`)
  head = head.orderBy(columnTerm(plan.column, access), descending ? 'desc' : 'asc')
  if (plan.column !== 'ref') head = head.orderBy('i.ref', 'asc')
  const refs = (await head.limit(limit).offset(offset).execute()).map((r) => r.ref)
  if (plan.nullable && refs.length < limit && offset + refs.length < total) {
    // The values ran out on this page (or before it): continue with the items without one.
    const withValue =
      refs.length > 0
        ? offset + refs.length
        : await count(filtered(countAccess(scope)).where(sql<boolean>`${column} is not null`))
    const tail = await filtered(access)
      .select('i.ref')
      .where(sql<boolean>`${column} is null`)
      .orderBy(columnTerm('ref', access), 'asc')
      .limit(limit - refs.length)
      .offset(Math.max(0, offset - withValue))
      .execute()
    refs.push(...tail.map((r) => r.ref))
  }
  return { refs, total }
}

/** The matching items counted per value, in sort order, the items without a value last. */
export async function groupsInOrder(
  db: DB,
  scope: Scope,
  plan: Extract<SortPlan, { kind: 'groups' }>,
  descending: boolean,
): Promise<Group[]> {
  const access = countAccess(scope)
  const term = columnTerm(plan.column, access)
  const direction = descending ? 'desc' : 'asc'
  let counted = applyFilters(db, db.selectFrom('items as i'), scope, access)
    .select([sql<GroupValue | null>`${term}`.as('k'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(term)
  if (!plan.names && !plan.rank) counted = counted.orderBy(term, direction)
  const rows = (await counted.execute()).map((r) => ({ k: r.k, n: Number(r.n) }))
  const empty = rows.find((r) => r.k === null)
  let groups: Group[] = rows.filter((r) => r.k !== null).map((r) => ({ values: [r.k as GroupValue], n: r.n }))
  if (plan.names && groups.length > 0) {
    // Order the ids by the names behind them, in the database's own collation; equal names
    // (an area of the same name under two pillars) make one group, ordered by ref inside.
    const countOf = new Map(rows.map((r) => [r.k, r.n]))
    const named = await db
      .selectFrom(plan.names)
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        groups.map((g) => String(g.values![0])),
      )
      .orderBy('name', direction)
      .execute()
    groups = []
    let previous: string | undefined
    for (const { id, name } of named) {
      const last = groups[groups.length - 1]
      if (last && name === previous) {
        last.values!.push(id)
        last.n += countOf.get(id) ?? 0
      } else groups.push({ values: [id], n: countOf.get(id) ?? 0 })
      previous = name
    }
  }
  if (plan.rank) {
    // Ranked values in rank order (reversed when descending); values outside the rank, last.
    const rank = (g: Group) => {
      const index = plan.rank!.indexOf(String(g.values![0]))
      return index < 0 ? Number.MAX_SAFE_INTEGER : descending ? -index : index
    }
    groups.sort((a, b) => rank(a) - rank(b))
  }
  if (empty) groups.push({ values: null, n: empty.n })
  return groups
}

/** The refs of one page, and the number of matching items, for a `groups` sort. */
async function pageByGroups(
  db: DB,
  scope: Scope,
  plan: Extract<SortPlan, { kind: 'groups' }>,
  descending: boolean,
  offset: number,
  limit: number,
) {
  const column = sql.ref(`i.${plan.column}`)
  const groups = await groupsInOrder(db, scope, plan, descending)
  const total = groups.reduce((sum, g) => sum + g.n, 0)
  // The groups the page falls in, and the rows it takes from each.
  const window: Array<{ group: Group; skip: number; take: number }> = []
  let skip = offset
  let need = limit
  for (const group of groups) {
    if (need === 0) break
    if (skip >= group.n) {
      skip -= group.n
      continue
    }
    const take = Math.min(need, group.n - skip)
    window.push({ group, skip, take })
    need -= take
    skip = 0
  }
  if (window.length === 0) return { refs: [], total }

  // Each group is read in (archived, column, ref) order, as deep as the page goes into it: the
  // same cost rule as pageAccess, with a query per group (a page across many small groups of
  // few matches is cheaper read at once).
  const depth = window.reduce((sum, w) => sum + w.skip + w.take, 0)
  const access = window.length > 3 ? pageAccess(scope, 0, 1) : pageAccess(scope, total, depth)
  if (access !== 'ordered') {
    // Read the matches at once, ordered by the rank of their group, then by ref.
    const ranks = groups.flatMap((g, index) =>
      (g.values ?? []).map((value) => sql`when ${value} then ${sql.lit(index)}`),
    )
    let read = applyFilters(db, db.selectFrom('items as i'), scope, access).select('i.ref')
    if (ranks.length > 0)
      read = read.orderBy(sql`case ${column} ${sql.join(ranks, sql` `)} else ${sql.lit(groups.length)} end`)
    const rows = await read.orderBy(columnTerm('ref', access)).limit(limit).offset(offset).execute()
    return { refs: rows.map((r) => r.ref), total }
  }

  const refs: string[] = []
  for (const { group, skip, take } of window) {
    const values = group.values
    const inGroup =
      values === null
        ? sql<boolean>`${column} is null`
        : values.length === 1
          ? sql<boolean>`${column} = ${values[0]}`
          : sql<boolean>`${column} in (${sql.join(values)})`
    const rows = await applyFilters(db, db.selectFrom('items as i'), scope)
      .select('i.ref')
      .where(inGroup)
      .orderBy('i.ref', 'asc')
      .limit(take)
      .offset(skip)
      .execute()
    refs.push(...rows.map((r) => r.ref))
  }
  return { refs, total }
}

/** What the view's items are read from: its filters, or the few items a selection or a search found. */
export async function scopeOf(db: DB, query: ListQuery): Promise<Scope> {
  const scope: Scope = { query, found: null }
  if (query.ref.length) {
    // A selection (at most SELECTION_LIMIT refs): the selected items that pass the filters, then
    // paged and sorted like any found set.
    const rows = await applyFilters(db, db.selectFrom('items as i'), scope, 'filtered')
      .select('i.ref')
      .where('i.ref', 'in', query.ref)
      .execute()
    scope.found = rows.map((r) => r.ref)
  } else if (query.q) {
    if (searchAlone(query)) {
      // Counted from the index first (decision 0045): a search finding many reads only its page.
      scope.counted = await countSearch(db, query)
      if (scope.counted > FOUND_LIMIT) return scope
    }
    // One pass over the table: if the search finds few items, the rest works on those by ref.
    const rows = await applyFilters(db, db.selectFrom('items as i'), scope, searchAccess(query))
      .select('i.ref')
      .limit(FOUND_LIMIT + 1)
      .execute()
    if (rows.length <= FOUND_LIMIT) scope.found = rows.map((r) => r.ref)
  }
  return scope
}

/**
 * The refs of one page of a view, in order, and how many items the view holds: what listItems and
 * the JSON list (app/api/items.server.ts) then read in full, and the portfolio page only its
 * table's columns of (table-rows.server.ts).
 */
export async function pageRefs(db: DB, query: ListQuery): Promise<{ refs: string[]; total: number }> {
  const { key, descending } = sortOf(query)
  const plan = SORTS[key]
  const offset = (query.page - 1) * query.pageSize
  const scope = await scopeOf(db, query)
  return plan.kind === 'range'
    ? pageByRange(db, scope, plan, descending, offset, query.pageSize)
    : pageByGroups(db, scope, plan, descending, offset, query.pageSize)
}

/** How many items a view holds (its filters; only a one-row page's ref is read). */
export async function countView(db: DB, query: ListQuery): Promise<number> {
  return (await pageRefs(db, { ...query, page: 1, pageSize: 1 })).total
}

/**
 * One page of the portfolio: filters, sort and paging all run in the database. Ordered by the
 * sort column with empty values last in both directions, ties by ref ascending, the same on
 * SQLite and PostgreSQL. The page's refs are found first through narrow (mostly index-only)
 * reads; only those rows are then read in full. Timings and reasoning: docs/performance.md.
 */
export async function listItems(db: DB, query: ListQuery): Promise<ItemPage> {
  const { refs, total } = await pageRefs(db, query)
  if (refs.length === 0) return { items: [], total, page: query.page, pageSize: query.pageSize }
  // the code lists from the keys the item rows carry, as exports read them (decision 0040): two
  // statements fewer per page (docs/decisions/0044-html-page-render.md)
  const items = await getItemsByRefsFromKeys(db, refs)
  const interest = await partnerInterestOf(
    db,
    items.map((item) => item.id),
  )
  return {
    items: items.map((item) => ({ ...item, interest: interest.get(item.id) ?? [] })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}
