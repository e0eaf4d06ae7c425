import { sql } from 'kysely'
import type {
  DB,
  DashboardSetTalliesTable,
  DashboardTalliesTable,
  DashboardTallyItemsTable,
} from '../../db/schema'
import { COUNTRY_CODES } from '../portfolio/codes'
import type { ListQuery } from '../portfolio/list-query'
import { bumpPortfolioVersion } from './figures-cache.server'
import { rowsChange, type CountedColumns, type ViewRows } from './view-rows'

// The dashboard's summary rows (docs/decisions/0038-dashboard-tallies.md). dashboard_tallies holds,
// per chart, the items and amounts of each combination of (archived, published, status, quadrant,
// strategy) with the chart's own key: pillar (base), start year, proposer country (an item under
// each of its countries), type, and status change (month, from, to; counted under the item's
// current archived, published and status only: finer would not shrink the 150,000 changes of a
// 100,000-item register). A view filtered by nothing else adds up those rows instead of reading
// its items. dashboard_tally_items remembers what each item is counted as, so the writer of an
// item takes the old counts away and adds the new ones in its own transaction: recordEvent
// (app/history), which every item write calls after changing the item, calls syncItemTallies.

type Chart = DashboardTalliesTable['chart']
type Key = Pick<
  DashboardTalliesTable,
  'chart' | 'archived' | 'published' | 'status' | 'quadrant' | 'strategy_id' | 'month' | 'k1' | 'k2'
>
type Counts = Pick<DashboardTalliesTable, 'items' | 'cost_kusd' | 'secured_kusd' | 'gap_kusd'>

/** What an item is counted as: the figures' columns, and whether it is archived or published. */
type ItemState = CountedColumns & Pick<DashboardTallyItemsTable, 'archived' | 'published'>

type Change = { seq: number; month: string; from_status: string | null; to_status: string }
type Flag = { organisation: string; stage: string; amount_kusd: number | null }

const KEY_COLUMNS = [
  'chart',
  'archived',
  'published',
  'status',
  'quadrant',
  'strategy_id',
  'month',
  'k1',
  'k2',
] as const

const keyText = (key: Key) => KEY_COLUMNS.map((c) => String(key[c])).join('\u0000')
const num = (value: unknown) => (value == null ? 0 : Number(value))
const codesOf = (key: string | null) => (key ? [...new Set(key.split(';'))] : [''])

/** What one item adds to each summary row, with the status changes counted. */
function countsOf(
  state: ItemState,
  changes: Change[],
  flags: Flag[],
): Map<string, { key: Key; counts: Counts }> {
  const out = new Map<string, { key: Key; counts: Counts }>()
  const put = (key: Key, counts: Counts) => {
    const text = keyText(key)
    const had = out.get(text)
    out.set(text, {
      key,
      counts: had
        ? {
            items: had.counts.items + counts.items,
            cost_kusd: had.counts.cost_kusd + counts.cost_kusd,
            secured_kusd: had.counts.secured_kusd + counts.secured_kusd,
            gap_kusd: had.counts.gap_kusd + counts.gap_kusd,
          }
        : counts,
    })
  }
  const dims = {
    archived: num(state.archived),
    published: num(state.published),
    status: state.status,
    quadrant: state.quadrant,
    strategy_id: state.strategy_id,
    month: '',
    k2: '',
  }
  const amounts: Counts = {
    items: 1,
    cost_kusd: num(state.cost_kusd),
    secured_kusd: num(state.secured_kusd),
    gap_kusd: num(state.gap_kusd),
  }
  const row = (chart: Chart, k1: string) => put({ ...dims, chart, k1 }, amounts)
  row('base', state.pillar_id ?? '')
  row('year', state.start_year == null ? '' : String(state.start_year))
  for (const code of codesOf(state.proposers_key)) row('country', code)
  for (const code of codesOf(state.modalities_key)) row('type', code)
  for (const change of changes)
    put(
      {
        ...dims,
        quadrant: '',
        strategy_id: '',
        chart: 'change',
        month: change.month,
        k1: change.from_status ?? '',
        k2: change.to_status,
      },
      { items: 1, cost_kusd: 0, secured_kusd: 0, gap_kusd: 0 },
    )
  for (const change of changes) {
    const shift = (status: string, items: number) =>
      put(
        { ...dims, chart: 'shift', month: change.month, k1: status },
        { items, cost_kusd: 0, secured_kusd: 0, gap_kusd: 0 },
      )
    shift(change.to_status, 1)
    if (change.from_status) shift(change.from_status, -1)
  }
  for (const flag of flags)
    put(
      { ...dims, chart: 'flag', k1: flag.organisation, k2: flag.stage },
      { items: 1, cost_kusd: num(flag.amount_kusd), secured_kusd: 0, gap_kusd: 0 },
    )
  return out
}

