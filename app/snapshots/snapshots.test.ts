import { describe, expect, it } from 'vitest'
import { seedItems } from '../../tests/setup/fixtures'
import { usePortfolio } from '../../tests/setup/portfolio'
import { FlagForm } from '../cofinancing/schema'
import { saveFlag, withdrawFlag } from '../cofinancing/cofinancing.server'
import { inRolledBackTransaction } from '../../db/transactions'
import { setArchived } from '../portfolio/items.server'
import { ScoreForm } from '../prioritisation/schema'
import { saveScore } from '../prioritisation/scores.server'
import { transition } from '../workflow/workflow.server'
import { fillItems } from '../../scripts/bench-data'
import { connect } from '../../db/connect'
import type { Database } from '../../db/schema'
import type { Kysely } from 'kysely'
import { kusdToMillion } from '../portfolio/money'
import {
  BATCH,
  changesSince,
  getSnapshot,
  getSnapshotItems,
  listSnapshots,
  takeSnapshot,
} from './snapshots.server'

const ROWS: Array<Record<string, string>> = [
  {
    ref: 'S-01',
    strategy: 'CITA 2030',
    pillar: 'Pillar 1',
    area: 'Area 1',
    title_en: 'Single window',
    title_ru: 'Единое окно',
    proposers: 'KAZ;UZB',
    modalities: 'policy_dialogue',
    status: 'proposed',
    cost_usd_m: '20',
    secured_usd_m: '5',
    partners: 'ADB;WB',
    start_year: '2025',
    end_year: '2027',
  },
  { ref: 'S-02', strategy: 'CITA 2030', title_en: 'Dry port', proposers: 'GEO', status: 'under_review' },
  {
    ref: 'S-03',
    strategy: 'CITA 2030',
    title_en: 'Trade study',
    proposers: 'KAZ',
    status: 'proposed',
    cost_usd_m: '1',
  },
  {
    ref: 'S-10',
    strategy: 'CITA 2030',
    title_en: 'Border post',
    proposers: 'UZB',
    status: 'endorsed',
    strategic_importance: '4',
    ease_of_implementation: '4',
  },
]

const COLUMNS = Object.keys(ROWS[0]!).concat('strategic_importance', 'ease_of_implementation')
const importRows = (db: Parameters<typeof seedItems>[0], rows: Array<Record<string, string>>) =>
  seedItems(db, rows, COLUMNS)

/** A snapshot taken, or the test fails with the outcome's kind. */
async function take(...args: Parameters<typeof takeSnapshot>) {
  const outcome = await takeSnapshot(...args)
  if (outcome.kind !== 'taken') throw new Error(`no snapshot: ${outcome.kind}`)
  return outcome
}

/** A change report between snapshots that exist. */
async function changes(...args: Parameters<typeof changesSince>) {
  const report = await changesSince(...args)
  if (!report) throw new Error('no such snapshot')
  return report
}

