import { sql, type ExpressionBuilder } from 'kysely'
import type { Database, DashboardTalliesTable, DB } from '../../db/schema'
import { STAGES, type Stage } from '../cofinancing/schema'
import {
  COUNTRY_CODES,
  MODALITIES,
  QUADRANTS,
  STATUSES,
  type Quadrant,
  type Status,
} from '../portfolio/codes'
import { interestOf, type ListQuery } from '../portfolio/list-query'
import { itemsOfView, viewHasRowFilters } from '../portfolio/list.server'
import { cachedFigures } from './figures-cache.server'
import { searchFiguresServe, searchViewRows, type RowsNow } from './search-figures.server'
import { perCode } from './view-rows'
import { changesTallied, codesOfMask, setTallied, setTalliesOf, tallied, talliesOf } from './tallies.server'

// The dashboard's figures: aggregates of one portfolio view (the table's filters), each computed
// by the database with GROUP BY over the same filter code as the table (itemsOfView), so a bar's
// count is the count of the table its link opens. Amounts are integer thousands of USD, as
// stored; sums are exact on both databases. Figures at 100,000 items: docs/performance.md.

/** Items and their amounts; an item without a cost adds nothing to cost or gap. */
export interface Totals {
  items: number
  cost_kusd: number
  secured_kusd: number
  gap_kusd: number
}

export const ZERO: Totals = { items: 0, cost_kusd: 0, secured_kusd: 0, gap_kusd: 0 }

function add(a: Totals, b: Totals): Totals {
  return {
    items: a.items + b.items,
    cost_kusd: a.cost_kusd + b.cost_kusd,
    secured_kusd: a.secured_kusd + b.secured_kusd,
    gap_kusd: a.gap_kusd + b.gap_kusd,
  }
}

export interface PillarTotals extends Totals {
  /** null: the items filed under the strategy only */
  pillar: string | null
}
export interface StrategyTotals extends Totals {
  strategy: string
  pillars: PillarTotals[]
}

export interface Overview {
  total: Totals
  /** every status, in workflow order */
  byStatus: Array<Totals & { status: Status }>
  byStrategy: StrategyTotals[]
  /** every country; an item with several proposers is in each of its countries' rows */
  byCountry: Array<Totals & { country: string }>
  /** items with no proposer (counted in the total, under no country) */
  noCountry: Totals
  byType: Array<Totals & { modality: string }>
  noType: Totals
  /** live co-financing flags by organisation and stage: the flags' items and indicative amounts */
  interest: Array<{ organisation: string; stage: Stage; items: number; amount_kusd: number }>
  /** whether the view's own partner-interest filter keeps interest links exact (see interestRows) */
  interestLinked: boolean
  byQuadrant: Array<{ quadrant: Quadrant; items: number }>
  /** ascending; null (no start year) last */
  byStartYear: Array<{ year: number | null; items: number }>
  statusOverTime: StatusOverTime
}

export interface StatusOverTime {
  /** YYYY-MM, oldest first; the last is the current month */
  months: string[]
  /** per status, the items in it at the end of each month (the current month: now) */
  counts: Record<Status, number[]>
}

const n = (value: unknown) => Number(value ?? 0)

function totalsOf(row: { items: unknown; cost: unknown; secured: unknown; gap: unknown }): Totals {
  return { items: n(row.items), cost_kusd: n(row.cost), secured_kusd: n(row.secured), gap_kusd: n(row.gap) }
}

/** Count and sums of the view's items, grouped by `column` (a column of `items as i`). */
function totalsBy<C extends 'i.proposers_key' | 'i.modalities_key'>(db: DB, query: ListQuery, column: C) {
  return itemsOfView(db, query)
    .select((eb) => [
      sql<string | null>`${sql.ref(column)}`.as('k'),
      eb.fn.countAll<number>().as('items'),
      eb.fn.sum<number>('i.cost_kusd').as('cost'),
      eb.fn.sum<number>('i.secured_kusd').as('secured'),
      eb.fn.sum<number>('i.gap_kusd').as('gap'),
    ])
    .groupBy(column)
    .execute()
}