type SetKey = Pick<
  DashboardSetTalliesTable,
  'chart' | 'archived' | 'published' | 'mask' | 'month' | 'k1' | 'k2'
>
const SET_KEY_COLUMNS = ['chart', 'archived', 'published', 'mask', 'month', 'k1', 'k2'] as const

/** Bit k for COUNTRY_CODES[k]: a set of countries as one integer both databases can test with `&`. */
export function maskOf(codes: Iterable<string>): number {
  let mask = 0
  for (const code of codes) {
    const bit = (COUNTRY_CODES as readonly string[]).indexOf(code)
    if (bit >= 0) mask |= 2 ** bit
  }
  return mask
}

/** The countries of a mask, in COUNTRY_CODES order. */
export function codesOfMask(mask: number): string[] {
  return COUNTRY_CODES.filter((_, bit) => (mask & (2 ** bit)) !== 0)
}

/** What one item adds to each row of dashboard_set_tallies (its proposer set's rows). */
function setCountsOf(
  state: ItemState,
  changes: Change[],
  flags: Flag[],
): Map<string, { key: SetKey; counts: Counts }> {
  const out = new Map<string, { key: SetKey; counts: Counts }>()
  const put = (key: SetKey, counts: Counts) => {
    const text = SET_KEY_COLUMNS.map((c) => String(key[c])).join('\u0000')
    const had = out.get(text)?.counts
    out.set(text, {
      key,
      counts: had
        ? {
            items: had.items + counts.items,
            cost_kusd: had.cost_kusd + counts.cost_kusd,
            secured_kusd: had.secured_kusd + counts.secured_kusd,
            gap_kusd: had.gap_kusd + counts.gap_kusd,
          }
        : counts,
    })
  }
  const dims = {
    archived: num(state.archived),
    published: num(state.published),
    mask: maskOf(state.proposers_key ? state.proposers_key.split(';') : []),
    month: '',
  }
  const amounts: Counts = {
    items: 1,
    cost_kusd: num(state.cost_kusd),
    secured_kusd: num(state.secured_kusd),
    gap_kusd: num(state.gap_kusd),
  }
  const row = (chart: SetKey['chart'], k1: string, k2 = '') => put({ ...dims, chart, k1, k2 }, amounts)
  row('total', '')
  row('status', state.status)
  row('quadrant', state.quadrant)
  row('pillar', state.strategy_id, state.pillar_id ?? '')
  row('year', state.start_year == null ? '' : String(state.start_year))
  for (const code of codesOf(state.modalities_key)) row('type', code)
  const shift = (month: string, status: string, items: number) =>
    put(
      { ...dims, chart: 'shift', month, k1: status, k2: '' },
      { items, cost_kusd: 0, secured_kusd: 0, gap_kusd: 0 },
    )
  for (const change of changes) {
    shift(change.month, change.to_status, 1)
    if (change.from_status) shift(change.month, change.from_status, -1)
  }
  for (const flag of flags)
    put(
      { ...dims, chart: 'flag', k1: flag.organisation, k2: flag.stage },
      { items: 1, cost_kusd: num(flag.amount_kusd), secured_kusd: 0, gap_kusd: 0 },
    )
  return out
}

const STATE_COLUMNS = [
  'archived',
  'published',
  'status',
  'quadrant',
  'strategy_id',
  'pillar_id',
  'start_year',
  'proposers_key',
  'modalities_key',
  'cost_kusd',
  'secured_kusd',
  'gap_kusd',
] as const

function sameState(a: ItemState, b: ItemState): boolean {
  return STATE_COLUMNS.every(
    (c) => (a[c] == null ? null : String(a[c])) === (b[c] == null ? null : String(b[c])),
  )
}

