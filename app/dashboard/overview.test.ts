import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { fillItems } from '../../scripts/bench-data'
import { createPgTestDb } from '../../tests/setup/pg-db'
import { createTestDb } from '../../tests/setup/test-db'
import { STAGES } from '../cofinancing/schema'
import { COUNTRY_CODES, MODALITIES, QUADRANTS, STATUSES } from '../portfolio/codes'
import type { ListedItem } from '../portfolio/item-view'
import { ListQuery } from '../portfolio/list-query'
import { eachItemBatch } from '../portfolio/list-batches.server'
import { listItems } from '../portfolio/list.server'
import { chartLinks } from './links'
import { getOverview, monthsUpTo, ZERO, type Totals } from './overview.server'

// Every figure of the dashboard against the same figure computed item by item: the view's items
// are read one by one (the table's own reading, eachItemBatch) and summed here in JavaScript.
// Then each bar's link is opened as a table query and its count compared with the bar's.
// On a generated portfolio (scripts/bench-data) with co-financing flags and some items published;
// on PostgreSQL too when TEST_DATABASE_URL_PG is set.

const ITEMS = 500
const NOW = new Date('2026-11-15T12:00:00Z')
const ORGS = ['ADB', 'EBRD', 'World Bank']

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

const VIEWS: Array<Partial<ListQuery>> = [
  {},
  { status: ['proposed', 'endorsed', 'approved'] },
  { proposers: ['KAZ', 'UZB'] },
  { modalities: ['policy_dialogue'] },
  { strategy: ['CITA 2030'], quadrant: ['quick_win', 'unscored'] },
  { interest: 'any', interest_org: ['ADB'] },
  { interest_org: ['EBRD', 'ADB'], interest_stage: ['committed', 'interest'] },
  { interest: 'none' },
  { q: 'corridor', archived: 'include' },
  { archived: 'only' },
  { start_year: [2020, 2025] },
  { published: 'yes' },
  { published: 'no', proposers: ['REG'], modalities: ['investment_project', 'knowledge_services'] },
]

const targets: Array<{
  name: string
  open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>
}> = [{ name: 'SQLite', open: createTestDb }]
const pgUrl = process.env.TEST_DATABASE_URL_PG
if (pgUrl) targets.push({ name: 'PostgreSQL', open: () => createPgTestDb(pgUrl) })

for (const target of targets) {
  describe(`dashboard figures on ${target.name}`, () => {
    let handle: { db: Kysely<Database>; close(): Promise<void> }
    const db = () => handle.db

    beforeAll(async () => {
      handle = await target.open()
      await fillItems(db(), ITEMS, null)
      // Flags on about a third of the items (one per organisation at most), some withdrawn.
      const ids = (await db().selectFrom('items').select('id').orderBy('ref').execute()).map((r) => r.id)
      const flags = ids.flatMap((id, k) =>
        ORGS.filter((_, o) => (k + o) % 3 === 0 && k % 2 === 0).map((organisation, o) => ({
          id: randomUUID(),
          item_id: id,
          organisation,
          user_id: null as unknown as string,
          instrument: 'grant' as const,
          amount_kusd: k % 5 === 0 ? null : 1000 + k,
          stage: STAGES[(k + o) % 3]!,
          note: null,
          withdrawn: k % 7 === 0 ? 1 : 0,
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
        })),
      )
      const user = randomUUID()
      await db()
        .insertInto('users')
        .values({
          id: user,
          email: 'p@x',
          name: 'P',
          role: 'partner',
          organisation: 'ADB',
          password_hash: 'x',
          created_at: '',
        })
        .execute()
      for (let k = 0; k < flags.length; k += 200)
        await db()
          .insertInto('cofinancing_flags')
          .values(flags.slice(k, k + 200).map((f) => ({ ...f, user_id: user })))
          .execute()
      await db()
        .updateTable('items')
        .set({ published: 1 })
        .where(
          'id',
          'in',
          ids.filter((_, k) => k % 4 === 1),
        )
        .execute()
    }, 60_000)
    afterAll(async () => handle?.close())

    for (const view of VIEWS) {
      it(`adds up item by item for ${JSON.stringify(view)}`, async () => {
        const query = ListQuery.parse(view)
        const overview = await getOverview(db(), query, NOW)
        const items = await viewItems(db(), query)
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
          expect(row, row.country).toMatchObject(
            totalsOf(items.filter((i) => i.proposers.includes(row.country))),
          )
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
          ? await db()
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
          ? await db()
              .selectFrom('item_status_changes')
              .select(['item_id', 'month', 'seq', 'to_status'])
              .where('item_id', 'in', ids)
              .orderBy('item_id')
              .orderBy('seq')
              .execute()
          : []
        const months = monthsUpTo(NOW, overview.statusOverTime.months.length)
        expect(overview.statusOverTime.months).toEqual(months)
        for (const [k, month] of months.entries()) {
          const at = new Map<string, string>()
          for (const c of changes) if (c.month <= month) at.set(c.item_id, c.to_status)
          for (const status of STATUSES)
            expect(overview.statusOverTime.counts[status][k], `${status} in ${month}`).toBe(
              [...at.values()].filter((s) => s === status).length,
            )
        }
      })
    }

    it('links every bar to a table view with exactly its items', async () => {
      for (const view of [VIEWS[0]!, VIEWS[2]!, VIEWS[6]!, VIEWS[10]!]) {
        const query = ListQuery.parse(view)
        const overview = await getOverview(db(), query, NOW)
        const links = chartLinks(overview, query)
        expect(links.length).toBeGreaterThan(10)
        for (const link of links) {
          const { total } = await listItems(db(), { ...link.query, page: 1, pageSize: 1 })
          expect(total, `${link.chart}: ${link.label}`).toBe(link.items)
        }
      }
    }, 60_000)
  })
}
