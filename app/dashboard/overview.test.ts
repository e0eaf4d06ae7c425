import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { fillItems } from '../../scripts/bench-data'
import { createPgTestDb } from '../../tests/setup/pg-db'
import { createTestDb } from '../../tests/setup/test-db'
import { STAGES } from '../cofinancing/schema'
import { expectAddsUp } from '../../tests/setup/dashboard-check'
import { ListQuery } from '../portfolio/list-query'
import { listItems } from '../portfolio/list.server'
import { chartLinks } from './links'
import { getOverview } from './overview.server'
import { rebuildTallies } from './tallies.server'

// Every figure of the dashboard against the same figure computed item by item (expectAddsUp):
// views filtered by archiving, publication, status, quadrant or strategy alone are added up from
// the summary rows (tallies.server.ts), the others from the items. Then each bar's link is opened as a table query and its count compared with the bar's.
// On a generated portfolio (scripts/bench-data) with co-financing flags and some items published;
// on PostgreSQL too when TEST_DATABASE_URL_PG is set.

const ITEMS = 500
const NOW = new Date('2026-11-15T12:00:00Z')
const ORGS = ['ADB', 'EBRD', 'World Bank']

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
  { archived: 'include', status: ['under_review'], published: 'no' },
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
      // Those writes bypassed the app's writers, which keep the summary rows (tallies.server.ts).
      await rebuildTallies(db())
    }, 60_000)
    afterAll(async () => handle?.close())

    for (const view of VIEWS) {
      it(`adds up item by item for ${JSON.stringify(view)}`, async () => {
        const query = ListQuery.parse(view)
        const overview = await getOverview(db(), query, NOW)
        await expectAddsUp(db(), query, overview, NOW)
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