describe('snapshots', () => {
  const t = usePortfolio({
    items: ROWS,
    columns: COLUMNS,
    people: {
      secretariat: { role: 'secretariat' },
      adb: { role: 'partner', organisation: 'ADB' },
      committee: { role: 'steering_committee' },
      viewer: { role: 'viewer' },
    },
  })
  const { secretariat, adb, committee, viewer } = t.people

  it('keeps every non-archived item with what the pack needs', async () => {
    await setArchived(t.db, secretariat, 'S-03', true)
    await saveFlag(
      t.db,
      adb,
      'S-01',
      FlagForm.parse({ instrument: 'loan', stage: 'committed', amount_usd_m: '2.5' }),
    )
    const taken = await take(t.db, secretariat, '  Before SOM  ')
    expect(taken.itemCount).toBe(3)
    expect(await getSnapshot(t.db, taken.id)).toMatchObject({
      id: taken.id,
      name: 'Before SOM',
      takenBy: 'Test secretariat',
      meetingId: null,
      itemCount: 3,
    })
    const items = await getSnapshotItems(t.db, taken.id)
    expect(items.map((i) => i.ref)).toEqual(['S-01', 'S-02', 'S-10'])
    expect(items[0]).toMatchObject({
      ref: 'S-01',
      title_en: 'Single window',
      title_ru: 'Единое окно',
      title_zh: null,
      strategy: 'CITA 2030',
      pillar: 'Pillar 1',
      area: 'Area 1',
      modalities: ['policy_dialogue'],
      proposers: ['KAZ', 'UZB'],
      status: 'proposed',
      start_year: 2025,
      end_year: 2027,
      cost_usd_m: 20,
      secured_usd_m: 5,
      gap_usd_m: 12.5,
      partners: ['ADB', 'WB'],
      scores_count: 0,
      quadrant: 'unscored',
      archived: false,
      flags: [{ organisation: 'ADB', instrument: 'loan', stage: 'committed', amount_usd_m: 2.5 }],
    })
    expect(items[2]).toMatchObject({
      ref: 'S-10',
      strategic_importance: 4,
      ease_of_implementation: 4,
      quadrant: 'quick_win',
    })
    const some = await getSnapshotItems(t.db, taken.id, [items[1]!.id])
    expect(some.map((i) => i.ref)).toEqual(['S-02'])
  })

  it('is for the secretariat, by hand or by opening a meeting: others are refused, nothing is written', async () => {
    expect(await takeSnapshot(t.db, viewer, 'Mine')).toEqual({ kind: 'forbidden', action: 'snapshot:take' })
    expect(await takeSnapshot(t.db, committee, 'SC meeting 3', { meetingId: 'meeting-3' })).toEqual({
      kind: 'forbidden',
      action: 'meeting:manage',
    })
    expect(await takeSnapshot(t.db, secretariat, '   ')).toEqual({ kind: 'no_name' })
    expect(await listSnapshots(t.db)).toEqual([])
    const forMeeting = await take(t.db, secretariat, 'SC meeting 3', { meetingId: 'meeting-3' })
    expect(await getSnapshot(t.db, forMeeting.id)).toMatchObject({ meetingId: 'meeting-3', itemCount: 4 })
    expect((await listSnapshots(t.db)).map((s) => s.name)).toEqual(['SC meeting 3'])
  })

  it('taken inside a transaction that is rolled back leaves nothing', async () => {
    const taken = await inRolledBackTransaction(t.db, async (trx) => {
      const inside = await take(trx, secretariat, 'Never')
      expect((await getSnapshotItems(trx, inside.id)).length).toBe(4)
      return inside
    })
    expect(await getSnapshot(t.db, taken.id)).toBeNull()
    expect(await t.db.selectFrom('snapshot_items').select('item_id').execute()).toEqual([])
    expect(await t.db.selectFrom('snapshots').select('id').execute()).toEqual([])
  })

  it('reports nothing when nothing changed', async () => {
    const { id } = await take(t.db, secretariat, 'Quiet')
    const report = await changes(t.db, id, 'now')
    expect(report.counts).toEqual({ new: 0, dropped: 0, status: 0, funding: 0, scores: 0, interest: 0 })
    expect(report.itemCount).toEqual({ from: 4, to: 4 })
    expect(report.to.kind).toBe('now')
    expect(await changesSince(t.db, 'nope', 'now')).toBeNull()
    expect(await changesSince(t.db, id, 'nope')).toBeNull()
  })

  it('reports every kind of change since a snapshot, with the amounts', async () => {
    const { id } = await take(t.db, secretariat, 'Before')
    // new
    await importRows(t.db, [
      { ...ROWS[2]!, ref: 'S-04', title_en: 'Logistics hub', cost_usd_m: '3', secured_usd_m: '' },
    ])
    // dropped: archived, and moved to dropped
    await setArchived(t.db, secretariat, 'S-03', true)
    expect((await transition(t.db, committee, 'S-02', 'dropped', 'No sponsor')).kind).toBe('done')
    // status, and funding (cost, secured; the gap follows)
    expect((await transition(t.db, secretariat, 'S-01', 'under_review', null)).kind).toBe('done')
    await importRows(t.db, [{ ...ROWS[0]!, status: 'under_review', cost_usd_m: '25', secured_usd_m: '6' }])
    // scores and quadrant
    await saveScore(
      t.db,
      committee,
      'S-10',
      ScoreForm.parse({ strategic_importance: 2, ease_of_implementation: 2 }),
    )
    // new interest
    await saveFlag(t.db, adb, 'S-10', FlagForm.parse({ instrument: 'grant', stage: 'interest' }))

    const report = await changes(t.db, id, 'now')
    expect(report.counts).toEqual({ new: 1, dropped: 2, status: 1, funding: 1, scores: 1, interest: 1 })
    expect(report.itemCount).toEqual({ from: 4, to: 4 })
    expect(report.sections.new).toEqual([
      expect.objectContaining({
        ref: 'S-04',
        titles: expect.objectContaining({ en: 'Logistics hub' }),
        after: { status: 'proposed', quadrant: 'unscored', cost_usd_m: 3, secured_usd_m: null, gap_usd_m: 3 },
      }),
    ])
    expect(report.sections.dropped).toEqual([
      expect.objectContaining({
        ref: 'S-02',
        reason: 'status',
        before: expect.objectContaining({ status: 'under_review' }),
        after: { status: 'dropped' },
      }),
      expect.objectContaining({
        ref: 'S-03',
        reason: 'removed',
        before: { status: 'proposed', cost_usd_m: 1, secured_usd_m: null, gap_usd_m: 1 },
        after: null,
      }),
    ])
    expect(report.sections.status).toEqual([
      expect.objectContaining({
        ref: 'S-01',
        before: { status: 'proposed' },
        after: { status: 'under_review' },
      }),
    ])
    expect(report.sections.funding).toEqual([
      expect.objectContaining({
        ref: 'S-01',
        titles: { en: 'Single window', zh: null, ru: 'Единое окно' },
        before: { cost_usd_m: 20, secured_usd_m: 5, gap_usd_m: 15 },
        after: { cost_usd_m: 25, secured_usd_m: 6, gap_usd_m: 19 },
        changed: ['cost_usd_m', 'secured_usd_m', 'gap_usd_m'],
      }),
    ])
    expect(report.sections.scores).toEqual([
      expect.objectContaining({
        ref: 'S-10',
        quadrantChanged: true,
        before: expect.objectContaining({ scores_count: 0, importance_median: null, quadrant: 'quick_win' }),
        after: expect.objectContaining({
          scores_count: 1,
          importance_median: 2,
          ease_median: 2,
          quadrant: 'reconsider',
        }),
      }),
    ])
    expect(report.sections.interest).toEqual([
      expect.objectContaining({
        ref: 'S-10',
        organisation: 'ADB',
        instrument: 'grant',
        stage: 'interest',
        amount_usd_m: null,
      }),
    ])
    // a plain object: survives JSON unchanged
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)

    // limited to some items (a meeting's agenda)
    const ids = report.sections.funding.map((e) => e.itemId).concat(report.sections.new.map((e) => e.itemId))
    const some = await changes(t.db, id, 'now', { itemIds: ids })
    expect(some.restricted).toBe(true)
    expect(some.counts).toEqual({ new: 1, dropped: 0, status: 1, funding: 1, scores: 0, interest: 0 })
  })

  it('a committed flag moves the gap; withdrawing it moves the gap back and is not new interest', async () => {
    await saveFlag(t.db, adb, 'S-01', FlagForm.parse({ instrument: 'loan', stage: 'interest' }))
    const { id } = await take(t.db, secretariat, 'Before')
    await saveFlag(
      t.db,
      adb,
      'S-01',
      FlagForm.parse({ instrument: 'loan', stage: 'committed', amount_usd_m: '4' }),
    )
    const report = await changes(t.db, id, 'now')
    expect(report.counts).toMatchObject({ funding: 1, interest: 0 })
    expect(report.sections.funding[0]).toMatchObject({
      before: { gap_usd_m: 15 },
      after: { gap_usd_m: 11 },
      changed: ['gap_usd_m'],
    })
    await withdrawFlag(t.db, adb, 'S-01')
    expect((await changes(t.db, id, 'now')).counts).toMatchObject({ funding: 0, interest: 0 })
  })

  it('compares two snapshots as it compares a snapshot with now', async () => {
    const first = await take(t.db, secretariat, 'First')
    await setArchived(t.db, secretariat, 'S-03', true)
    await saveFlag(
      t.db,
      adb,
      'S-02',
      FlagForm.parse({ instrument: 'equity', stage: 'in_discussion', amount_usd_m: '7' }),
    )
    const second = await take(t.db, secretariat, 'Second')
    // changes after the second snapshot do not show between the two
    await setArchived(t.db, secretariat, 'S-03', false)
    await importRows(t.db, [{ ...ROWS[2]!, ref: 'S-05', title_en: 'Later' }])

    const between = await changes(t.db, first.id, second.id)
    expect(between.to).toEqual({
      kind: 'snapshot',
      id: second.id,
      name: 'Second',
      takenAt: expect.any(String),
    })
    expect(between.counts).toEqual({ new: 0, dropped: 1, status: 0, funding: 0, scores: 0, interest: 1 })
    expect(between.sections.dropped[0]).toMatchObject({ ref: 'S-03', reason: 'removed' })
    expect(between.sections.interest[0]).toMatchObject({
      ref: 'S-02',
      organisation: 'ADB',
      stage: 'in_discussion',
      amount_usd_m: 7,
    })

    const sinceSecond = await changes(t.db, second.id, 'now')
    expect(sinceSecond.sections.new.map((e) => e.ref)).toEqual(['S-03', 'S-05'])
    expect(sinceSecond.counts).toMatchObject({ new: 2, dropped: 0, interest: 0 })
    // backwards: the later snapshot's items not in the earlier one are new
    const backwards = await changes(t.db, second.id, first.id)
    expect(backwards.sections.new.map((e) => e.ref)).toEqual(['S-03'])
  })
})