/** New counts less old ones, per row, without the rows that do not change; in key order. */
function netRows<K>(
  old: Map<string, { key: K; counts: Counts }> | null | undefined,
  now: Map<string, { key: K; counts: Counts }> | null | undefined,
): Array<K & Counts> {
  const delta = new Map<string, { key: K; counts: Counts }>()
  const apply = (counts: Map<string, { key: K; counts: Counts }>, sign: 1 | -1) => {
    for (const [text, { key, counts: c }] of counts) {
      const had = delta.get(text)?.counts ?? { items: 0, cost_kusd: 0, secured_kusd: 0, gap_kusd: 0 }
      delta.set(text, {
        key,
        counts: {
          items: had.items + sign * c.items,
          cost_kusd: had.cost_kusd + sign * c.cost_kusd,
          secured_kusd: had.secured_kusd + sign * c.secured_kusd,
          gap_kusd: had.gap_kusd + sign * c.gap_kusd,
        },
      })
    }
  }
  if (old) apply(old, -1)
  if (now) apply(now, 1)
  return [...delta]
    .filter(
      ([, d]) =>
        d.counts.items !== 0 ||
        d.counts.cost_kusd !== 0 ||
        d.counts.secured_kusd !== 0 ||
        d.counts.gap_kusd !== 0,
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => ({ ...d.key, ...d.counts }))
}

/**
 * Brings the summary rows up to date with one item as it is now in this transaction: its old
 * counts (as dashboard_tally_items remembers them) out, its new ones in. Call it after the last
 * change to the item (recordEvent does). Rows are written in key order, so two PostgreSQL
 * transactions never wait on each other's rows in opposite orders. Answers what the write changed
 * in the rows a view of items adds up (null: nothing), for the caller to log with the version it
 * makes (bumpPortfolioVersion; decision 0053).
 */
export async function syncItemTallies(db: DB, itemId: string): Promise<ViewRows | null> {
  const item = await db.selectFrom('items').select(STATE_COLUMNS).where('id', '=', itemId).executeTakeFirst()
  const before = await db
    .selectFrom('dashboard_tally_items')
    .select([...STATE_COLUMNS, 'changes_seq'])
    .where('item_id', '=', itemId)
    .executeTakeFirst()
  const changes = await db
    .selectFrom('item_status_changes')
    .select(['seq', 'month', 'from_status', 'to_status'])
    .where('item_id', '=', itemId)
    .execute()
  const lastSeq = changes.reduce((max, c) => Math.max(max, num(c.seq)), 0)
  const flags: Flag[] = item
    ? await db
        .selectFrom('cofinancing_flags')
        .select(['organisation', 'stage', 'amount_kusd'])
        .where('item_id', '=', itemId)
        .where('withdrawn', '=', 0)
        .orderBy('organisation')
        .execute()
    : []
  const flagsBefore: Flag[] = await db
    .selectFrom('dashboard_tally_flags')
    .select(['organisation', 'stage', 'amount_kusd'])
    .where('item_id', '=', itemId)
    .orderBy('organisation')
    .execute()
  const flagText = (list: Flag[]) =>
    list
      .map((f) => `${f.organisation}\u0000${f.stage}\u0000${f.amount_kusd == null ? '' : num(f.amount_kusd)}`)
      .join('\n')
  const sameFlags = flagText(flags) === flagText(flagsBefore)
  if (before && item && sameState(before, item) && lastSeq === num(before.changes_seq) && sameFlags)
    return null

  const beforeChanges = before ? changes.filter((c) => num(c.seq) <= num(before.changes_seq)) : []
  const viewChange = rowsChange(
    before ? { ...before, changes: beforeChanges, flags: flagsBefore } : null,
    item ? { ...item, changes, flags } : null,
  )
  const rows = netRows(
    before && countsOf(before, beforeChanges, flagsBefore),
    item && countsOf(item, changes, flags),
  )
  for (let k = 0; k < rows.length; k += 100)
    await db
      .insertInto('dashboard_tallies')
      .values(rows.slice(k, k + 100))
      .onConflict((oc) =>
        oc.columns([...KEY_COLUMNS]).doUpdateSet((eb) => ({
          items: eb('dashboard_tallies.items', '+', eb.ref('excluded.items')),
          cost_kusd: eb('dashboard_tallies.cost_kusd', '+', eb.ref('excluded.cost_kusd')),
          secured_kusd: eb('dashboard_tallies.secured_kusd', '+', eb.ref('excluded.secured_kusd')),
          gap_kusd: eb('dashboard_tallies.gap_kusd', '+', eb.ref('excluded.gap_kusd')),
        })),
      )
      .execute()
  const setRows = netRows(
    before && setCountsOf(before, beforeChanges, flagsBefore),
    item && setCountsOf(item, changes, flags),
  )
  for (let k = 0; k < setRows.length; k += 100)
    await db
      .insertInto('dashboard_set_tallies')
      .values(setRows.slice(k, k + 100))
      .onConflict((oc) =>
        oc.columns([...SET_KEY_COLUMNS]).doUpdateSet((eb) => ({
          items: eb('dashboard_set_tallies.items', '+', eb.ref('excluded.items')),
          cost_kusd: eb('dashboard_set_tallies.cost_kusd', '+', eb.ref('excluded.cost_kusd')),
          secured_kusd: eb('dashboard_set_tallies.secured_kusd', '+', eb.ref('excluded.secured_kusd')),
          gap_kusd: eb('dashboard_set_tallies.gap_kusd', '+', eb.ref('excluded.gap_kusd')),
        })),
      )
      .execute()
  if (!sameFlags || !item) {
    await db.deleteFrom('dashboard_tally_flags').where('item_id', '=', itemId).execute()
    if (item && flags.length)
      await db
        .insertInto('dashboard_tally_flags')
        .values(flags.map((f) => ({ item_id: itemId, ...f })))
        .execute()
  }
  if (!item) {
    await db.deleteFrom('dashboard_tally_items').where('item_id', '=', itemId).execute()
    return viewChange
  }
  const state = { ...item, changes_seq: lastSeq }
  if (before) await db.updateTable('dashboard_tally_items').set(state).where('item_id', '=', itemId).execute()
  else
    await db
      .insertInto('dashboard_tally_items')
      .values({ item_id: itemId, ...state })
      .execute()
  return viewChange
}

