// The rows a filtered view's figures are made of, as one statement reads them from the view's items
// (overview.server.ts, readFiltered), before they are named and ordered: items and amounts per
// status x quadrant x strategy x pillar, items per start year, per proposers key and per types
// key (or per code: `perCode`), status changes per month and move, live flags per organisation
// and stage. The same shape,
// with signed numbers, is what one item write changed in them (its rows before taken away, after
// added: `rowsChange`), so stored rows plus the changes of the view's items written since are the
// rows read afresh (decision 0053). Pure: no database.

import type { DashboardTallyItemsTable } from '../../db/schema'

export interface Sums {
  items: number
  cost: number
  secured: number
  gap: number
}

export interface ViewRows {
  cube: Array<Sums & { status: string; quadrant: string; strategy_id: string; pillar_id: string | null }>
  years: Array<{ year: number | null; items: number }>
  countries: Array<Sums & { k: string | null }>
  types: Array<Sums & { k: string | null }>
  changes: Array<{ month: string; from_status: string | null; to_status: string; n: number }>
  flags: Array<{ organisation: string; stage: string; items: number; amount: number }>
}

/** The item's columns the figures read, as dashboard_tally_items keeps them. */
export type CountedColumns = Pick<
  DashboardTallyItemsTable,
  | 'status'
  | 'quadrant'
  | 'strategy_id'
  | 'pillar_id'
  | 'start_year'
  | 'proposers_key'
  | 'modalities_key'
  | 'cost_kusd'
  | 'secured_kusd'
  | 'gap_kusd'
>

/** What an item is counted as: its columns the figures read, its status changes, its live flags. */
export interface CountedItem extends CountedColumns {
  changes: ReadonlyArray<{ month: string; from_status: string | null; to_status: string }>
  flags: ReadonlyArray<{ organisation: string; stage: string; amount_kusd: number | null }>
}

const num = (value: unknown) => (value == null ? 0 : Number(value))

/** Every list's key: rows with equal keys add up. */
const KEYS = {
  cube: (r: ViewRows['cube'][number]) => [r.status, r.quadrant, r.strategy_id, r.pillar_id],
  years: (r: ViewRows['years'][number]) => [r.year],
  countries: (r: ViewRows['countries'][number]) => [r.k],
  types: (r: ViewRows['types'][number]) => [r.k],
  changes: (r: ViewRows['changes'][number]) => [r.month, r.from_status, r.to_status],
  flags: (r: ViewRows['flags'][number]) => [r.organisation, r.stage],
}
const NUMBERS = {
  cube: ['items', 'cost', 'secured', 'gap'],
  years: ['items'],
  countries: ['items', 'cost', 'secured', 'gap'],
  types: ['items', 'cost', 'secured', 'gap'],
  changes: ['n'],
  flags: ['items', 'amount'],
} as const

export const NO_ROWS: ViewRows = { cube: [], years: [], countries: [], types: [], changes: [], flags: [] }

/**
 * `base` with each of `more` added, row by row: rows whose numbers all come to zero are left out,
 * as a GROUP BY of the items would have no such group. `keep` drops rows of no interest (status
 * changes before the first month shown).
 */
export function addRows(
  base: ViewRows,
  more: readonly ViewRows[],
  keep: (change: ViewRows['changes'][number]) => boolean = () => true,
): ViewRows {
  const out = { ...NO_ROWS } as Record<keyof ViewRows, unknown[]>
  for (const list of Object.keys(KEYS) as Array<keyof ViewRows>) {
    const keyOf = KEYS[list] as (row: unknown) => unknown[]
    const numbers = NUMBERS[list] as readonly string[]
    const rows = new Map<string, Record<string, unknown>>()
    for (const source of [base, ...more])
      for (const row of source[list] as Array<Record<string, unknown>>) {
        if (list === 'changes' && !keep(row as ViewRows['changes'][number])) continue
        const key = JSON.stringify(keyOf(row))
        const had = rows.get(key)
        if (!had) rows.set(key, { ...row })
        else for (const field of numbers) had[field] = num(had[field]) + num(row[field])
      }
    out[list] = [...rows.values()].filter((row) => numbers.some((field) => num(row[field]) !== 0))
  }
  return out as unknown as ViewRows
}

/**
 * The codes of a ';'-joined list column, each once, as the charts count them (splitKeys in
 * overview.server.ts): [null] for none. An item counts under each of its codes.
 */
function codesOf(key: string | null): Array<string | null> {
  if (!key) return [null]
  return [...new Set(key.split(';'))].filter((code) => code !== '')
}

/**
 * The same rows with proposers and types per code rather than per list of codes (a view without a
 * proposers or types filter charts every code): 12 country rows instead of a frequent word's 5,500
 * proposer lists, the charts unchanged. Stored rows and logged changes are kept this way.
 */
export function perCode(rows: ViewRows): ViewRows {
  const split = (list: ViewRows['countries']) =>
    addRows(NO_ROWS, [
      {
        ...NO_ROWS,
        countries: list.flatMap((row) => codesOf(row.k).map((k) => ({ ...row, k }))),
      },
    ]).countries
  return { ...rows, countries: split(rows.countries), types: split(rows.types) }
}

/** The rows one item adds to a view that holds it, times `sign` (proposers and types per code). */
function rowsOf(item: CountedItem, sign: 1 | -1): ViewRows {
  const sums = {
    items: sign,
    cost: sign * num(item.cost_kusd),
    secured: sign * num(item.secured_kusd),
    gap: sign * num(item.gap_kusd),
  }
  return {
    cube: [
      {
        status: item.status,
        quadrant: item.quadrant,
        strategy_id: item.strategy_id,
        pillar_id: item.pillar_id,
        ...sums,
      },
    ],
    years: [{ year: item.start_year == null ? null : num(item.start_year), items: sign }],
    countries: codesOf(item.proposers_key).map((k) => ({ k, ...sums })),
    types: codesOf(item.modalities_key).map((k) => ({ k, ...sums })),
    changes: item.changes.map((c) => ({
      month: c.month,
      from_status: c.from_status,
      to_status: c.to_status,
      n: sign,
    })),
    flags: item.flags.map((f) => ({
      organisation: f.organisation,
      stage: f.stage,
      items: sign,
      amount: sign * num(f.amount_kusd),
    })),
  }
}

/**
 * What an item's write changed in the rows of any view that holds it (before: null for a new item;
 * after: null for a removed one), or null when it changed nothing there (its publication, its
 * texts).
 */
export function rowsChange(before: CountedItem | null, after: CountedItem | null): ViewRows | null {
  const change = addRows(NO_ROWS, [
    ...(before ? [rowsOf(before, -1)] : []),
    ...(after ? [rowsOf(after, 1)] : []),
  ])
  return Object.values(change).some((rows) => rows.length > 0) ? change : null
}
