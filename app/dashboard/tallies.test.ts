import fs from 'node:fs'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { expectAddsUp } from '../../tests/setup/dashboard-check'
import { actorOf, addPerson, PLAN_FILE, toCsv } from '../../tests/setup/fixtures'
import { createPgTestDb } from '../../tests/setup/pg-db'
import { createTestDb } from '../../tests/setup/test-db'
import { saveFlag, withdrawFlag } from '../cofinancing/cofinancing.server'
import { importCsv } from '../importer/import.server'
import type { Actor } from '../permissions/permissions'
import { saveScore } from '../prioritisation/scores.server'
import { createItem, getItemByRef, setArchived, updateItem, baselineOf } from '../portfolio/items.server'
import { ListQuery } from '../portfolio/list-query'
import { formValuesOf, ItemForm } from '../portfolio/schema'
import { setPublished } from '../publication/publication.server'
import { transition } from '../workflow/workflow.server'
import { getOverview } from './overview.server'
import { rebuildTallies, setTallied, tallied } from './tallies.server'

// The summary rows follow every kind of item write: after each, the rows the writers kept equal
// the rows counted afresh from the items (rebuildTallies), and the figures the dashboard adds up
// from them equal the item-by-item sums. On the real plan, imported as the secretariat does; on
// PostgreSQL too when TEST_DATABASE_URL_PG is set.

const NOW = new Date()

/** Views the summary rows serve, one per dimension and some together. */
const VIEWS: Array<Partial<ListQuery>> = [
  {},
  { published: 'yes' },
  { archived: 'include' },
  { archived: 'only' },
  { status: ['proposed', 'under_review'] },
  { strategy: ['CITA 2030'], quadrant: ['quick_win', 'unscored'] },
  { status: ['under_review'], published: 'no' },
  // proposer sets (decision 0043): an item of several countries counts once, and once per country
  { proposers: ['KAZ', 'UZB'] },
  { proposers: ['KAZ'], published: 'yes' },
  { proposers: ['REG', 'MON', 'TAJ'], archived: 'include' },
  { proposers: ['UZB'], archived: 'only' },
]

/** Every summary row (those at zero left out: a writer leaves them, a count afresh has none). */
async function tallyRows(db: Kysely<Database>) {
  const amounts = <R extends { items: number; cost_kusd: number; secured_kusd: number; gap_kusd: number }>(
    r: R,
  ) => ({
    ...r,
    items: Number(r.items),
    cost_kusd: Number(r.cost_kusd),
    secured_kusd: Number(r.secured_kusd),
    gap_kusd: Number(r.gap_kusd),
  })
  const sets = await db
    .selectFrom('dashboard_set_tallies')
    .selectAll()
    .where('items', '<>', 0)
    .orderBy('chart')
    .orderBy('archived')
    .orderBy('published')
    .orderBy('mask')
    .orderBy('month')
    .orderBy('k1')
    .orderBy('k2')
    .execute()
  const flags = await db
    .selectFrom('dashboard_tally_flags')
    .selectAll()
    .orderBy('item_id')
    .orderBy('organisation')
    .execute()
  return {
    tallies: await tallyRowsOf(db),
    sets: sets.map((r) => amounts({ ...r, mask: Number(r.mask) })),
    flags: flags.map((f) => ({ ...f, amount_kusd: f.amount_kusd == null ? null : Number(f.amount_kusd) })),
  }
}

async function tallyRowsOf(db: Kysely<Database>) {
  return db
    .selectFrom('dashboard_tallies')
    .selectAll()
    .where('items', '<>', 0)
    .orderBy('chart')
    .orderBy('archived')
    .orderBy('published')
    .orderBy('status')
    .orderBy('quadrant')
    .orderBy('strategy_id')
    .orderBy('month')
    .orderBy('k1')
    .orderBy('k2')
    .execute()
    .then((rows) =>
      rows.map((r) => ({
        ...r,
        items: Number(r.items),
        cost_kusd: Number(r.cost_kusd),
        secured_kusd: Number(r.secured_kusd),
        gap_kusd: Number(r.gap_kusd),
      })),
    )
}

/** The kept rows equal fresh ones, and each view's figures add up item by item. */
async function expectInStep(db: Kysely<Database>) {
  const kept = await tallyRows(db)
  for (const view of VIEWS) {
    const query = ListQuery.parse(view)
    expect(tallied(query) || setTallied(query), JSON.stringify(view)).toBe(true)
    await expectAddsUp(db, query, await getOverview(db, query, NOW), NOW)
  }
  await rebuildTallies(db)
  expect(kept).toEqual(await tallyRows(db))
}

const targets: Array<{
  name: string
  open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>
}> = [{ name: 'SQLite', open: createTestDb }]
const pgUrl = process.env.TEST_DATABASE_URL_PG
if (pgUrl) targets.push({ name: 'PostgreSQL', open: () => createPgTestDb(pgUrl) })