/**
 * Counts every item afresh: for writers that bypass the app's (the bench's and tests' generated
 * data). The same rules as syncItemTallies, in SQL, as migration 2026_12_02_0100 fills them. The
 * stored figures of other views become unused too, and no stored search figures are brought up to
 * date across this version (any item may have changed).
 */
export async function rebuildTallies(db: DB): Promise<void> {
  await bumpPortfolioVersion(db, 'all')
  await db.deleteFrom('dashboard_tallies').execute()
  await db.deleteFrom('dashboard_tally_flags').execute()
  await db.deleteFrom('dashboard_tally_items').execute()
  await sql`insert into dashboard_tally_items (item_id, archived, published, status, quadrant, strategy_id,
      pillar_id, start_year, proposers_key, modalities_key, cost_kusd, secured_kusd, gap_kusd, changes_seq)
    select i.id, i.archived, i.published, i.status, i.quadrant, i.strategy_id, i.pillar_id, i.start_year,
      i.proposers_key, i.modalities_key, i.cost_kusd, i.secured_kusd, i.gap_kusd,
      coalesce((select max(c.seq) from item_status_changes c where c.item_id = i.id), 0)
    from items i`.execute(db)
  const into = sql`insert into dashboard_tallies (chart, archived, published, status, quadrant, strategy_id,
    month, k1, k2, items, cost_kusd, secured_kusd, gap_kusd)`
  const dims = sql`t.archived, t.published, t.status, t.quadrant, t.strategy_id`
  const sums = sql`count(*), coalesce(sum(t.cost_kusd), 0), coalesce(sum(t.secured_kusd), 0), coalesce(sum(t.gap_kusd), 0)`
  await sql`${into} select 'base', ${dims}, '', coalesce(t.pillar_id, ''), '', ${sums}
    from dashboard_tally_items t group by ${dims}, t.pillar_id`.execute(db)
  await sql`${into} select 'year', ${dims}, '', coalesce(cast(t.start_year as text), ''), '', ${sums}
    from dashboard_tally_items t group by ${dims}, t.start_year`.execute(db)
  for (const [chart, table, code] of [
    ['country', 'item_proposers', 'country_code'],
    ['type', 'item_modalities', 'type_code'],
  ] as const) {
    await sql`${into} select ${chart}, ${dims}, '', l.${sql.ref(code)}, '', ${sums}
      from dashboard_tally_items t join ${sql.table(table)} l on l.item_id = t.item_id
      group by ${dims}, l.${sql.ref(code)}`.execute(db)
    await sql`${into} select ${chart}, ${dims}, '', '', '', ${sums}
      from dashboard_tally_items t
      where not exists (select 1 from ${sql.table(table)} l where l.item_id = t.item_id)
      group by ${dims}`.execute(db)
  }
  await sql`${into} select 'change', t.archived, t.published, t.status, '', '', c.month,
      coalesce(c.from_status, ''), c.to_status, count(*), 0, 0, 0
    from dashboard_tally_items t join item_status_changes c on c.item_id = t.item_id
    group by t.archived, t.published, t.status, c.month, c.from_status, c.to_status`.execute(db)
  await sql`${into} select 'shift', d.archived, d.published, d.status, d.quadrant, d.strategy_id, d.month, d.moved, '',
      sum(d.n), 0, 0, 0
    from (
      select ${dims}, c.month, c.to_status as moved, 1 as n
        from dashboard_tally_items t join item_status_changes c on c.item_id = t.item_id
      union all
      select ${dims}, c.month, c.from_status, -1
        from dashboard_tally_items t join item_status_changes c on c.item_id = t.item_id
        where c.from_status is not null
    ) d
    group by d.archived, d.published, d.status, d.quadrant, d.strategy_id, d.month, d.moved
    having sum(d.n) <> 0`.execute(db)
  await sql`insert into dashboard_tally_flags (item_id, organisation, stage, amount_kusd)
    select f.item_id, f.organisation, f.stage, f.amount_kusd from cofinancing_flags f
    where f.withdrawn = 0 and exists (select 1 from dashboard_tally_items t where t.item_id = f.item_id)`.execute(
    db,
  )
  await sql`${into} select 'flag', ${dims}, '', f.organisation, f.stage,
      count(*), coalesce(sum(f.amount_kusd), 0), 0, 0
    from dashboard_tally_items t join dashboard_tally_flags f on f.item_id = t.item_id
    group by ${dims}, f.organisation, f.stage`.execute(db)
  await fillSetTallies(db)
}

