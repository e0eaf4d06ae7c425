import { randomUUID } from 'node:crypto'
import { sql, type SelectQueryBuilder } from 'kysely'
import type { Database, DB, ItemsTable } from '../../db/schema'
import type { Actor } from '../permissions/permissions'
import { can } from '../permissions/permissions'
import { COUNTRY_CODES, MODALITIES, type Quadrant } from './codes'
import { EDITABLE_FIELDS, type EditableField, type ItemView } from './item-view'
import { sortOf, type ListQuery, type SortKey } from './list-query'
import { gapOf, kusdToMillion } from './money'
import { quadrantOf } from './quadrant'
import { splitList, type ItemInput } from './schema'
import { checkTaxonomyIds } from './taxonomy.server'

export const nowIso = () => new Date().toISOString()

/** Everything stored about an item that a write sets, before the columns derived from it. */
export interface ItemFields {
  ref: string
  title_en: string
  title_zh: string | null
  title_ru: string | null
  description_en: string | null
  source: string | null
  strategy_id: string
  pillar_id: string | null
  area_id: string | null
  status: string
  start_year: number | null
  end_year: number | null
  cost_kusd: number | null
  secured_kusd: number | null
  strategic_importance: number | null
  ease_of_implementation: number | null
  partners: string[]
  proposers: string[]
  modalities: string[]
}

/** The stored columns that follow from the others; app code keeps them so both databases index them. */
export function itemColumns(fields: ItemFields) {
  const { proposers, modalities, partners, ...columns } = fields
  return {
    ...columns,
    partners: partners.join(';'),
    gap_kusd: gapOf(fields.cost_kusd, fields.secured_kusd),
    quadrant: quadrantOf(fields.strategic_importance, fields.ease_of_implementation),
    proposers_key: proposers.join(';'),
    modalities_key: modalities.join(';'),
    search_text: [fields.ref, fields.title_en, fields.title_zh, fields.title_ru].filter(Boolean).join('\n').toLowerCase(),
  } satisfies Partial<ItemsTable>
}

async function writeLists(db: DB, itemId: string, fields: Pick<ItemFields, 'proposers' | 'modalities'>) {
  await db.deleteFrom('item_proposers').where('item_id', '=', itemId).execute()
  await db.deleteFrom('item_modalities').where('item_id', '=', itemId).execute()
  if (fields.proposers.length) {
    await db.insertInto('item_proposers').values(fields.proposers.map((country_code, position) => ({ item_id: itemId, country_code, position }))).execute()
  }
  if (fields.modalities.length) {
    await db.insertInto('item_modalities').values(fields.modalities.map((type_code, position) => ({ item_id: itemId, type_code, position }))).execute()
  }
}

export async function insertItem(db: DB, fields: ItemFields, by: string | null, now: string): Promise<string> {
  const id = randomUUID()
  await db
    .insertInto('items')
    .values({ id, ...itemColumns(fields), archived: 0, version: 1, created_at: now, created_by: by, updated_at: now, updated_by: by })
    .execute()
  await writeLists(db, id, fields)
  return id
}

/** Writes new values if the item is still at `expectedVersion`; false when someone saved in between. */
export async function updateItemFields(db: DB, id: string, fields: ItemFields, expectedVersion: number, by: string | null, now: string): Promise<boolean> {
  const result = await db
    .updateTable('items')
    .set({ ...itemColumns(fields), version: expectedVersion + 1, updated_at: now, updated_by: by })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  await writeLists(db, id, fields)
  return true
}

// ---------------------------------------------------------------------------------------------
// Reading

