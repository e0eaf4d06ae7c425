import { setImmediate as nextTurn } from 'node:timers/promises'
import { sql, type RawBuilder } from 'kysely'
import type { DB } from '../../db/schema'
import { partnerInterestOf } from '../cofinancing/cofinancing.server'
import type { ListedItem } from './item-view'
import type { Field } from './fields'
import { fieldReader, type FieldRow } from './field-rows.server'
import { getItemsByRefsFromKeys } from './items.server'
import {
  applyFilters,
  columnTerm,
  countAccess,
  groupsInOrder,
  hasRowFilters,
  scopeOf,
  SORTS,
  type Access,
  type Scope,
  type SortPlan,
} from './list.server'
import { sortOf, type ListQuery } from './list-query'

// Every item of a view in the table's order, a batch at a time, for the reads that take a whole
// view (exports, bulk actions, meeting agendas). Each batch continues after the last row given
// (keyset), never at an offset, so its cost does not grow with how far the read has gone, and
// only one batch is held. docs/decisions/0040-keyset-exports.md; figures in docs/performance.md.

/** Items a batch of the whole-view reads fetches at once. */
export const BATCH_SIZE = 1000

/**
 * The order is a sequence of segments read one after the other, each a set of rows in an order an
 * (archived, column, ref) index gives: for a `range` sort, the items with a value (by value, then
 * ref) then those without (by ref); for a `groups` sort, each group by ref, in the groups' order
 * (listItems' groupsInOrder), the group without a value last. The same order as listItems':
 * empty values last in both directions, ties by ref ascending.
 */
interface Segment {
  /** which rows; null: all of the view */
  rows: ((access: Access) => RawBuilder<boolean>) | null
  /** ordered by this column (then ref ascending), or by ref alone when null */
  by: { column: SortPlan['column']; descending: boolean } | null
}

type SortValue = string | number
/** Where the last batch ended in a segment: the last row's sort value (for `by` segments) and ref. */
interface Cursor {
  value: SortValue | null
  ref: string
}

async function segmentsOf(db: DB, scope: Scope): Promise<Segment[]> {
  const { key, descending } = sortOf(scope.query)
  const plan = SORTS[key]
  // In a `filtered` read every column is wrapped (columnTerm), so no sort index is taken for it.
  const term = (access: Access) => columnTerm(plan.column, access)
  if (plan.kind === 'range') {
    const valued: Segment = {
      rows: plan.nullable ? (access) => sql<boolean>`${term(access)} is not null` : null,
      by: plan.column === 'ref' && !descending ? null : { column: plan.column, descending },
    }
    if (!plan.nullable) return [valued]
    return [valued, { rows: (access) => sql<boolean>`${term(access)} is null`, by: null }]
  }
  const groups = await groupsInOrder(db, scope, plan, descending)
  return groups.map(({ values }) => ({
    rows: (access: Access) => {
      if (values === null) return sql<boolean>`${term(access)} is null`
      if (values.length === 1) return sql<boolean>`${term(access)} = ${values[0]}`
      return sql<boolean>`${term(access)} in (${sql.join(values)})`
    },
    by: null,
  }))
}

/**
 * How the batches find their rows. `ordered` walks the sort index from the cursor, checking the
 * filters on the way: a batch reads about (batch size / share of items matching) rows wherever it
 * is, and the whole read touches each row of the index range once. `filtered` reads the matches
 * from the filter index and sorts those after the cursor: cheaper while the matches are few, but
 * each batch reads them all, so it is taken only for a view of a few batches.
 */
const FILTERED_BATCHES = 5

async function accessOf(db: DB, scope: Scope, batchSize: number): Promise<Access> {
  if (scope.found !== null) return 'filtered'
  // A text search is read through the sort index too: scanning the table for each batch would
  // read it whole every time.
  if (!hasRowFilters(scope) || scope.query.q) return 'ordered'
  const access = countAccess(scope)
  const { n } = await applyFilters(db, db.selectFrom('items as i'), scope, access)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n) <= FILTERED_BATCHES * batchSize ? 'filtered' : 'ordered'
}

/** The segment's rows after the cursor, in its order, at most `limit`: a query selecting `ref` and the sort value `k`. */
function segmentQuery(
  db: DB,
  scope: Scope,
  access: Access,
  segment: Segment,
  cursor: Cursor | null,
  limit: number,
) {
  const ref = columnTerm('ref', access)
  let qb = applyFilters(db, db.selectFrom('items as i'), scope, access)
  if (segment.rows) qb = qb.where(segment.rows(access))
  const by = segment.by
  if (!by || by.column === 'ref') {
    // By ref alone, ascending (or descending for `-ref`): the ref is the whole key.
    const descending = by?.descending ?? false
    if (cursor) qb = qb.where(sql<boolean>`${ref} ${descending ? sql`<` : sql`>`} ${cursor.ref}`)
    return qb
      .select(['i.ref', sql<SortValue | null>`null`.as('k')])
      .orderBy(ref, descending ? 'desc' : 'asc')
      .limit(limit)
  }
  const term = columnTerm(by.column, access)
  const [after, from] = by.descending ? [sql`<`, sql`<=`] : [sql`>`, sql`>=`]
  if (cursor) {
    // "after (value, ref)" with the value in either direction and the ref ascending, written so
    // that the value alone bounds an index range: value >= v and (value > v or ref > r).
    qb = qb.where(
      sql<boolean>`${term} ${from} ${cursor.value} and (${term} ${after} ${cursor.value} or ${ref} > ${cursor.ref})`,
    )
  }
  return qb
    .select(['i.ref', sql<SortValue | null>`${sql.ref(`i.${by.column}`)}`.as('k')])
    .orderBy(term, by.descending ? 'desc' : 'asc')
    .orderBy(ref, 'asc')
    .limit(limit)
}