/** dashboard_set_tallies counted afresh from dashboard_tally_items (as migration 2026_12_03_0100 fills it). */
async function fillSetTallies(db: DB): Promise<void> {
  await db.deleteFrom('dashboard_set_tallies').execute()
  const mask = sql.join(
    COUNTRY_CODES.map(
      (code, bit) =>
        sql`case when ';' || coalesce(t.proposers_key, '') || ';' like ${`%;${code};%`} then ${sql.lit(2 ** bit)} else 0 end`,
    ),
    sql` + `,
  )
  // One statement: each item's proposers mask (a sum of one LIKE per country) is worked out once,
  // in the materialized `s`, for all nine groupings, not again for each (decision 0056).
  const sums = sql`count(*), coalesce(sum(s.cost_kusd), 0), coalesce(sum(s.secured_kusd), 0), coalesce(sum(s.gap_kusd), 0)`
  const keys = [
    ['total', sql`''`, sql`''`, sql``],
    ['status', sql`s.status`, sql`''`, sql`, s.status`],
    ['quadrant', sql`s.quadrant`, sql`''`, sql`, s.quadrant`],
    ['pillar', sql`s.strategy_id`, sql`coalesce(s.pillar_id, '')`, sql`, s.strategy_id, s.pillar_id`],
    ['year', sql`coalesce(cast(s.start_year as text), '')`, sql`''`, sql`, s.start_year`],
  ] as const
  const groupings = [
    ...keys.map(
      ([
        chart,
        k1,
        k2,
        by,
      ]) => sql`select ${sql.lit(chart)}, s.archived, s.published, s.mask, '', ${k1}, ${k2}, ${sums}
      from s group by s.archived, s.published, s.mask${by}`,
    ),
    sql`select 'type', s.archived, s.published, s.mask, '', l.type_code, '', ${sums}
    from s join item_modalities l on l.item_id = s.item_id
    group by s.archived, s.published, s.mask, l.type_code`,
    sql`select 'type', s.archived, s.published, s.mask, '', '', '', ${sums}
    from s where not exists (select 1 from item_modalities l where l.item_id = s.item_id)
    group by s.archived, s.published, s.mask`,
    sql`select 'flag', s.archived, s.published, s.mask, '', f.organisation, f.stage,
      count(*), coalesce(sum(f.amount_kusd), 0), 0, 0
    from s join dashboard_tally_flags f on f.item_id = s.item_id
    group by s.archived, s.published, s.mask, f.organisation, f.stage`,
    sql`select 'shift', d.archived, d.published, d.mask, d.month, d.status, '', sum(d.n), 0, 0, 0
    from (
      select s.archived, s.published, s.mask, c.month, c.to_status as status, 1 as n
        from s join item_status_changes c on c.item_id = s.item_id
      union all
      select s.archived, s.published, s.mask, c.month, c.from_status, -1
        from s join item_status_changes c on c.item_id = s.item_id
        where c.from_status is not null
    ) d
    group by d.archived, d.published, d.mask, d.month, d.status
    having sum(d.n) <> 0`,
  ]
  await sql`with s as materialized (select t.*, ${mask} as mask from dashboard_tally_items t)
    insert into dashboard_set_tallies (chart, archived, published, mask, month, k1, k2,
      items, cost_kusd, secured_kusd, gap_kusd)
    ${sql.join(groupings, sql` union all `)}`.execute(db)
}