function itemSelect(db: DB) {
  return db
    .selectFrom('items as i')
    .innerJoin('strategies as s', 's.id', 'i.strategy_id')
    .leftJoin('pillars as p', 'p.id', 'i.pillar_id')
    .leftJoin('areas as a', 'a.id', 'i.area_id')
    .leftJoin('users as u', 'u.id', 'i.updated_by')
    .select([
      'i.id', 'i.ref', 'i.title_en', 'i.title_zh', 'i.title_ru', 'i.description_en', 'i.source', 'i.status',
      'i.start_year', 'i.end_year', 'i.cost_kusd', 'i.secured_kusd', 'i.gap_kusd', 'i.strategic_importance',
      'i.ease_of_implementation', 'i.quadrant', 'i.partners', 'i.archived', 'i.version', 'i.created_at',
      'i.updated_at', 'i.strategy_id', 'i.pillar_id', 'i.area_id',
      's.name as strategy', 'p.name as pillar', 'a.name as area', 'u.name as updated_by_name',
    ])
}
type ItemSelectRow = Awaited<ReturnType<ReturnType<typeof itemSelect>['executeTakeFirstOrThrow']>>

async function withLists(db: DB, rows: ItemSelectRow[]): Promise<ItemView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [proposers, modalities] = await Promise.all([
    db.selectFrom('item_proposers').select(['item_id', 'country_code as code']).where('item_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('item_modalities').select(['item_id', 'type_code as code']).where('item_id', 'in', ids).orderBy('position').execute(),
  ])
  const group = (list: Array<{ item_id: string; code: string }>) => {
    const map = new Map<string, string[]>()
    for (const { item_id, code } of list) map.set(item_id, [...(map.get(item_id) ?? []), code])
    return map
  }
  const proposersOf = group(proposers)
  const modalitiesOf = group(modalities)
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    strategy: r.strategy,
    strategy_id: r.strategy_id,
    pillar: r.pillar,
    pillar_id: r.pillar_id,
    area: r.area,
    area_id: r.area_id,
    title_en: r.title_en,
    title_zh: r.title_zh,
    title_ru: r.title_ru,
    modalities: modalitiesOf.get(r.id) ?? [],
    proposers: proposersOf.get(r.id) ?? [],
    status: r.status,
    start_year: r.start_year,
    end_year: r.end_year,
    cost_usd_m: kusdToMillion(r.cost_kusd),
    secured_usd_m: kusdToMillion(r.secured_kusd),
    gap_usd_m: kusdToMillion(r.gap_kusd),
    partners: splitList(r.partners),
    strategic_importance: r.strategic_importance,
    ease_of_implementation: r.ease_of_implementation,
    quadrant: r.quadrant as Quadrant,
    description_en: r.description_en,
    source: r.source,
    archived: Number(r.archived) === 1,
    version: r.version,
    created_at: r.created_at,
    updated_at: r.updated_at,
    updated_by_name: r.updated_by_name,
  }))
}

export async function getItemByRef(db: DB, ref: string): Promise<ItemView | null> {
  const row = await itemSelect(db).where('i.ref', '=', ref).executeTakeFirst()
  if (!row) return null
  const [item] = await withLists(db, [row])
  return item ?? null
}

export async function getItemsByRefs(db: DB, refs: string[]): Promise<ItemView[]> {
  if (refs.length === 0) return []
  return withLists(db, await itemSelect(db).where('i.ref', 'in', refs).execute())
}

/** Escapes LIKE wildcards so a search for "100%" means the text "100%". */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function likePattern(text: string): string {
  return `%${escapeLike(text.toLowerCase())}%`
}

/**
 * Whether a code can be found in a ';'-joined key column by plain substring: true when no code of
 * the vocabulary contains another one or the separator (3-letter country codes; the modality
 * names). Otherwise the key is matched with its separators, which is exact for any codes.
 */
function substringSafe(codes: readonly string[]): boolean {
  return codes.every((a) => !a.includes(';') && codes.every((b) => a === b || !a.includes(b)))
}
const KEY_SUBSTRING_SAFE = { 'i.proposers_key': substringSafe(COUNTRY_CODES), 'i.modalities_key': substringSafe(MODALITIES) }

/**
 * "The item has one of these codes", read from the ';'-joined key the item row carries (written
 * with item_proposers / item_modalities by the same code, see itemColumns). The key is in the
 * filter index, so the test needs no table row; the EXISTS on the link table it replaces cost two
 * index look-ups per candidate row.
 */