describe('a snapshot of thousands of items', () => {
  const t = usePortfolio({ people: { secretariat: { role: 'secretariat' } } })
  const { secretariat } = t.people

  it('is taken and compared in batches, finding the few that changed', async () => {
    const empty = await take(t.db, secretariat, 'Empty')
    expect(empty.itemCount).toBe(0)
    await fillItems(t.db, 2600, null)
    const live = Number(
      (
        await t.db
          .selectFrom('items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('archived', '=', 0)
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(live).toBeGreaterThan(2 * BATCH)
    const { id, itemCount } = await take(t.db, secretariat, 'Big')
    expect(itemCount).toBe(live)
    const [one, two] = await t.db
      .selectFrom('items')
      .select(['id', 'ref', 'cost_kusd'])
      .where('archived', '=', 0)
      .orderBy('id', 'desc')
      .limit(2)
      .execute()
    await setArchived(t.db, secretariat, one!.ref, true)
    await t.db
      .updateTable('items')
      .set({ cost_kusd: (two!.cost_kusd ?? 0) + 1000 })
      .where('id', '=', two!.id)
      .execute()
    await importRows(t.db, [ROWS[2]!])
    const report = await changes(t.db, id, 'now')
    expect(report.itemCount).toEqual({ from: live, to: live })
    expect(report.counts).toEqual({ new: 1, dropped: 1, status: 0, funding: 1, scores: 0, interest: 0 })
    expect(report.sections.dropped[0]!.ref).toBe(one!.ref)
    expect(report.sections.funding[0]!.ref).toBe(two!.ref)
    expect((await getSnapshotItems(t.db, id)).length).toBe(live)
    // from nothing, everything is new; back to nothing, everything is dropped
    const all = await changes(t.db, empty.id, id)
    expect(all.counts).toMatchObject({ new: live, dropped: 0 })
    expect(new Set(all.sections.new.map((e) => e.itemId)).size).toBe(live)
    expect((await changes(t.db, id, empty.id)).counts).toMatchObject({ new: 0, dropped: live })
  }, 60_000)

  describe('taken as a job: read on a second connection, written in short transactions', () => {
    it('is the portfolio at one moment, though others write between its batches; unseen until whole', async () => {
      await fillItems(t.db, 2600, null)
      const reader = connect(t.url)
      // busy_timeout 0: a write here fails at once if the snapshot held SQLite's write lock
      const other = connect(t.url, { busyTimeoutMs: 0 })
      try {
        const [first, last] = await Promise.all([
          t.db
            .selectFrom('items')
            .select(['id', 'ref', 'cost_kusd'])
            .where('archived', '=', 0)
            .orderBy('id')
            .limit(1)
            .executeTakeFirstOrThrow(),
          t.db
            .selectFrom('items')
            .select(['id', 'ref', 'cost_kusd'])
            .where('archived', '=', 0)
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirstOrThrow(),
        ])
        const live = await countLive(t.db)
        const seen: Array<{ done: number; total: number; visible: number }> = []
        const outcome = await take(t.db, secretariat, 'As a job', {
          reader,
          progress: async (done, total) => {
            if (seen.length === 0) {
              // between two batches: the last item (not yet read) changes and is archived
              await other
                .updateTable('items')
                .set({ cost_kusd: (last.cost_kusd ?? 0) + 7000 })
                .where('id', '=', last.id)
                .execute()
              await other.updateTable('items').set({ archived: 1 }).where('id', '=', first.id).execute()
            }
            seen.push({ done, total, visible: (await listSnapshots(other)).length })
          },
        })
        expect(outcome.itemCount).toBe(live)
        expect(seen.length).toBeGreaterThanOrEqual(3)
        expect(seen[0]).toEqual({ done: BATCH, total: live, visible: 0 })
        expect(seen.at(-1)).toEqual({ done: live, total: live, visible: 1 })
        expect(seen.slice(0, -1).every((s) => s.visible === 0)).toBe(true)
        // as it was when the snapshot began: the later change and archiving are not in it
        const kept = await getSnapshotItems(t.db, outcome.id, [first.id, last.id])
        expect(kept.map((i) => i.ref).sort()).toEqual([first.ref, last.ref].sort())
        expect(kept.find((i) => i.id === last.id)?.cost_usd_m).toBe(kusdToMillion(last.cost_kusd))
        const report = await changes(t.db, outcome.id, 'now')
        expect(report.counts).toMatchObject({ new: 0, dropped: 1, funding: 1 })
      } finally {
        await Promise.all([reader.destroy(), other.destroy()])
      }
    }, 60_000)

    it('leaves nothing behind when it fails half way', async () => {
      await fillItems(t.db, 2600, null)
      const reader = connect(t.url)
      try {
        await expect(
          takeSnapshot(t.db, secretariat, 'Broken', {
            reader,
            progress: async () => {
              throw new Error('the disk is full')
            },
          }),
        ).rejects.toThrow('the disk is full')
        expect(await listSnapshots(t.db)).toEqual([])
        expect(await t.db.selectFrom('snapshot_items').select('item_id').limit(1).execute()).toEqual([])
        expect(await t.db.selectFrom('snapshots').select('id').execute()).toEqual([])
      } finally {
        await reader.destroy()
      }
    }, 60_000)
  })
})

async function countLive(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('archived', '=', 0)
    .executeTakeFirstOrThrow()
  return Number(n)
}