/** Whether a view's figures can be added up from the summary rows: filtered by their dimensions only. */
export function tallied(query: ListQuery): boolean {
  return (
    !query.q &&
    !query.interest &&
    !query.interest_org.length &&
    !query.interest_stage.length &&
    !query.translation &&
    !query.translation_state &&
    ![query.pillar, query.area, query.proposers, query.modalities, query.start_year, query.ref].some(
      (list) => list.length > 0,
    )
  )
}

/** Whether a tallied view's status changes can be read from the change rows (they keep status only); else from the shift rows. */
export function changesTallied(query: ListQuery): boolean {
  return tallied(query) && !query.quadrant.length && !query.strategy.length
}

/** The summary rows of a tallied view, `chart`'s rows, narrowed by the view's filters. */
export function talliesOf(db: DB, query: ListQuery, chart: Chart) {
  let q = db.selectFrom('dashboard_tallies as t').where('t.chart', '=', chart).where('t.items', '<>', 0)
  if (query.archived === 'exclude') q = q.where('t.archived', '=', 0)
  if (query.archived === 'only') q = q.where('t.archived', '=', 1)
  if (query.published) q = q.where('t.published', '=', query.published === 'yes' ? 1 : 0)
  if (query.status.length) q = q.where('t.status', 'in', query.status)
  if (chart !== 'change') {
    if (query.quadrant.length) q = q.where('t.quadrant', 'in', query.quadrant)
    if (query.strategy.length)
      q = q.where('t.strategy_id', 'in', (eb) =>
        eb.selectFrom('strategies').select('id').where('name', 'in', query.strategy),
      )
  }
  return q
}

/**
 * Whether a view's figures can be added up from the proposer-set rows: filtered by proposers
 * ("any of"), and otherwise by archiving and publication only.
 */
export function setTallied(query: ListQuery): boolean {
  return (
    query.proposers.length > 0 &&
    tallied({ ...query, proposers: [] }) &&
    !query.status.length &&
    !query.quadrant.length &&
    !query.strategy.length
  )
}

/** The proposer-set rows of `chart` whose set meets the view's countries, narrowed by archiving and publication. */
export function setTalliesOf(db: DB, query: ListQuery, chart: DashboardSetTalliesTable['chart']) {
  let q = db
    .selectFrom('dashboard_set_tallies as t')
    .where('t.chart', '=', chart)
    .where(sql<boolean>`(t.mask & ${maskOf(query.proposers)}) <> 0`)
  // Rows whose items all went elsewhere stay, at zero (a shift's net change can be zero too).
  // month '' (every chart's but shift's) keeps the read in the order of the covering index's keys.
  if (chart !== 'shift') q = q.where('t.items', '<>', 0).where('t.month', '=', '')
  if (query.archived === 'exclude') q = q.where('t.archived', '=', 0)
  if (query.archived === 'only') q = q.where('t.archived', '=', 1)
  if (query.published) q = q.where('t.published', '=', query.published === 'yes' ? 1 : 0)
  return q
}