/** Up to `limit` refs of a segment after the cursor, with each one's sort value. */
async function readSegment(
  db: DB,
  scope: Scope,
  access: Access,
  segment: Segment,
  cursor: Cursor | null,
  limit: number,
): Promise<Cursor[]> {
  const { query } = scope
  if (access !== 'ordered' || scope.found !== null || query.archived !== 'include') {
    const rows = await segmentQuery(db, scope, access, segment, cursor, limit).execute()
    return rows.map((r) => ({ value: r.k, ref: r.ref }))
  }
  // Every sort index leads with `archived`, so the whole register (archived included) is in no
  // index order: read the batch from the live and the archived items apart, each in index order,
  // and merge the two (at most twice the batch) in the database, in its own collation.
  const part = (archived: 'exclude' | 'only') =>
    segmentQuery(db, { ...scope, query: { ...query, archived } }, access, segment, cursor, limit)
  const by = segment.by
  const descending = by?.descending ?? false
  let merged = db
    .selectFrom(
      sql<{
        ref: string
        k: SortValue | null
      }>`(select * from (${part('exclude')}) as l union all select * from (${part('only')}) as a)`.as('u'),
    )
    .select(['u.ref', 'u.k'])
  if (by && by.column !== 'ref') merged = merged.orderBy(sql.ref('u.k'), descending ? 'desc' : 'asc')
  const rows = await merged
    .orderBy(sql.ref('u.ref'), by?.column === 'ref' && descending ? 'desc' : 'asc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ value: r.k, ref: r.ref }))
}

/**
 * The refs of every item of a view, in the view's order, one batch at a time: what eachItemBatch
 * and the exports' narrow reads (eachRowBatch) read their rows by. Yields to the event loop after
 * each batch has been used.
 */
async function* eachRefBatch(db: DB, query: ListQuery, batchSize: number): AsyncGenerator<string[]> {
  const scope = await scopeOf(db, query)
  const access = await accessOf(db, scope, batchSize)
  const segments = await segmentsOf(db, scope)
  let index = 0
  let cursor: Cursor | null = null
  while (index < segments.length) {
    const refs: string[] = []
    while (refs.length < batchSize && index < segments.length) {
      const want = batchSize - refs.length
      const rows = await readSegment(db, scope, access, segments[index]!, cursor, want)
      refs.push(...rows.map((r) => r.ref))
      if (rows.length < want) {
        // this segment is done: the next one starts at its beginning
        index++
        cursor = null
      } else cursor = rows[rows.length - 1]!
    }
    if (refs.length === 0) return
    yield refs
    // SQLite answers synchronously, so without this a whole read would be one turn of the event
    // loop: no other request, and no I/O of this one (a download's bytes, the zip's compression),
    // until the end.
    await nextTurn()
  }
}

/**
 * Every item of a view, in the view's order, one batch at a time: so an export of 100,000 items
 * holds one batch in memory, and each batch costs the same however deep into the view it is.
 * The batches are separate reads, not one snapshot (a read transaction held for a long export
 * would, on SQLite, stop every other request of the app meanwhile): an item edited during the
 * read so that it moves from after the cursor to before it is missed, and one moved from before
 * to after it is given twice. Only an edit of the sort column (or the ref) moves an item.
 */
export async function* eachItemBatch(
  db: DB,
  query: ListQuery,
  batchSize = BATCH_SIZE,
): AsyncGenerator<ListedItem[]> {
  for await (const refs of eachRefBatch(db, query, batchSize)) {
    const items = await getItemsByRefsFromKeys(db, refs)
    const interest = await partnerInterestOf(
      db,
      items.map((item) => item.id),
    )
    // Given its interest in place: a copy of each 45-key item was a large part of an export's time.
    const listed = items as ListedItem[]
    for (const item of listed) item.interest = interest.get(item.id) ?? []
    yield listed
  }
}

/**
 * Every item of a view as eachItemBatch gives it, but only `fields` of each (and its partner
 * interest when `interest` is asked): for the exports, which write a few of an item's ~45 columns
 * (docs/decisions/0061). The same values as eachItemBatch's for those fields (a test holds them
 * equal).
 */
export async function* eachRowBatch(
  db: DB,
  query: ListQuery,
  fields: readonly Field[],
  options: { interest: boolean },
  batchSize = BATCH_SIZE,
): AsyncGenerator<FieldRow[]> {
  const read = fieldReader(fields, options)
  for await (const refs of eachRefBatch(db, query, batchSize)) yield await read(db, refs)
}