/** Splits per-key totals of a ';'-joined list column into one row per code (an item counts under each of its codes). */
function splitKeys(
  rows: Array<{ k: string | null; items: unknown; cost: unknown; secured: unknown; gap: unknown }>,
  codes: readonly string[],
): { by: Map<string, Totals>; none: Totals } {
  // An item counts under each of its codes; the view's own filter on the column keeps only its
  // codes (an item proposed by KAZ and UZB in a view of KAZ is not a UZB row: no link could
  // open "KAZ items that UZB also proposes").
  const by = new Map<string, Totals>(codes.map((code) => [code, ZERO]))
  let none = ZERO
  for (const row of rows) {
    const totals = totalsOf(row)
    if (!row.k) none = add(none, totals)
    else
      for (const code of new Set(row.k.split(';'))) if (by.has(code)) by.set(code, add(by.get(code)!, totals))
  }
  return { by, none }
}

/** The months of the status-over-time chart: `count` months ending with the month of `now`. */
export function monthsUpTo(now: Date, count: number): string[] {
  const months: string[] = []
  const year = now.getUTCFullYear()
  const month = now.getUTCMonth()
  for (let k = count - 1; k >= 0; k--) {
    const d = new Date(Date.UTC(year, month - k, 1))
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`)
  }
  return months
}

export const HISTORY_MONTHS = 24

type ChangeCount = { month: string; from_status: string | null; to_status: string; n: number }

/**
 * The status changes after `after` (a month) of the view's items, counted per month and change.
 * A view that filters nothing but archived items is "every change, less those of the items the
 * view leaves out", and those (archived ones, about 5%) are few: no test of each change against
 * the view's 95,000 ids then (docs/performance.md, "Dashboard").
 */
async function windowChanges(db: DB, query: ListQuery, after: string): Promise<ChangeCount[]> {
  const counted = (items: 'all' | 'archived' | 'view') => {
    let q = db
      .selectFrom('item_status_changes as c')
      .select((eb) => ['c.month', 'c.from_status', 'c.to_status', eb.fn.countAll<number>().as('n')])
      .where('c.month', '>', after)
    if (items === 'archived')
      q = q.where('c.item_id', 'in', (eb) => eb.selectFrom('items').select('id').where('archived', '=', 1))
    if (items === 'view') q = q.where('c.item_id', 'in', itemsOfView(db, query).select('i.id'))
    return q
      .groupBy(['c.month', 'c.from_status', 'c.to_status'])
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, n: n(r.n) })))
  }
  if (viewHasRowFilters(query)) return counted('view')
  if (query.archived === 'include') return counted('all')
  if (query.archived === 'only') return counted('archived')
  const [all, archived] = [await counted('all'), await counted('archived')]
  const key = (r: ChangeCount) => `${r.month}\u0000${r.from_status ?? ''}\u0000${r.to_status}`
  const less = new Map(archived.map((r) => [key(r), r.n]))
  return all.map((r) => ({ ...r, n: r.n - (less.get(key(r)) ?? 0) }))
}

/**
 * Items per status at the end of each month, walking back from the statuses now: the status of
 * an item at the end of month M is its status now, undone by every change after M. Only changes
 * within the window are read (one GROUP BY over item_status_changes), however long the history.
 */
async function statusOverTime(
  db: DB,
  query: ListQuery,
  now: Date,
  current: Record<string, number>,
  counted: ChangeCount[] | null,
): Promise<StatusOverTime> {
  const months = monthsUpTo(now, HISTORY_MONTHS)
  const rows = counted ?? (await windowChanges(db, query, months[0]!))
  const counts = Object.fromEntries(
    STATUSES.map((s) => [s, new Array<number>(months.length).fill(0)]),
  ) as Record<Status, number[]>
  const running: Record<string, number> = { ...current }
  // Changes after the last month shown (a clock behind the data) are undone before it.
  const byMonth = new Map<string, typeof rows>()
  for (const row of rows) byMonth.set(row.month, [...(byMonth.get(row.month) ?? []), row])
  const undo = (month: string) => {
    for (const row of byMonth.get(month) ?? []) {
      running[row.to_status] = (running[row.to_status] ?? 0) - n(row.n)
      if (row.from_status) running[row.from_status] = (running[row.from_status] ?? 0) + n(row.n)
    }
  }
  for (const month of [...byMonth.keys()].filter((m) => m > months[months.length - 1]!)) undo(month)
  for (let k = months.length - 1; k >= 0; k--) {
    for (const status of STATUSES) counts[status][k] = running[status] ?? 0
    undo(months[k]!)
  }
  return { months, counts }
}

/**
 * Partner interest of the view's items. When the view itself is narrowed to some organisations or
 * stages (`interest=any`, `interest_org`, `interest_stage`), only the flags that match count, so a
 * row's link (that organisation and stage) opens exactly its items; under `interest=none` the items
 * have no matching flag and no link could say "this flag, and not that one": no links then.
 */
async function interestRows(db: DB, query: ListQuery, counted: FlagRow[] | null) {
  const interest = interestOf(query)
  const rows = counted ?? (await flagRows(db, query))
  return {
    rows: rows
      .map((r) => ({
        organisation: r.organisation,
        stage: r.stage as Stage,
        items: n(r.items),
        amount_kusd: n(r.amount),
      }))
      .sort(
        (a, b) =>
          a.organisation.localeCompare(b.organisation) || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage),
      ),
    linked: !interest || interest.has,
  }
}

function flagRows(db: DB, query: ListQuery): Promise<FlagRow[]> {
  const interest = interestOf(query)
  let flags = db
    .selectFrom('cofinancing_flags as f')
    .select((eb) => [
      'f.organisation',
      'f.stage',
      eb.fn.countAll<number>().as('items'),
      eb.fn.sum<number>('f.amount_kusd').as('amount'),
    ])
    .where('f.withdrawn', '=', 0)
    // Flags are few beside items: each is looked up in the view by its item's id.
    .where((eb) => eb.exists(itemsOfView(db, query).select('i.id').whereRef('i.id', '=', 'f.item_id')))
  if (interest?.has && interest.organisations.length)
    flags = flags.where('f.organisation', 'in', interest.organisations)
  if (interest?.has && interest.stages.length)
    flags = flags.where('f.stage', 'in', interest.stages as Stage[])
  return flags.groupBy(['f.organisation', 'f.stage']).execute()
}

type CubeRow = {
  status: string
  quadrant: string
  strategy_id: string
  pillar_id: string | null
  /** absent when the items per start year come apart (`Read.years`) */
  start_year?: number | null
  items: unknown
  cost: unknown
  secured: unknown
  gap: unknown
}
type KeyRow = { k: string | null; items: unknown; cost: unknown; secured: unknown; gap: unknown }
type FlagRow = { organisation: string; stage: string; items: unknown; amount: unknown }
interface Read {
  cube: CubeRow[]
  /** items per start year, when the cube has no year */
  years?: Array<{ year: number | null; items: number }>
  countries: KeyRow[]
  types: KeyRow[]
  changes: ChangeCount[] | null
  flags: FlagRow[] | null
}

/**
 * A filtered view's figures in one statement: its items are read once (the common table `v`,
 * which both databases materialise since it is used more than once), and every figure is a GROUP
 * BY over those rows. Read one figure at a time instead, each query found the view's items again,
 * often through an index that lacked a filter's column (docs/performance.md, "Dashboard").
 */
async function readFiltered(db: DB, query: ListQuery, after: string): Promise<Read> {
  return (await readFilteredAt(db, query, after, false)).rows
}

/**
 * readFiltered's rows, and with `versions` the portfolio and search versions read in the same
 * statement (one snapshot on either database), which the rows are exact at (search-figures.server.ts).
 */
async function readFilteredAt(db: DB, query: ListQuery, after: string, versions: boolean): Promise<RowsNow> {
  const interest = interestOf(query)
  const view = itemsOfView(db, query).select([
    'i.id',
    'i.status',
    'i.quadrant',
    'i.strategy_id',
    'i.pillar_id',
    'i.start_year',
    'i.proposers_key',
    'i.modalities_key',
    'i.cost_kusd',
    'i.secured_kusd',
    'i.gap_kusd',
  ])
  const flagTests = [sql`f.withdrawn = ${0}`]
  if (interest?.has && interest.organisations.length)
    flagTests.push(sql`f.organisation in (${sql.join(interest.organisations)})`)
  if (interest?.has && interest.stages.length) flagTests.push(sql`f.stage in (${sql.join(interest.stages)})`)
  const sums = sql`count(*), sum(v.cost_kusd), sum(v.secured_kusd), sum(v.gap_kusd)`
  // The first branch names the columns; y, the integer year, takes its type from the years branch.
  const { rows } = await sql<{
    kind: 'cube' | 'years' | 'proposers' | 'modalities' | 'changes' | 'flags' | 'versions'
    a: string | null
    b: string | null
    c: string | null
    d: string | null
    y: number | null
    items: unknown
    cost: unknown
    secured: unknown
    gap: unknown
  }>`with v as materialized ${view}
select 'cube' as kind, v.status as a, v.quadrant as b, v.strategy_id as c, v.pillar_id as d, null as y,
  count(*) as items, sum(v.cost_kusd) as cost, sum(v.secured_kusd) as secured, sum(v.gap_kusd) as gap
  from v group by v.status, v.quadrant, v.strategy_id, v.pillar_id
union all select 'years', null, null, null, null, v.start_year, count(*), null, null, null from v group by v.start_year
union all select 'proposers', v.proposers_key, null, null, null, null, ${sums} from v group by v.proposers_key
union all select 'modalities', v.modalities_key, null, null, null, null, ${sums} from v group by v.modalities_key
union all select 'changes', ch.month, ch.from_status, ch.to_status, null, null, count(*), null, null, null
  from item_status_changes ch where ch.month > ${after} and ch.item_id in (select v.id from v)
  group by ch.month, ch.from_status, ch.to_status
union all select 'flags', f.organisation, f.stage, null, null, null, count(*), sum(f.amount_kusd), null, null
  from cofinancing_flags f where ${sql.join(flagTests, sql` and `)} and f.item_id in (select v.id from v)
  group by f.organisation, f.stage${
    versions
      ? sql`
union all select 'versions', null, null, null, null, null, pv.version, sv.version, null, null
  from portfolio_version pv, search_version sv where pv.id = ${1} and sv.id = ${1}`
      : sql``
  }`.execute(db)
  const of = (kind: string) => rows.filter((r) => r.kind === kind)
  const sumsOfRow = (r: (typeof rows)[number]) => ({
    items: n(r.items),
    cost: n(r.cost),
    secured: n(r.secured),
    gap: n(r.gap),
  })
  const keyed = (kind: string) => of(kind).map((r) => ({ k: r.a, ...sumsOfRow(r) }))
  const at = of('versions')[0]
  return {
    rows: {
      cube: of('cube').map((r) => ({
        status: r.a!,
        quadrant: r.b!,
        strategy_id: r.c!,
        pillar_id: r.d,
        ...sumsOfRow(r),
      })),
      // The start years apart: with them, the cube's groups were nearly as many as a search's items.
      years: of('years').map((r) => ({ year: r.y == null ? null : n(r.y), items: n(r.items) })),
      countries: keyed('proposers'),
      types: keyed('modalities'),
      changes: of('changes').map((r) => ({ month: r.a!, from_status: r.b, to_status: r.c!, n: n(r.items) })),
      flags: of('flags').map((r) => ({
        organisation: r.a!,
        stage: r.b!,
        items: n(r.items),
        amount: n(r.cost),
      })),
    },
    version: n(at?.items),
    searchVersion: n(at?.cost),
  }
}

/** An unfiltered view's figures: each from an index in its GROUP BY's order (migration 2026_11_30_2100). */
async function readWhole(db: DB, query: ListQuery): Promise<Read> {
  const cube = await itemsOfView(db, query)
    .select((eb) => [
      'i.status',
      'i.quadrant',
      'i.strategy_id',
      'i.pillar_id',
      'i.start_year',
      eb.fn.countAll<number>().as('items'),
      eb.fn.sum<number>('i.cost_kusd').as('cost'),
      eb.fn.sum<number>('i.secured_kusd').as('secured'),
      eb.fn.sum<number>('i.gap_kusd').as('gap'),
    ])
    .groupBy(['i.status', 'i.quadrant', 'i.strategy_id', 'i.pillar_id', 'i.start_year'])
    .execute()
  const countries = await totalsBy(db, query, 'i.proposers_key')
  const types = await totalsBy(db, query, 'i.modalities_key')
  return { cube: cube as CubeRow[], countries, types, changes: null, flags: null }
}

/** The four sums every summary table (dashboard_tallies, dashboard_set_tallies) keeps per row. */
type Summed = Pick<DashboardTalliesTable, 'items' | 'cost_kusd' | 'secured_kusd' | 'gap_kusd'>
const sumsOf = (eb: ExpressionBuilder<Database & { t: Summed }, 't'>) =>
  [
    eb.fn.sum<number>('t.items').as('items'),
    eb.fn.sum<number>('t.cost_kusd').as('cost'),
    eb.fn.sum<number>('t.secured_kusd').as('secured'),
    eb.fn.sum<number>('t.gap_kusd').as('gap'),
  ] as const

/** Live flags by organisation and stage from summary rows (chart 'flag': amounts in cost_kusd). */
function talliedFlags(db: DB, query: ListQuery, sets: boolean): Promise<FlagRow[]> {
  const rows = sets ? setTalliesOf(db, query, 'flag') : talliesOf(db, query, 'flag')
  // Both tables have these columns; the union of their builders has no common select signature.
  return (rows as ReturnType<typeof talliesOf>)
    .select((eb) => [
      't.k1 as organisation',
      't.k2 as stage',
      eb.fn.sum<number>('t.items').as('items'),
      eb.fn.sum<number>('t.cost_kusd').as('amount'),
    ])
    .groupBy(['t.k1', 't.k2'])
    .execute()
}

/**
 * A view filtered only by archiving, publication, status, quadrant or strategy: every figure but
 * partner interest is a sum of summary rows (app/dashboard/tallies.server.ts), a few thousand at
 * most, whatever the number of items (docs/decisions/0038-dashboard-tallies.md).
 */
async function readTallied(db: DB, query: ListQuery, after: string): Promise<Read> {
  const cube = await talliesOf(db, query, 'base')
    .select((eb) => ['t.status', 't.quadrant', 't.strategy_id', 't.k1', ...sumsOf(eb)])
    .groupBy(['t.status', 't.quadrant', 't.strategy_id', 't.k1'])
    .execute()
  const keyed = (chart: 'year' | 'country' | 'type') =>
    talliesOf(db, query, chart)
      .select((eb) => ['t.k1', ...sumsOf(eb)])
      .groupBy('t.k1')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, k: r.k1 || null })))
  const years = await keyed('year')
  const countries = await keyed('country')
  const types = await keyed('type')
  // The change rows are fewer (status only) when they serve; a view of a strategy or quadrant adds
  // up net shifts under those as well (a net change: to_status gains n items, loses them below 0).
  const changes = changesTallied(query)
    ? await talliesOf(db, query, 'change')
        .where('t.month', '>', after)
        .select((eb) => ['t.month', 't.k1', 't.k2', eb.fn.sum<number>('t.items').as('n')])
        .groupBy(['t.month', 't.k1', 't.k2'])
        .execute()
    : (
        await talliesOf(db, query, 'shift')
          .where('t.month', '>', after)
          .select((eb) => ['t.month', 't.k1', eb.fn.sum<number>('t.items').as('n')])
          .groupBy(['t.month', 't.k1'])
          .execute()
      ).map((r) => ({ month: r.month, k1: '', k2: r.k1, n: r.n }))
  return {
    cube: cube.map((r) => ({ ...r, pillar_id: r.k1 || null })),
    years: years.map((r) => ({ year: r.k === null ? null : Number(r.k), items: n(r.items) })),
    countries,
    types,
    changes: changes.map((r) => ({ month: r.month, from_status: r.k1 || null, to_status: r.k2, n: n(r.n) })),
    flags: await talliedFlags(db, query, false),
  }
}

/** Every chart's numbers before they are named and ordered. */
interface Parts {
  total: Totals
  status: Map<string, Totals>
  quadrant: Map<string, number>
  year: Map<number | null, number>
  /** by strategy id and pillar id ('' for none), joined by \u0000 */
  pillar: Map<string, Totals>
  countries: { by: Map<string, Totals>; none: Totals }
  types: { by: Map<string, Totals>; none: Totals }
  changes: ChangeCount[] | null
  flags: FlagRow[] | null
}

/** The charts of the cube's rows (status x quadrant x strategy x pillar [x start year]) and the split lists. */
function partsOf(read: Read, query: ListQuery): Parts {
  let total = ZERO
  const status = new Map<string, Totals>()
  const quadrant = new Map<string, number>()
  const year = new Map<number | null, number>()
  const pillar = new Map<string, Totals>()
  for (const row of read.cube) {
    const totals = totalsOf(row)
    total = add(total, totals)
    status.set(row.status, add(status.get(row.status) ?? ZERO, totals))
    quadrant.set(row.quadrant, (quadrant.get(row.quadrant) ?? 0) + totals.items)
    if (!read.years) {
      const y = row.start_year == null ? null : n(row.start_year)
      year.set(y, (year.get(y) ?? 0) + totals.items)
    }
    const key = `${row.strategy_id}\u0000${row.pillar_id ?? ''}`
    pillar.set(key, add(pillar.get(key) ?? ZERO, totals))
  }
  for (const row of read.years ?? []) year.set(row.year, (year.get(row.year) ?? 0) + row.items)
  return {
    total,
    status,
    quadrant,
    year,
    pillar,
    countries: splitKeys(read.countries, query.proposers.length ? query.proposers : COUNTRY_CODES),
    types: splitKeys(read.types, query.modalities.length ? query.modalities : MODALITIES),
    changes: read.changes,
    flags: read.flags,
  }
}

/**
 * A view filtered by proposers (and archiving or publication): every figure but partner interest
 * is a sum of the proposer-set rows whose set meets the view's countries (an item is in its set's
 * row once, so totals count it once), a few thousand rows per chart whatever the number of items
 * (docs/decisions/0043-dashboard-proposer-sets.md).
 */
async function readSetTallied(db: DB, query: ListQuery, after: string): Promise<Parts> {
  const byKey = (chart: 'status' | 'quadrant' | 'year' | 'type') =>
    setTalliesOf(db, query, chart)
      .select((eb) => ['t.k1', ...sumsOf(eb)])
      .groupBy('t.k1')
      .execute()
  const masks = await setTalliesOf(db, query, 'total')
    .select((eb) => ['t.mask', ...sumsOf(eb)])
    .groupBy('t.mask')
    .execute()
  let total = ZERO
  const countries = new Map<string, Totals>(query.proposers.map((code) => [code, ZERO]))
  for (const row of masks) {
    const totals = totalsOf(row)
    total = add(total, totals)
    for (const code of codesOfMask(n(row.mask)))
      if (countries.has(code)) countries.set(code, add(countries.get(code)!, totals))
  }
  const status = new Map((await byKey('status')).map((r) => [r.k1, totalsOf(r)]))
  const quadrant = new Map((await byKey('quadrant')).map((r) => [r.k1, n(r.items)]))
  const year = new Map((await byKey('year')).map((r) => [r.k1 === '' ? null : Number(r.k1), n(r.items)]))
  const pillar = new Map(
    (
      await setTalliesOf(db, query, 'pillar')
        .select((eb) => ['t.k1', 't.k2', ...sumsOf(eb)])
        .groupBy(['t.k1', 't.k2'])
        .execute()
    ).map((r) => [`${r.k1}\u0000${r.k2}`, totalsOf(r)]),
  )
  const types = new Map<string, Totals>(MODALITIES.map((code) => [code, ZERO]))
  let noType = ZERO
  for (const row of await byKey('type')) {
    if (row.k1 === '') noType = totalsOf(row)
    else if (types.has(row.k1)) types.set(row.k1, totalsOf(row))
  }
  const shifts = await setTalliesOf(db, query, 'shift')
    .where('t.month', '>', after)
    .select((eb) => ['t.month', 't.k1', eb.fn.sum<number>('t.items').as('n')])
    .groupBy(['t.month', 't.k1'])
    .execute()
  return {
    total,
    status,
    quadrant,
    year,
    pillar,
    countries: { by: countries, none: ZERO },
    types: { by: types, none: noType },
    // A net change: to_status gains n items (loses them when n is negative).
    changes: shifts.map((r) => ({ month: r.month, from_status: null, to_status: r.k1, n: n(r.n) })),
    flags: await talliedFlags(db, query, true),
  }
}

/** The view's filters and the first month of its status over time: what its figures depend on. */
function cacheKey(query: ListQuery, now: Date): string {
  const { sort: _sort, page: _page, pageSize: _pageSize, ...filters } = query
  return JSON.stringify([monthsUpTo(now, HISTORY_MONTHS)[0], filters])
}

/**
 * Every figure of the dashboard for one view. `now` fixes the months of the status over time.
 * Views the summary rows serve are added up each time (a few milliseconds); the others are read
 * from the items once per portfolio version (figures-cache.server.ts). Views of translations to
 * fill are never stored: confirming a translation changes them without an item event.
 */
export async function getOverview(db: DB, query: ListQuery, now = new Date()): Promise<Overview> {
  if (tallied(query) || setTallied(query) || query.translation) return computeOverview(db, query, now)
  if (searchFiguresServe(query)) {
    // A search alone: its rows stored and brought up to date by the writes since (decision 0053).
    const after = monthsUpTo(now, HISTORY_MONTHS)[0]!
    const rows = await searchViewRows(db, query, cacheKey(query, now), after, async () => {
      const read = await readFilteredAt(db, query, after, true)
      return { ...read, rows: perCode(read.rows) }
    })
    return computeOverview(db, query, now, rows)
  }
  return cachedFigures(db, cacheKey(query, now), () => computeOverview(db, query, now))
}

/** Every figure of the dashboard for one view, read now (or named and ordered from `rows` read already). */
export async function computeOverview(
  db: DB,
  query: ListQuery,
  now = new Date(),
  rows?: Read,
): Promise<Overview> {
  // One pass gives status, quadrant, pillar and start year together: their combinations are few
  // (9 x 5 x pillars x years), and each chart is a roll-up of them.
  const months = monthsUpTo(now, HISTORY_MONTHS)
  const parts = setTallied(query)
    ? await readSetTallied(db, query, months[0]!)
    : partsOf(
        rows ??
          (tallied(query)
            ? await readTallied(db, query, months[0]!)
            : viewHasRowFilters(query)
              ? await readFiltered(db, query, months[0]!)
              : await readWhole(db, query)),
        query,
      )
  const { total, status, quadrant, year, pillar } = parts
  const interest = await interestRows(db, query, parts.flags)
  const strategyIds = new Set<string>()
  const pillarIds = new Set<string>()
  for (const key of pillar.keys()) {
    const [strategyId, pillarId] = key.split('\u0000') as [string, string]
    strategyIds.add(strategyId)
    if (pillarId) pillarIds.add(pillarId)
  }

  const [strategies, pillars] = await Promise.all([
    strategyIds.size
      ? db
          .selectFrom('strategies')
          .select(['id', 'name'])
          .where('id', 'in', [...strategyIds])
          .execute()
      : [],
    pillarIds.size
      ? db
          .selectFrom('pillars')
          .select(['id', 'name'])
          .where('id', 'in', [...pillarIds])
          .execute()
      : [],
  ])
  const strategyName = new Map(strategies.map((s) => [s.id, s.name]))
  const pillarName = new Map(pillars.map((p) => [p.id, p.name]))
  const byStrategyId = new Map<string, StrategyTotals>()
  for (const [key, totals] of pillar) {
    const [strategyId, pillarId] = key.split('\u0000') as [string, string]
    const entry = byStrategyId.get(strategyId) ?? {
      strategy: strategyName.get(strategyId) ?? '',
      pillars: [],
      ...ZERO,
    }
    Object.assign(entry, add(entry, totals))
    entry.pillars.push({ pillar: pillarId ? (pillarName.get(pillarId) ?? '') : null, ...totals })
    byStrategyId.set(strategyId, entry)
  }
  const byStrategy = [...byStrategyId.values()].sort((a, b) => a.strategy.localeCompare(b.strategy))
  for (const s of byStrategy)
    s.pillars.sort((a, b) =>
      a.pillar === null ? 1 : b.pillar === null ? -1 : a.pillar.localeCompare(b.pillar),
    )

  const countrySplit = parts.countries
  const typeSplit = parts.types
  const current = Object.fromEntries([...status].map(([s, t]) => [s, t.items]))
  return {
    total,
    byStatus: STATUSES.map((s) => ({ status: s, ...(status.get(s) ?? ZERO) })),
    byStrategy,
    byCountry: [...countrySplit.by].map(([country, totals]) => ({ country, ...totals })),
    noCountry: countrySplit.none,
    byType: [...typeSplit.by].map(([modality, totals]) => ({ modality, ...totals })),
    noType: typeSplit.none,
    interest: interest.rows,
    interestLinked: interest.linked,
    byQuadrant: QUADRANTS.map((q) => ({ quadrant: q, items: quadrant.get(q) ?? 0 })),
    byStartYear: [...year]
      .map(([y, items]) => ({ year: y, items }))
      .sort((a, b) => (a.year === null ? 1 : b.year === null ? -1 : a.year - b.year)),
    statusOverTime: await statusOverTime(db, query, now, current, parts.changes),
  }
}