function keyHasAny(column: 'i.proposers_key' | 'i.modalities_key', codes: readonly string[]) {
  const safe = KEY_SUBSTRING_SAFE[column]
  const subject = safe ? sql.ref(column) : sql`(';' || ${sql.ref(column)} || ';')`
  const tests = codes.map((code) => sql`${subject} like ${safe ? `%${escapeLike(code)}%` : `%;${escapeLike(code)};%`} escape '\\'`)
  return sql<boolean>`(${sql.join(tests, sql` or `)})`
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
type Access = 'ordered' | 'filtered' | 'scan'

const INTEGER_COLUMNS = new Set<keyof ItemsTable>(['start_year', 'end_year', 'cost_kusd', 'secured_kusd', 'gap_kusd'])

/** A column as a sort or group term: as is for an ordered read, else wrapped in a no-op (`|| ''` keeps a text column's collation on both databases). */
function columnTerm(column: keyof ItemsTable, access: Access) {
  const ref = sql.ref(`i.${column}`)
  if (access === 'ordered') return ref
  return INTEGER_COLUMNS.has(column) ? sql`${ref} + 0` : sql`${ref} || ''`
}

/**
 * What a page is read from: the view's filters, or, once a text search has found few items, just
 * those items by ref (`found`), so the table is searched once, not once to count and once more
 * to read the page.
 */
interface Scope {
  query: ListQuery
  found: readonly string[] | null
}

/** A search finding at most this many items has them looked up by ref afterwards. */
const FOUND_LIMIT = 500

function hasRowFilters({ query, found }: Scope): boolean {
  const { q, strategy, pillar, area, status, quadrant, proposers, modalities } = query
  return found !== null || Boolean(q) || [strategy, pillar, area, status, quadrant, proposers, modalities].some((list) => list.length > 0)
}

/** How a text search reads the table: front to back, unless only the few archived items are asked for. */
function searchAccess(query: ListQuery): Access {
  return query.archived === 'exclude' ? 'scan' : 'filtered'
}

/** How to count (and count per value): from an index, unless a text search needs every row. */
function countAccess(scope: Scope): Access {
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyFilters<O>(qb: SelectQueryBuilder<Database & { i: ItemsTable }, 'i' | any, O>, scope: Scope, access: Access = 'ordered') {
  const { query, found } = scope
  let q = qb
  // The found items passed every filter, archived included.
  if (found !== null) return q.where('i.ref', 'in', found.length > 0 ? [...found] : [''])
  const archived = access === 'scan' ? sql`+i.archived` : sql.ref('i.archived')
  if (query.archived === 'exclude') q = q.where(sql<boolean>`${archived} = ${0}`)
  if (query.archived === 'only') q = q.where(sql<boolean>`${archived} = ${1}`)
  if (query.q) q = q.where(sql<boolean>`i.search_text like ${likePattern(query.q)} escape '\\'`)
  if (query.strategy.length) q = q.where('i.strategy_id', 'in', (eb) => eb.selectFrom('strategies').select('id').where('name', 'in', query.strategy))
  if (query.pillar.length) q = q.where('i.pillar_id', 'in', (eb) => eb.selectFrom('pillars').select('id').where('name', 'in', query.pillar))
  if (query.area.length) q = q.where('i.area_id', 'in', (eb) => eb.selectFrom('areas').select('id').where('name', 'in', query.area))
  if (query.status.length) q = q.where('i.status', 'in', query.status)
  if (query.quadrant.length) q = q.where('i.quadrant', 'in', query.quadrant)
  if (query.proposers.length) q = q.where(keyHasAny('i.proposers_key', query.proposers))
  if (query.modalities.length) q = q.where(keyHasAny('i.modalities_key', query.modalities))
  return q
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
type SortPlan =
  | { kind: 'range'; column: keyof ItemsTable; nullable: boolean }
  | { kind: 'groups'; column: keyof ItemsTable; names?: 'strategies' | 'pillars' | 'areas' }

const SORTS: Record<SortKey, SortPlan> = {
  ref: { kind: 'range', column: 'ref', nullable: false },
  title_en: { kind: 'range', column: 'title_en', nullable: false },
  strategy: { kind: 'groups', column: 'strategy_id', names: 'strategies' },
  pillar: { kind: 'groups', column: 'pillar_id', names: 'pillars' },
  area: { kind: 'groups', column: 'area_id', names: 'areas' },
  modalities: { kind: 'groups', column: 'modalities_key' },
  proposers: { kind: 'range', column: 'proposers_key', nullable: false },
  status: { kind: 'groups', column: 'status' },
  start_year: { kind: 'groups', column: 'start_year' },
  end_year: { kind: 'groups', column: 'end_year' },
  cost_usd_m: { kind: 'range', column: 'cost_kusd', nullable: true },
  secured_usd_m: { kind: 'range', column: 'secured_kusd', nullable: true },
  gap_usd_m: { kind: 'range', column: 'gap_kusd', nullable: true },
  quadrant: { kind: 'groups', column: 'quadrant' },
  updated_at: { kind: 'range', column: 'updated_at', nullable: false },
}

export interface ItemPage {
  items: ItemView[]
  total: number
  page: number
  pageSize: number
}

type GroupValue = string | number
interface Group {
  /** the column values of the group; null for the items without a value */
  values: GroupValue[] | null
  n: number
}

/** The refs of one page, and the number of matching items, for a `range` sort. */
async function pageByRange(db: DB, scope: Scope, plan: Extract<SortPlan, { kind: 'range' }>, descending: boolean, offset: number, limit: number) {
  const column = sql.ref(`i.${plan.column}`)
  const filtered = (access: Access) => applyFilters(db.selectFrom('items as i'), scope, access)
  const count = async (qb: ReturnType<typeof filtered>) =>
    Number((await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  if (scope.found === null && scope.query.q) {
    // A search that found many: one read of the table gives the page and, alongside, the count.
    // (Walking a sort index instead is quick only if the matches are spread along it, and a
    // search often is not: "ene-" matches a block of refs that a ref-ordered walk reaches last.)
    const access = searchAccess(scope.query)
    let read = filtered(access).select(['i.ref', (eb) => eb.fn.countAll<number>().over().as('total')])
    if (plan.nullable) read = read.orderBy(sql`case when ${column} is null then 1 else 0 end`)
    read = read.orderBy(columnTerm(plan.column, access), descending ? 'desc' : 'asc')
    if (plan.column !== 'ref') read = read.orderBy(columnTerm('ref', access))
    const rows = await read.limit(limit).offset(offset).execute()
    const total = rows.length > 0 ? Number(rows[0]!.total) : offset > 0 ? await count(filtered(access)) : 0
    return { refs: rows.map((r) => r.ref), total }
  }

  const total = scope.found?.length ?? (await count(filtered(countAccess(scope))))
  if (offset >= total) return { refs: [], total }
  const access = pageAccess(scope, total, offset + limit)
  let head = filtered(access).select('i.ref')
  if (plan.nullable) head = head.where(sql<boolean>`${column} is not null`)
  head = head.orderBy(columnTerm(plan.column, access), descending ? 'desc' : 'asc')
  if (plan.column !== 'ref') head = head.orderBy('i.ref', 'asc')
  const refs = (await head.limit(limit).offset(offset).execute()).map((r) => r.ref)
  if (plan.nullable && refs.length < limit && offset + refs.length < total) {
    // The values ran out on this page (or before it): continue with the items without one.
    const withValue = refs.length > 0 ? offset + refs.length : await count(filtered(countAccess(scope)).where(sql<boolean>`${column} is not null`))
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
async function groupsInOrder(db: DB, scope: Scope, plan: Extract<SortPlan, { kind: 'groups' }>, descending: boolean): Promise<Group[]> {
  const access = countAccess(scope)
  const term = columnTerm(plan.column, access)
  const direction = descending ? 'desc' : 'asc'
  let counted = applyFilters(db.selectFrom('items as i'), scope, access)
    .select([sql<GroupValue | null>`${term}`.as('k'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(term)
  if (!plan.names) counted = counted.orderBy(term, direction)
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
      .where('id', 'in', groups.map((g) => String(g.values![0])))
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
  if (empty) groups.push({ values: null, n: empty.n })
  return groups
}

/** The refs of one page, and the number of matching items, for a `groups` sort. */
async function pageByGroups(db: DB, scope: Scope, plan: Extract<SortPlan, { kind: 'groups' }>, descending: boolean, offset: number, limit: number) {
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
    const ranks = groups.flatMap((g, index) => (g.values ?? []).map((value) => sql`when ${value} then ${sql.lit(index)}`))
    let read = applyFilters(db.selectFrom('items as i'), scope, access).select('i.ref')
    if (ranks.length > 0) read = read.orderBy(sql`case ${column} ${sql.join(ranks, sql` `)} else ${sql.lit(groups.length)} end`)
    const rows = await read
      .orderBy(columnTerm('ref', access))
      .limit(limit)
      .offset(offset)
      .execute()
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
    const rows = await applyFilters(db.selectFrom('items as i'), scope).select('i.ref').where(inGroup).orderBy('i.ref', 'asc').limit(take).offset(skip).execute()
    refs.push(...rows.map((r) => r.ref))
  }
  return { refs, total }
}

/**
 * One page of the portfolio: filters, sort and paging all run in the database. Ordered by the
 * sort column with empty values last in both directions, ties by ref ascending, the same on
 * SQLite and PostgreSQL. The page's refs are found first through narrow (mostly index-only)
 * reads; only those rows are then read in full. Timings and reasoning: docs/performance.md.
 */
export async function listItems(db: DB, query: ListQuery): Promise<ItemPage> {
  const { key, descending } = sortOf(query)
  const plan = SORTS[key]
  const offset = (query.page - 1) * query.pageSize
  const scope: Scope = { query, found: null }
  if (query.q) {
    // One pass over the table: if the search finds few items, the rest works on those by ref.
    const rows = await applyFilters(db.selectFrom('items as i'), scope, searchAccess(query)).select('i.ref').limit(FOUND_LIMIT + 1).execute()
    if (rows.length <= FOUND_LIMIT) scope.found = rows.map((r) => r.ref)
  }
  const { refs, total } =
    plan.kind === 'range'
      ? await pageByRange(db, scope, plan, descending, offset, query.pageSize)
      : await pageByGroups(db, scope, plan, descending, offset, query.pageSize)
  if (refs.length === 0) return { items: [], total, page: query.page, pageSize: query.pageSize }
  const rows = await itemSelect(db).where('i.ref', 'in', refs).execute()
  const position = new Map(refs.map((ref, index) => [ref, index]))
  rows.sort((a, b) => position.get(a.ref)! - position.get(b.ref)!)
  return { items: await withLists(db, rows), total, page: query.page, pageSize: query.pageSize }
}

// ---------------------------------------------------------------------------------------------
// Writing from the form

export type SaveOutcome =
  | { kind: 'saved'; ref: string }
  | { kind: 'invalid'; fieldErrors: Record<string, string[]> }
  | { kind: 'conflict'; current: ItemView; changes: FieldChange[] }
  | { kind: 'not_found' }

export interface FieldChange {
  field: EditableField
  before: unknown
  after: unknown
}

function fieldsFromForm(input: ItemInput, source: string | null): ItemFields {
  return {
    ref: input.ref,
    title_en: input.title_en,
    title_zh: input.title_zh || null,
    title_ru: input.title_ru || null,
    description_en: input.description_en || null,
    source,
    strategy_id: input.strategy_id,
    pillar_id: input.pillar_id || null,
    area_id: input.area_id || null,
    status: input.status,
    start_year: input.start_year ?? null,
    end_year: input.end_year ?? null,
    cost_kusd: input.cost_usd_m ?? null,
    secured_kusd: input.secured_usd_m ?? null,
    strategic_importance: input.strategic_importance ?? null,
    ease_of_implementation: input.ease_of_implementation ?? null,
    partners: splitList(input.partners?.replace(/,/g, ';')),
    proposers: [...new Set(input.proposers)],
    modalities: [...new Set(input.modalities)],
  }
}

async function checkForm(db: DB, actor: Actor, input: ItemInput, ownId: string | null): Promise<Record<string, string[]> | null> {
  const taxonomyFault = await checkTaxonomyIds(db, input)
  if (taxonomyFault) return { [taxonomyFault.field]: ['validation.taxonomy'] }
  const sameRef = await db.selectFrom('items').select('id').where('ref', '=', input.ref).executeTakeFirst()
  if (sameRef && sameRef.id !== ownId) return { ref: ['validation.refTaken'] }
  // A working group member may only save items that stay proposed by one of their countries.
  if (!can(actor, 'item:edit', { proposers: input.proposers })) return { proposers: ['validation.proposersOwnCountry'] }
  return null
}

export async function createItem(db: DB, actor: Actor, input: ItemInput): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    const fieldErrors = await checkForm(trx, actor, input, null)
    if (fieldErrors) return { kind: 'invalid', fieldErrors }
    await insertItem(trx, fieldsFromForm(input, null), actor.id, nowIso())
    return { kind: 'saved', ref: input.ref }
  })
}

/** What changed between the version the user started from and the one stored now. */
export function changesBetween(before: Partial<Record<EditableField, unknown>>, after: ItemView): FieldChange[] {
  return EDITABLE_FIELDS.filter((field) => field in before && JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)).map(
    (field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }),
  )
}

export function baselineOf(item: ItemView): Record<EditableField, unknown> {
  return Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, item[field]])) as Record<EditableField, unknown>
}

function parseBaseline(text: string | null): Partial<Record<EditableField, unknown>> {
  if (!text) return {}
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<EditableField, unknown>) : {}
  } catch {
    return {}
  }
}

