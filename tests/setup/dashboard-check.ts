import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import type { Database } from '../../db/schema'
import { COUNTRY_CODES, MODALITIES, QUADRANTS, STATUSES } from '../../app/portfolio/codes'
import type { ListedItem } from '../../app/portfolio/item-view'
import type { ListQuery } from '../../app/portfolio/list-query'
import { eachItemBatch } from '../../app/portfolio/list-batches.server'
import { monthsUpTo, ZERO, type Overview, type Totals } from '../../app/dashboard/overview.server'

// Every figure of the dashboard against the same figure computed item by item: the view's items
// are read one by one (the table's own reading, eachItemBatch) and summed here in JavaScript.
// Shared by the dashboard's tests (app/dashboard/overview.test.ts, tallies.test.ts).

const kusd = (usdM: number | null) => (usdM == null ? 0 : Math.round(usdM * 1000))

function totalsOf(items: ListedItem[]): Totals {
  return items.reduce(
    (t, i) => ({
      items: t.items + 1,
      cost_kusd: t.cost_kusd + kusd(i.cost_usd_m),
      secured_kusd: t.secured_kusd + kusd(i.secured_usd_m),
      gap_kusd: t.gap_kusd + kusd(i.gap_usd_m),
    }),
    ZERO,
  )
}

async function viewItems(db: Kysely<Database>, query: ListQuery): Promise<ListedItem[]> {
  const all: ListedItem[] = []
  for await (const batch of eachItemBatch(db, query, 200)) all.push(...batch)
  return all
}

/** Expects `overview` (of `query`) to equal the sums of the view's items, read one by one. */
export async function expectAddsUp(db: Kysely<Database>, query: ListQuery, overview: Overview, now: Date) {
  const items = await viewItems(db, query)
  expect(overview.total).toEqual(totalsOf(items))

  for (const row of overview.byStatus)
    expect(row, row.status).toMatchObject(totalsOf(items.filter((i) => i.status === row.status)))
  expect(overview.byStatus.map((r) => r.status)).toEqual([...STATUSES])

  for (const s of overview.byStrategy) {
    expect(s, s.strategy).toMatchObject(totalsOf(items.filter((i) => i.strategy === s.strategy)))
    for (const p of s.pillars)
      expect(p, `${s.strategy} / ${p.pillar}`).toMatchObject(
        totalsOf(items.filter((i) => i.strategy === s.strategy && i.pillar === p.pillar)),
      )
  }

  // A multi-proposer item counts once under each of its countries (within the view's own
  // country filter) and once in the total.
  const countries = query.proposers.length ? query.proposers : COUNTRY_CODES
  for (const row of overview.byCountry)
    expect(row, row.country).toMatchObject(totalsOf(items.filter((i) => i.proposers.includes(row.country))))
  expect(overview.byCountry.map((r) => r.country)).toEqual([...countries])
  expect(overview.noCountry).toEqual(totalsOf(items.filter((i) => i.proposers.length === 0)))
  const types = query.modalities.length ? query.modalities : MODALITIES
  for (const row of overview.byType)
    expect(row, row.modality).toMatchObject(
      totalsOf(items.filter((i) => i.modalities.includes(row.modality))),
    )
  expect(overview.byType.map((r) => r.modality)).toEqual([...types])

  for (const row of overview.byQuadrant)
    expect(row.items, row.quadrant).toBe(items.filter((i) => i.quadrant === row.quadrant).length)
  expect(overview.byQuadrant.map((r) => r.quadrant)).toEqual([...QUADRANTS])
  const years = new Map<number | null, number>()
  for (const i of items) years.set(i.start_year, (years.get(i.start_year) ?? 0) + 1)
  expect(new Map(overview.byStartYear.map((r) => [r.year, r.items]))).toEqual(years)

  // Partner interest: the view's items' live flags (those the view's own interest filter names).
  const ids = items.map((i) => i.id)
  const flags = ids.length
    ? await db
        .selectFrom('cofinancing_flags')
        .select(['organisation', 'stage', 'amount_kusd', 'item_id'])
        .where('withdrawn', '=', 0)
        .where('item_id', 'in', ids)
        .execute()
    : []
  const counted = flags.filter(
    (f) =>
      query.interest === 'none' ||
      ((!query.interest_org.length || query.interest_org.includes(f.organisation)) &&
        (!query.interest_stage.length || query.interest_stage.includes(f.stage as never))),
  )
  const expected = new Map<string, { items: number; amount_kusd: number }>()
  for (const f of counted) {
    const key = `${f.organisation}/${f.stage}`
    const e = expected.get(key) ?? { items: 0, amount_kusd: 0 }
    expected.set(key, { items: e.items + 1, amount_kusd: e.amount_kusd + (f.amount_kusd ?? 0) })
  }
  expect(
    new Map(
      overview.interest.map((r) => [
        `${r.organisation}/${r.stage}`,
        { items: r.items, amount_kusd: r.amount_kusd },
      ]),
    ),
  ).toEqual(expected)

  // Status over time, item by item from its changes: the last change at or before each month.
  const changes = ids.length
    ? await db
        .selectFrom('item_status_changes')
        .select(['item_id', 'month', 'seq', 'to_status'])
        .where('item_id', 'in', ids)
        .orderBy('item_id')
        .orderBy('seq')
        .execute()
    : []
  const months = monthsUpTo(now, overview.statusOverTime.months.length)
  expect(overview.statusOverTime.months).toEqual(months)
  for (const [k, month] of months.entries()) {
    const at = new Map<string, string>()
    for (const c of changes) if (c.month <= month) at.set(c.item_id, c.to_status)
    for (const status of STATUSES)
      expect(overview.statusOverTime.counts[status][k], `${status} in ${month}`).toBe(
        [...at.values()].filter((s) => s === status).length,
      )
  }
}