for (const target of targets) {
  describe(`dashboard summary rows on ${target.name}`, () => {
    let handle: { db: Kysely<Database>; close(): Promise<void> }
    const db = () => handle.db
    const people: Record<'secretariat' | 'member' | 'partner', Actor> = {
      secretariat: actorOf({ role: 'secretariat' }),
      member: actorOf({ role: 'steering_committee' }),
      partner: actorOf({ role: 'partner', organisation: 'ADB' }),
    }
    const item = async (ref: string) => (await getItemByRef(db(), ref))!

    beforeAll(async () => {
      handle = await target.open()
      for (const actor of Object.values(people)) await addPerson(db(), actor)
    }, 60_000)
    afterAll(async () => handle?.close())

    it('follow an import of the plan', async () => {
      const imported = await importCsv(db(), fs.readFileSync(PLAN_FILE), people.secretariat.id)
      expect(imported.ok).toBe(true)
      const rows = await tallyRows(db())
      expect(rows.tallies.length).toBeGreaterThan(10)
      expect(rows.sets.length).toBeGreaterThan(10)
      await expectInStep(db())
    }, 60_000)

    it('follow a new item, with proposers, types and amounts', async () => {
      const strategy = await db()
        .selectFrom('strategies')
        .select('id')
        .where('name', '=', 'CITA 2030')
        .executeTakeFirstOrThrow()
      const input = ItemForm.parse({
        ref: 'N-01',
        title_en: 'New corridor study',
        strategy_id: strategy.id,
        proposers: ['UZB', 'KAZ'],
        modalities: ['technical_assistance'],
        cost_usd_m: '12.5',
        secured_usd_m: '2',
        start_year: '2027',
        strategic_importance: 4,
        ease_of_implementation: 4,
      })
      expect(await createItem(db(), people.secretariat, input)).toEqual({ kind: 'saved', ref: 'N-01' })
      await expectInStep(db())
    })

    it('follow an edit of strategy, proposers, types, years and amounts', async () => {
      const before = await item('N-01')
      const other = { id: 'other-strategy' }
      await db()
        .insertInto('strategies')
        .values({ id: other.id, name: 'Other strategy', created_at: NOW.toISOString() })
        .execute()
      const input = ItemForm.parse({
        ...formValuesOf(before),
        strategy_id: other.id,
        pillar_id: undefined,
        area_id: undefined,
        proposers: ['REG'],
        modalities: [],
        cost_usd_m: '40',
        start_year: '',
        strategic_importance: 1,
      })
      expect(
        await updateItem(db(), people.secretariat, 'N-01', input, JSON.stringify(baselineOf(before))),
      ).toEqual({ kind: 'saved', ref: 'N-01' })
      await expectInStep(db())
    })

    it('follow a status move, archiving and restoring', async () => {
      expect((await transition(db(), people.secretariat, 'N-01', 'under_review', null)).kind).toBe('done')
      await expectInStep(db())
      expect(await setArchived(db(), people.secretariat, 'N-01', true)).toEqual({ kind: 'done' })
      await expectInStep(db())
      expect(await setArchived(db(), people.secretariat, 'N-01', false)).toEqual({ kind: 'done' })
      await expectInStep(db())
    })

    it('follow publication, a member’s score and a committed co-financing flag', async () => {
      const refs = (await db().selectFrom('items').select('ref').orderBy('ref').limit(5).execute()).map(
        (r) => r.ref,
      )
      expect((await setPublished(db(), people.secretariat, [...refs, 'N-01'], true)).kind).toBe('done')
      await expectInStep(db())
      const scored = await saveScore(db(), people.member, 'N-01', {
        strategic_importance: 5,
        ease_of_implementation: 5,
        note: '',
      })
      expect(scored.kind).toBe('done')
      await expectInStep(db())
      const flagged = await saveFlag(db(), people.partner, refs[0]!, {
        instrument: 'grant',
        stage: 'committed',
        amount_usd_m: 3000,
        note: '',
      })
      expect(flagged.kind).toBe('done')
      await expectInStep(db())
      expect((await tallyRows(db())).flags.length).toBeGreaterThan(0)
      expect((await withdrawFlag(db(), people.partner, refs[0]!)).kind).toBe('done')
      await expectInStep(db())
    })

    it('follow a re-import that changes statuses and amounts, and one that adds an item', async () => {
      const [first] = await db()
        .selectFrom('items')
        .select(['ref'])
        .where('status', '=', 'proposed')
        .where('ref', '<>', 'N-01')
        .orderBy('ref')
        .limit(1)
        .execute()
      const plan = (await getItemByRef(db(), first!.ref))!
      const csv = toCsv([
        {
          ref: plan.ref,
          strategy: plan.strategy,
          pillar: plan.pillar ?? '',
          area: plan.area ?? '',
          title_en: plan.title_en,
          proposers: 'KGZ;TAJ',
          modalities: 'knowledge_services',
          status: 'under_review',
          cost_usd_m: '77',
          start_year: '2026',
        },
        {
          ref: 'N-02',
          strategy: plan.strategy,
          title_en: 'Imported study',
          proposers: 'MON',
          status: 'approved',
          cost_usd_m: '5',
          secured_usd_m: '1',
        },
      ])
      const imported = await importCsv(db(), csv, people.secretariat.id)
      expect(imported.ok, JSON.stringify(imported)).toBe(true)
      expect((await item(plan.ref)).status).toBe('under_review')
      await expectInStep(db())
    }, 60_000)
  })
}