/**
 * Saves an edit made from `input.version`. If someone saved since, nothing is written and the
 * outcome lists what they changed (against `baseline`, the values the form was opened with).
 */
export async function updateItem(db: DB, actor: Actor, ref: string, input: ItemInput, baseline: string | null): Promise<SaveOutcome> {
  const outcome = await db.transaction().execute(async (trx): Promise<SaveOutcome | { kind: 'stale' }> => {
    const current = await trx.selectFrom('items').select(['id', 'version', 'source']).where('ref', '=', ref).executeTakeFirst()
    if (!current) return { kind: 'not_found' }
    const expected = input.overwrite_version ?? input.version ?? current.version
    if (expected !== current.version) return { kind: 'stale' }
    const fieldErrors = await checkForm(trx, actor, input, current.id)
    if (fieldErrors) return { kind: 'invalid', fieldErrors }
    const saved = await updateItemFields(trx, current.id, fieldsFromForm(input, current.source), expected, actor.id, nowIso())
    return saved ? { kind: 'saved', ref: input.ref } : { kind: 'stale' }
  })
  if (outcome.kind !== 'stale') return outcome
  const current = await getItemByRef(db, ref)
  if (!current) return { kind: 'not_found' }
  return { kind: 'conflict', current, changes: changesBetween(parseBaseline(baseline), current) }
}

export async function setArchived(db: DB, actor: Actor, ref: string, archived: boolean): Promise<'done' | 'not_found'> {
  const result = await db
    .updateTable('items')
    .set((eb) => ({ archived: archived ? 1 : 0, version: eb('version', '+', 1), updated_at: nowIso(), updated_by: actor.id }))
    .where('ref', '=', ref)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1 ? 'done' : 'not_found'
}

/** The proposers of an item, for permission checks before anything else is read. */
export async function getItemScope(db: DB, ref: string): Promise<{ id: string; proposers: string[]; archived: boolean } | null> {
  const item = await db.selectFrom('items').select(['id', 'archived']).where('ref', '=', ref).executeTakeFirst()
  if (!item) return null
  const proposers = await db.selectFrom('item_proposers').select('country_code').where('item_id', '=', item.id).orderBy('position').execute()
  return { id: item.id, archived: Number(item.archived) === 1, proposers: proposers.map((p) => p.country_code) }
}
