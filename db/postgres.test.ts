import fs from 'node:fs'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { inRolledBackTransaction } from './transactions'
import { importCsv } from '../app/importer/import.server'
import { commitUpload, previewUpload, saveUpload } from '../app/importer/uploads.server'
import type { Actor } from '../app/permissions/permissions'
import { baselineOf, createItem, getItemByRef, setArchived, updateItem } from '../app/portfolio/items.server'
import { listItems } from '../app/portfolio/list.server'
import { formValuesOf, ItemForm } from '../app/portfolio/schema'
import { insertUser, listQuery, PLAN_FILE, toCsv } from '../tests/setup/fixtures'
import { itemTextCases } from '../tests/setup/item-text-cases'
import { searchIndexCases } from '../tests/setup/search-index-cases'
import { translationCases } from '../tests/setup/translation-cases'
import { adminQuery, createPgTestDb, type PgTestDb } from '../tests/setup/pg-db'
import { confirmElsewhere } from '../tests/setup/confirm-elsewhere'
import { getHistory } from '../app/history/history.server'
import { transition } from '../app/workflow/workflow.server'
import {
  addComment,
  deleteComment,
  editComment,
  getComments,
  getRevisions,
} from '../app/comments/comments.server'
import { databaseKind } from './connect'
import type { Database } from './schema'
import { TAXONOMY_NAMES_FILE } from './seed'
import {
  getTaxonomyNames,
  parseTaxonomyNames,
  setTaxonomyNames,
} from '../app/portfolio/taxonomy-names.server'
import { saveFlag, withdrawFlag } from '../app/cofinancing/cofinancing.server'
import { FlagForm } from '../app/cofinancing/schema'
import { followItem } from '../app/notifications/follows.server'
import { getInbox, markRead, unreadCount } from '../app/notifications/inbox.server'
import { deliverOutbox } from '../app/notifications/outbox.server'
import { getActivity } from '../app/activity/activity.server'
import { ActivityQuery } from '../app/activity/query'
import { ScoreForm } from '../app/prioritisation/schema'
import { getScores, saveScore, withdrawScore } from '../app/prioritisation/scores.server'
import { getPriorities } from '../app/prioritisation/priorities.server'
import {
  addByRefs,
  addFromView,
  carryDeferred,
  getAgenda,
  moveAgendaItem,
  openMeeting,
  recordDecision,
} from '../app/meetings/meetings.server'
import { getMeetingPack } from '../app/meetings/pack.server'
import { loadMeetingRows, newMeeting } from '../app/meetings/test-fixtures'
import { changesSince, getSnapshot, getSnapshotItems, takeSnapshot } from '../app/snapshots/snapshots.server'
import { bulkMove, resolveSelection } from '../app/bulk/bulk.server'
import { listViews, saveView, renameView, deleteView } from '../app/views/views.server'
import { getGrid, saveGridRow } from '../app/prioritisation/grid.server'
import { seedItems } from '../tests/setup/fixtures'

// The same server functions as the SQLite tests, against PostgreSQL. vite.config.ts includes this
// file only when TEST_DATABASE_URL_PG names a server (`.ci/run` starts one; so does
// scripts/pg-local.sh), so a run without PostgreSQL reports nothing skipped.

const serverUrl = process.env.TEST_DATABASE_URL_PG
if (!serverUrl || databaseKind(serverUrl) !== 'postgres') {
  throw new Error(
    'db/postgres.test.ts needs TEST_DATABASE_URL_PG=postgres://... (vite.config.ts leaves it out otherwise)',
  )
}

/** A snapshot taken, or the test fails with the outcome's kind. */
async function take(...args: Parameters<typeof takeSnapshot>) {
  const outcome = await takeSnapshot(...args)
  if (outcome.kind !== 'taken') throw new Error(`no snapshot: ${outcome.kind}`)
  return outcome
}

describe('on PostgreSQL', () => {
  let pgDb: PgTestDb
  let secretariat: Actor
  const db = () => pgDb.db

  beforeAll(async () => {
    pgDb = await createPgTestDb(serverUrl)
    secretariat = await insertUser(db(), 'secretariat')
  }, 30_000)

  afterAll(async () => {
    await pgDb?.close()
  })

  it('survives the server closing an idle connection, and the next query opens a new one', async () => {
    const backend = async () =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db())).rows[0]!.pid
    const pid = await backend()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      await adminQuery(serverUrl, `select pg_terminate_backend(${pid})`)
      await vi.waitFor(() =>
        expect(logged).toHaveBeenCalledWith(expect.stringContaining('closed by the server')),
      )
      expect(await backend()).not.toBe(pid)
    } finally {
      logged.mockRestore()
    }
  })

  it('migrates a fresh database with the fixed vocabularies', async () => {
    const countries = await db().selectFrom('countries').select('code').orderBy('position').execute()
    expect(countries.map((c) => c.code)).toEqual([
      'AZE',
      'PRC',
      'GEO',
      'KAZ',
      'KGZ',
      'MON',
      'PAK',
      'TAJ',
      'TKM',
      'UZB',
      'REG',
    ])
    expect(await db().selectFrom('item_types').select('code').execute()).toHaveLength(4)
  })

  it('imports the real plan, and re-imports it unchanged', async () => {
    const first = await importCsv(db(), fs.readFileSync(PLAN_FILE), null)
    expect(first.ok && first.summary.created.length).toBe(80)
    const again = await importCsv(db(), fs.readFileSync(PLAN_FILE), null)
    expect(again.ok && again.summary.unchanged.length).toBe(80)
    expect(await getItemByRef(db(), 'CITA-01-a')).toMatchObject({
      proposers: ['TKM', 'UZB'],
      modalities: ['policy_dialogue', 'investment_project'],
      version: 1,
      archived: false,
    })
  })

  it('creates items through the importer and the form, then filters, sorts and pages them', async () => {
    const imported = await importCsv(
      db(),
      toCsv([
        {
          ref: 'PG-01',
          strategy: 'Digital Strategy 2030',
          pillar: 'Pillar 1: Digital infrastructure',
          title_en: 'Broadband',
          title_ru: 'Широкополосный ДОСТУП',
          proposers: 'MON;KAZ',
          cost_usd_m: '300',
          secured_usd_m: '12.5',
        },
        {
          ref: 'PG-02',
          strategy: 'Digital Strategy 2030',
          title_en: 'E-commerce 100% online',
          proposers: 'KAZ',
          cost_usd_m: '0.5',
        },
        { ref: 'PG-03', strategy: 'Digital Strategy 2030', title_en: 'Data study', proposers: 'KAZ' },
      ]),
      null,
    )
    expect(imported.ok).toBe(true)
    const strategy = await db()
      .selectFrom('strategies')
      .select('id')
      .where('name', '=', 'Digital Strategy 2030')
      .executeTakeFirstOrThrow()
    const input = ItemForm.parse({
      ref: 'PG-04',
      title_en: 'Cloud exchange',
      strategy_id: strategy.id,
      proposers: ['UZB', 'KAZ'],
      cost_usd_m: '42.125',
      strategic_importance: 4,
      ease_of_implementation: 5,
    })
    expect(await createItem(db(), secretariat, input)).toEqual({ kind: 'saved', ref: 'PG-04' })
    expect(await createItem(db(), secretariat, { ...input, title_en: 'again' })).toEqual({
      kind: 'invalid',
      fieldErrors: { ref: ['validation.refTaken'] },
    })

    const query = listQuery({
      strategy: ['Digital Strategy 2030'],
      proposers: ['KAZ'],
      sort: '-cost_usd_m',
      pageSize: 3,
    })
    const page = await listItems(db(), query)
    expect(page.total).toBe(4)
    // Descending with the item without a cost last, as on SQLite (PostgreSQL puts nulls first by default).
    expect(page.items.map((i) => i.ref)).toEqual(['PG-01', 'PG-04', 'PG-02'])
    expect((await listItems(db(), { ...query, page: 2 })).items.map((i) => i.ref)).toEqual(['PG-03'])
    expect((await listItems(db(), { ...query, sort: 'cost_usd_m' })).items.map((i) => i.ref)).toEqual([
      'PG-02',
      'PG-04',
      'PG-01',
    ])
    expect(page.items[0]).toMatchObject({
      proposers: ['MON', 'KAZ'],
      cost_usd_m: 300,
      secured_usd_m: 12.5,
      gap_usd_m: 287.5,
      pillar: 'Pillar 1: Digital infrastructure',
      archived: false,
    })
    expect(page.items[1]).toMatchObject({
      proposers: ['UZB', 'KAZ'],
      cost_usd_m: 42.125,
      quadrant: 'quick_win',
      updated_by_name: 'Test secretariat',
    })
    expect(typeof page.total).toBe('number')
  })

  it('creates an item from a Russian title alone and searches any language, folding е/ё', async () => {
    await itemTextCases(db(), secretariat)
  })

  it('the pg_trgm search index finds exactly what the LIKE scan finds, in English, Russian and Chinese', async () => {
    await searchIndexCases(db())
    const index = await sql<{
      indexdef: string
    }>`select indexdef from pg_indexes where indexname = 'items_search_trgm'`.execute(db())
    expect(index.rows[0]?.indexdef).toMatch(/gin \(search_text gin_trgm_ops\)/)
  })

  it('searches case-insensitively and treats LIKE wildcards as text', async () => {
    const found = async (q: string) =>
      (await listItems(db(), listQuery({ q, strategy: ['Digital Strategy 2030'] }))).items.map((i) => i.ref)
    expect(await found('доступ')).toEqual(['PG-01'])
    expect(await found('pg-0')).toEqual(['PG-01', 'PG-02', 'PG-03', 'PG-04'])
    expect(await found('100%')).toEqual(['PG-02'])
    expect(await found('_')).toEqual([])
  })

  it('detects a stale edit and archives', async () => {
    const opened = await getItemByRef(db(), 'PG-04')
    if (!opened) throw new Error('PG-04 missing')
    const form = {
      ref: 'PG-04',
      title_en: opened.title_en,
      strategy_id: opened.strategy_id,
      proposers: ['UZB', 'KAZ'] as const,
      cost_usd_m: '42.125',
      strategic_importance: 4,
      ease_of_implementation: 5,
      version: opened.version,
    }
    expect(
      await updateItem(
        db(),
        secretariat,
        'PG-04',
        ItemForm.parse({ ...form, title_en: 'Cloud exchange, phase 1' }),
        null,
      ),
    ).toEqual({ kind: 'saved', ref: 'PG-04' })
    const stale = await updateItem(
      db(),
      secretariat,
      'PG-04',
      ItemForm.parse(form),
      JSON.stringify(baselineOf(opened)),
    )
    expect(stale).toMatchObject({
      kind: 'conflict',
      changes: [{ field: 'title_en', before: 'Cloud exchange', after: 'Cloud exchange, phase 1' }],
    })

    expect(await setArchived(db(), secretariat, 'PG-04', true)).toEqual({ kind: 'done' })
    expect((await listItems(db(), listQuery({ q: 'pg-04' }))).total).toBe(0)
    expect(
      (await listItems(db(), listQuery({ q: 'pg-04', archived: 'only' }))).items.map((i) => i.archived),
    ).toEqual([true])
    // The unfiltered totals come from item_totals, kept by the PL/pgSQL trigger (migration 2026_12_02_0200).
    const count = async (archived: number) =>
      Number(
        (
          await db()
            .selectFrom('items')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('archived', '=', archived)
            .executeTakeFirstOrThrow()
        ).n,
      )
    expect((await listItems(db(), listQuery())).total).toBe(await count(0))
    expect((await listItems(db(), listQuery({ archived: 'only' }))).total).toBe(await count(1))
    expect(await count(1)).toBe(1)
  })

  it('keeps item_totals exact through multi-row inserts and deletes in one transaction', async () => {
    // Migration 2026_12_04_0400: inserts and deletes count their rows once per statement, from the
    // statement's transition table (a row trigger made a bulk insert quadratic, 0052).
    const check = async (executor: Kysely<Database>) => {
      const kept = await executor
        .selectFrom('item_totals')
        .select(['archived', 'n'])
        .orderBy('archived')
        .execute()
      const counted = await sql<{ archived: number; n: number }>`
        select a.archived, (select count(*) from items where archived = a.archived)::int as n
        from (values (0), (1)) a (archived) order by a.archived`.execute(executor)
      expect(kept).toEqual(counted.rows)
      return kept
    }
    const before = await check(db())
    await db()
      .transaction()
      .execute(async (trx) => {
        // live and archived rows in one statement, three statements in one transaction
        await sql`create temp table copies on commit drop as
          select * from items where ref in ('PG-01', 'PG-02', 'PG-04')`.execute(trx)
        for (let round = 1; round <= 3; round++) {
          await sql`update copies set id = ${`copy-${round}-`} || ref, ref = ${`COPY-${round}-`} || ref`.execute(
            trx,
          )
          await sql`insert into items select * from copies`.execute(trx)
        }
        await check(trx)
        await sql`delete from items where ref like 'COPY-3-%'`.execute(trx)
        await check(trx)
      })
    const after = await check(db())
    expect(after.map((r) => r.n - before.find((b) => b.archived === r.archived)!.n)).toEqual([4, 2])
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await sql`delete from items where ref like 'COPY-%'`.execute(trx)
          await check(trx)
          throw new Error('undone')
        }),
    ).rejects.toThrow('undone')
    expect(await check(db())).toEqual(after)
    await sql`delete from items where ref like 'COPY-%'`.execute(db())
    expect(await check(db())).toEqual(before)
  })

  it('moves an item through the workflow and keeps its history, refusals writing nothing', async () => {
    const wgKaz = await insertUser(db(), 'working_group', ['KAZ'])
    const committee = await insertUser(db(), 'steering_committee')
    expect(await transition(db(), wgKaz, 'PG-02', 'under_review', null)).toMatchObject({
      kind: 'done',
      item: { status: 'under_review', version: 2 },
    })
    expect(await transition(db(), wgKaz, 'PG-02', 'endorsed', null)).toMatchObject({
      kind: 'refused',
      refusal: { outcome: 'forbidden' },
    })
    expect(await transition(db(), secretariat, 'PG-02', 'proposed', '')).toMatchObject({
      kind: 'refused',
      refusal: { outcome: 'reason_required' },
    })
    expect(await transition(db(), committee, 'PG-02', 'on_hold', 'Waiting for the partner')).toMatchObject({
      kind: 'done',
    })
    expect(await transition(db(), committee, 'PG-02', 'under_review', null)).toMatchObject({
      kind: 'done',
      item: { status: 'under_review', version: 4 },
    })
    const history = await getHistory(db(), 'PG-02')
    expect(history?.map((e) => [e.seq, e.kind, e.by, e.details])).toEqual([
      [4, 'transition', 'Test steering_committee', { from: 'on_hold', to: 'under_review', reason: null }],
      [
        3,
        'transition',
        'Test steering_committee',
        { from: 'under_review', to: 'on_hold', reason: 'Waiting for the partner' },
      ],
      [2, 'transition', 'Test working_group', { from: 'proposed', to: 'under_review', reason: null }],
      [1, 'imported', null, { created: true, status: 'proposed', changes: [] }],
    ])
  })

  it('counts committed co-financing flags in the stored gap, with their history rows', async () => {
    const adb = await insertUser(db(), 'partner', [], 'ADB')
    const gap = async () =>
      (await db().selectFrom('items').select('gap_kusd').where('ref', '=', 'PG-01').executeTakeFirstOrThrow())
        .gap_kusd
    const before = await gap()
    expect(before).not.toBeNull()
    expect(
      await saveFlag(
        db(),
        adb,
        'PG-01',
        FlagForm.parse({ instrument: 'loan', stage: 'committed', amount_usd_m: '4.5' }),
      ),
    ).toEqual({ kind: 'done', changed: true })
    expect(await gap()).toBe(before! - 4500)
    expect((await getItemByRef(db(), 'PG-01'))?.gap_usd_m).toBe((before! - 4500) / 1000)
    expect((await getHistory(db(), 'PG-01'))?.[0]).toMatchObject({
      kind: 'flag',
      details: { action: 'flagged', organisation: 'ADB', amount_usd_m: 4.5 },
    })
    expect(await withdrawFlag(db(), adb, 'PG-01')).toEqual({ kind: 'done', changed: true })
    expect(await gap()).toBe(before)
  })

  it('keeps comments with their history, and two people commenting at once both get a place in it', async () => {
    const partner = await insertUser(db(), 'partner', [], 'ADB')
    const viewer = await insertUser(db(), 'viewer')
    const first = await addComment(db(), partner, 'PG-01', 'ADB could **co-finance** this.')
    if (first.kind !== 'done') throw new Error(JSON.stringify(first))
    expect(await addComment(db(), viewer, 'PG-01', 'Agreed', first.commentId)).toMatchObject({ kind: 'done' })
    expect(
      await editComment(db(), partner, 'PG-01', first.commentId, 'ADB and AIIB could co-finance this.'),
    ).toMatchObject({ kind: 'done' })
    expect(await editComment(db(), viewer, 'PG-01', first.commentId, 'Not mine')).toEqual({
      kind: 'forbidden',
      action: 'comment:edit',
    })
    const together = await Promise.all([
      addComment(db(), partner, 'PG-01', 'One'),
      addComment(db(), viewer, 'PG-01', 'Two'),
    ])
    expect(together.map((o) => o.kind)).toEqual(['done', 'done'])
    expect(await deleteComment(db(), partner, 'PG-01', first.commentId)).toMatchObject({ kind: 'done' })

    const item = await getItemByRef(db(), 'PG-01')
    const threads = await getComments(db(), viewer, item!.id)
    expect(threads.map((c) => [c.deleted, c.body, c.replies.map((r) => r.body)])[0]).toEqual([
      true,
      '',
      ['Agreed'],
    ])
    expect(
      threads
        .slice(1)
        .map((c) => c.body)
        .sort(),
    ).toEqual(['One', 'Two'])
    expect((await getRevisions(db(), first.commentId)).map((r) => r.body)).toEqual([
      'ADB could **co-finance** this.',
      'ADB and AIIB could co-finance this.',
    ])
    const comments = (await getHistory(db(), 'PG-01'))!.filter((e) => e.kind === 'comment')
    expect(comments.map((e) => (e.details as { action: string }).action)).toEqual([
      'deleted',
      'added',
      'added',
      'edited',
      'replied',
      'added',
    ])
    const seqs = comments.map((e) => e.seq)
    expect(new Set(seqs).size).toBe(seqs.length)
  })

  it('filters by partner interest (any, none, organisation, stage) with the other filters', async () => {
    const aiib = await insertUser(db(), 'partner', [], 'AIIB')
    const ebrd = await insertUser(db(), 'partner', [], 'EBRD')
    await saveFlag(db(), aiib, 'PG-01', FlagForm.parse({ instrument: 'grant', stage: 'interest' }))
    await saveFlag(
      db(),
      ebrd,
      'PG-02',
      FlagForm.parse({ instrument: 'loan', stage: 'committed', amount_usd_m: '0.1' }),
    )
    const refs = async (over: Parameters<typeof listQuery>[0]) =>
      (await listItems(db(), listQuery({ strategy: ['Digital Strategy 2030'], ...over }))).items.map(
        (i) => i.ref,
      )
    expect(await refs({ interest: 'any' })).toEqual(['PG-01', 'PG-02'])
    expect(await refs({ interest: 'none' })).toEqual(['PG-03'])
    expect(await refs({ interest_org: ['AIIB', 'World Bank'] })).toEqual(['PG-01'])
    expect(await refs({ interest: 'none', interest_org: ['EBRD'], sort: '-cost_usd_m' })).toEqual([
      'PG-01',
      'PG-03',
    ])
    expect(await refs({ interest_stage: ['committed'], proposers: ['KAZ'] })).toEqual(['PG-02'])
    expect(await refs({ interest_org: ['EBRD'], interest_stage: ['interest'] })).toEqual([])
    expect(await refs({ interest: 'any', q: 'broadband' })).toEqual(['PG-01'])
    const page = await listItems(db(), listQuery({ strategy: ['Digital Strategy 2030'], interest: 'any' }))
    expect(page.items.map((i) => i.interest)).toEqual([
      [{ organisation: 'AIIB', stage: 'interest' }],
      [{ organisation: 'EBRD', stage: 'committed' }],
    ])
  })

  it('saves financing sources with their history; an import leaves them be', async () => {
    const item = (await getItemByRef(db(), 'PG-01'))!
    const form = ItemForm.parse({
      ...formValuesOf(item),
      secured_government_usd_m: '10',
      secured_private_usd_m: '2.5',
    })
    expect(await updateItem(db(), secretariat, 'PG-01', form, null)).toMatchObject({ kind: 'saved' })
    expect(await getItemByRef(db(), 'PG-01')).toMatchObject({
      secured_usd_m: 12.5,
      secured_government_usd_m: 10,
      secured_partners_usd_m: null,
      secured_private_usd_m: 2.5,
    })
    expect((await getHistory(db(), 'PG-01'))?.[0]).toMatchObject({
      kind: 'edited',
      details: {
        changes: [
          { field: 'secured_government_usd_m', old: null, new: 10 },
          { field: 'secured_private_usd_m', old: null, new: 2.5 },
        ],
      },
    })
    const again = await importCsv(
      db(),
      toCsv([
        {
          ref: 'PG-01',
          strategy: 'Digital Strategy 2030',
          pillar: 'Pillar 1: Digital infrastructure',
          title_en: 'Broadband',
          title_ru: 'Широкополосный ДОСТУП',
          proposers: 'MON;KAZ',
          cost_usd_m: '300',
          secured_usd_m: '12.5',
        },
      ]),
      null,
    )
    expect(again.ok && again.summary.unchanged).toEqual(['PG-01'])
    expect(await getItemByRef(db(), 'PG-01')).toMatchObject({
      secured_government_usd_m: 10,
      secured_private_usd_m: 2.5,
    })
  })

  it('holds the largest amount (1,000,000 USD million) and refuses more with a message, from a file and the form alike', async () => {
    const row = { ref: 'MAX-1', strategy: 'CITA 2030', title_en: 'The largest amount', proposers: 'KAZ' }
    // 2,147,483.648 USD million overflowed the integer column with a stack trace; now it is refused first.
    for (const cost of ['2147483.648', '1000000.001']) {
      const refused = await importCsv(db(), toCsv([{ ...row, cost_usd_m: cost }]), null)
      expect(refused).toEqual({
        ok: false,
        errors: [{ row: 2, column: 'cost_usd_m', key: 'validation.amount', values: { text: cost } }],
      })
      expect(ItemForm.safeParse({ ...row, strategy_id: 'x', cost_usd_m: cost }).success).toBe(false)
    }
    const imported = await importCsv(
      db(),
      toCsv([{ ...row, cost_usd_m: '1000000', secured_usd_m: '999999.999' }]),
      null,
    )
    expect(imported.ok).toBe(true)
    expect(await getItemByRef(db(), 'MAX-1')).toMatchObject({
      cost_usd_m: 1_000_000,
      secured_usd_m: 999_999.999,
      gap_usd_m: 0.001,
    })
    const item = (await getItemByRef(db(), 'MAX-1'))!
    const form = ItemForm.parse({ ...formValuesOf(item), secured_government_usd_m: '999999.999' })
    expect(await updateItem(db(), secretariat, 'MAX-1', form, null)).toEqual({ kind: 'saved', ref: 'MAX-1' })
    expect((await getItemByRef(db(), 'MAX-1'))!.secured_government_usd_m).toBe(999_999.999)
  })

  it('tells followers in the inbox and the outbox, follows by hand (an upsert), and lists activity with filters', async () => {
    const wgMon = await insertUser(db(), 'working_group', ['MON'])
    const committee = await insertUser(db(), 'steering_committee')
    expect(await followItem(db(), committee, 'PG-01', true)).toEqual({ kind: 'done' })
    expect(await followItem(db(), committee, 'PG-01', false)).toEqual({ kind: 'done' })
    expect(await followItem(db(), committee, 'PG-01', true)).toEqual({ kind: 'done' })
    expect(await transition(db(), secretariat, 'PG-01', 'under_review', null)).toMatchObject({ kind: 'done' })
    for (const person of [wgMon, committee]) {
      expect((await getInbox(db(), person.id)).entries.map((e) => [e.kind, e.ref, e.details.to])).toEqual([
        ['transition', 'PG-01', 'under_review'],
      ])
      expect(await unreadCount(db(), person.id)).toBe(1)
    }
    const sent: string[] = []
    const report = await deliverOutbox(db(), {
      name: 'test',
      send: async (mail) => void sent.push(mail.subject),
    })
    expect(report.sent).toBeGreaterThanOrEqual(2)
    expect(sent).toContain('PG-01 is now Under review')
    expect(await markRead(db(), committee.id, 'all', new Date().toISOString())).toBe(1)

    const activity = await getActivity(db(), {
      ...ActivityQuery.parse({}),
      proposers: ['MON'],
      kind: ['transition'],
      pillar: ['Pillar 1: Digital infrastructure'],
    })
    expect(activity.entries.map((e) => [e.ref, e.kind])).toEqual([['PG-01', 'transition']])
  })

  it('imports from an upload: a dry run that writes nothing, a commit that does what it showed, a stale preview refused', async () => {
    const file = (rows: Array<Record<string, string>>) => new Uint8Array(Buffer.from(toCsv(rows), 'utf8'))
    const row = (ref: string, title: string) => ({
      ref,
      strategy: 'Upload Strategy',
      pillar: 'Upload pillar',
      title_en: title,
      proposers: 'KAZ',
    })
    const saved = await saveUpload(
      db(),
      secretariat,
      'plan.csv',
      file([row('UP-1', 'One'), row('UP-2', 'Two')]),
    )
    if (!saved.ok) throw new Error('upload refused')
    const preview = await previewUpload(db(), secretariat, saved.id)
    if (preview.kind !== 'ready') throw new Error(`no plan: ${preview.kind}`)
    expect(preview.summary.created).toEqual(['UP-1', 'UP-2'])
    expect(await getItemByRef(db(), 'UP-1')).toBeNull()
    expect(
      await db().selectFrom('strategies').select('id').where('name', '=', 'Upload Strategy').execute(),
    ).toEqual([])
    expect(await commitUpload(db(), secretariat, saved.id, preview.digest)).toEqual({
      kind: 'done',
      summary: preview.summary,
      planned: 'at_preview',
    })
    expect(await commitUpload(db(), secretariat, saved.id, preview.digest)).toEqual({
      kind: 'already_imported',
    })

    const again = await saveUpload(
      db(),
      secretariat,
      'plan.csv',
      file([row('UP-1', 'One again'), row('UP-3', 'Three')]),
    )
    if (!again.ok) throw new Error('upload refused')
    const stale = await previewUpload(db(), secretariat, again.id)
    if (stale.kind !== 'ready') throw new Error(`no plan: ${stale.kind}`)
    await db()
      .updateTable('items')
      .set({ title_en: 'Edited meanwhile', version: 2 })
      .where('ref', '=', 'UP-1')
      .execute()
    expect(await commitUpload(db(), secretariat, again.id, stale.digest)).toEqual({ kind: 'changed' })
    expect(await getItemByRef(db(), 'UP-3')).toBeNull()
    expect(await getItemByRef(db(), 'UP-1')).toMatchObject({ title_en: 'Edited meanwhile' })
  })

  it("confirms on another server with the preview's kept plan, and plans again when an item moved meanwhile", async () => {
    const row = (ref: string, over: Record<string, string> = {}) => ({
      ref,
      strategy: 'Kept Strategy',
      pillar: 'Kept pillar',
      title_en: `Kept ${ref}`,
      proposers: 'KAZ',
      ...over,
    })
    // 1,100 rows: three batches, an update of a stored item among them
    await importCsv(db(), toCsv([row('KP-0')]), null)
    const rows = [
      row('KP-0', { cost_usd_m: '5' }),
      ...Array.from({ length: 1_099 }, (_, i) => row(`KP-${i + 1}`)),
    ]
    const upload = async () => {
      const saved = await saveUpload(db(), secretariat, 'plan.csv', new Uint8Array(Buffer.from(toCsv(rows))))
      if (!saved.ok) throw new Error('upload refused')
      const preview = await previewUpload(db(), secretariat, saved.id)
      if (preview.kind !== 'ready') throw new Error(`no plan: ${preview.kind}`)
      return { id: saved.id, digest: preview.digest }
    }
    const parts = async (id: string) =>
      (
        await db()
          .selectFrom('import_plans')
          .select('part')
          .where('upload_id', '=', id)
          .orderBy('part')
          .execute()
      ).map((r) => r.part)

    // Previewed here, confirmed by a process of its own (another server's job runner).
    const first = await upload()
    expect(await parts(first.id)).toEqual([0, 1, 2, 3])
    expect((await confirmElsewhere(pgDb.url, secretariat, first.id, first.digest)).outcome).toEqual({
      kind: 'done',
      planned: 'at_preview',
    })
    expect(await getItemByRef(db(), 'KP-1099')).toMatchObject({ title_en: 'Kept KP-1099' })
    expect(await getItemByRef(db(), 'KP-0')).toMatchObject({ cost_usd_m: 5 })
    expect(await parts(first.id)).toEqual([])

    // The same file again, with a description written meanwhile on KP-0 (a field the file leaves
    // out): the kept plan no longer holds; planned again, the import keeps the description.
    rows[0] = row('KP-0', { cost_usd_m: '6' })
    const second = await upload()
    await db()
      .updateTable('items')
      .set((eb) => ({ description_en: 'Written meanwhile', version: eb('version', '+', 1) }))
      .where('ref', '=', 'KP-0')
      .execute()
    expect((await confirmElsewhere(pgDb.url, secretariat, second.id, second.digest)).outcome).toEqual({
      kind: 'done',
      planned: 'again',
    })
    expect(await getItemByRef(db(), 'KP-0')).toMatchObject({
      cost_usd_m: 6,
      description_en: 'Written meanwhile',
    })
  }, 120_000)

  it("stores members' scores with half-point medians and ranks the view by them", async () => {
    const one = await insertUser(db(), 'steering_committee')
    const two = await insertUser(db(), 'steering_committee')
    expect(
      await saveScore(
        db(),
        one,
        'PG-03',
        ScoreForm.parse({ strategic_importance: 5, ease_of_implementation: 2 }),
      ),
    ).toEqual({ kind: 'done', changed: true })
    expect(
      await saveScore(
        db(),
        two,
        'PG-03',
        ScoreForm.parse({ strategic_importance: 2, ease_of_implementation: 4, note: 'Costly' }),
      ),
    ).toEqual({ kind: 'done', changed: true })
    const row = await db()
      .selectFrom('items')
      .select(['scores_count', 'importance_median', 'ease_median', 'quadrant'])
      .where('ref', '=', 'PG-03')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ scores_count: 2, importance_median: 3.5, ease_median: 3, quadrant: 'quick_win' })
    const ranked = await getPriorities(db(), listQuery({ q: 'pg-03' }))
    expect(ranked.items.map((i) => [i.ref, i.importance, i.ease, i.scoredBy])).toEqual([['PG-03', 3.5, 3, 2]])
    expect(await withdrawScore(db(), one, 'PG-03')).toEqual({ kind: 'done', changed: true })
    expect((await getScores(db(), (await getItemByRef(db(), 'PG-03'))!.id)).aggregate).toEqual({
      count: 1,
      importance: { median: 2, min: 2, max: 2 },
      ease: { median: 4, min: 4, max: 4 },
    })
  })

  it('builds, reorders and opens a meeting, records decisions through the workflow and carries deferred items', async () => {
    await loadMeetingRows(db())
    const id = async (ref: string) => (await getItemByRef(db(), ref))!.id
    const input = {
      title: 'PG RTG meeting',
      body: 'regional_trade_group' as const,
      meeting_date: '2026-03-10',
      place: 'Tashkent',
    }
    const meeting = await newMeeting(db(), secretariat, input)
    expect(
      await addFromView(db(), secretariat, meeting, '?pillar=Pillar 1: Market access&sort=-ref'),
    ).toMatchObject({ added: ['M-02', 'M-01'] })
    expect(await addByRefs(db(), secretariat, meeting, ['m-03', 'M-01'])).toMatchObject({
      added: ['M-03'],
      already: ['M-01'],
    })
    await moveAgendaItem(db(), secretariat, meeting, await id('M-03'), 'up')
    expect((await getAgenda(db(), meeting)).map((a) => a.ref)).toEqual(['M-02', 'M-03', 'M-01'])
    expect(await openMeeting(db(), secretariat, meeting)).toMatchObject({ kind: 'opened' })
    expect(
      await recordDecision(db(), secretariat, meeting, await id('M-02'), 'endorse', 'Endorsed'),
    ).toMatchObject({ kind: 'refused', refusal: { outcome: 'not_allowed_from_state' } })
    expect(await recordDecision(db(), secretariat, meeting, await id('M-01'), 'endorse', 'Endorsed')).toEqual(
      { kind: 'recorded', ref: 'M-01', from: 'under_review', to: 'endorsed' },
    )
    expect(
      await recordDecision(db(), secretariat, meeting, await id('M-02'), 'defer', 'Later'),
    ).toMatchObject({ kind: 'recorded' })
    const next = await newMeeting(db(), secretariat, {
      ...input,
      title: 'PG RTG next',
      meeting_date: '2026-09-10',
    })
    expect(await carryDeferred(db(), secretariat, meeting, next)).toMatchObject({
      kind: 'carried',
      added: ['M-02'],
    })
    await addByRefs(db(), secretariat, next, ['M-01'])
    await openMeeting(db(), secretariat, next)
    const pack = (await getMeetingPack(db(), next))!
    expect(pack.items.map((i) => [i.ref, i.status])).toEqual([
      ['M-02', 'proposed'],
      ['M-01', 'endorsed'],
    ])
    expect(pack.changes.report!.sections.status.map((s) => s.ref)).toEqual(['M-01'])
    expect((await getHistory(db(), 'M-01'))![0]).toMatchObject({
      kind: 'decision',
      details: { decision: 'endorse', to: 'endorsed' },
    })
  })

  it('takes snapshots (one in a rolled-back transaction leaves nothing) and reports what changed since', async () => {
    const live = Number(
      (
        await db()
          .selectFrom('items')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('archived', '=', 0)
          .executeTakeFirstOrThrow()
      ).n,
    )
    const gone = await inRolledBackTransaction(db(), (trx) => take(trx, secretariat, 'Rolled back'))
    expect(await getSnapshot(db(), gone.id)).toBeNull()
    expect(
      await db().selectFrom('snapshot_items').select('item_id').where('snapshot_id', '=', gone.id).execute(),
    ).toEqual([])

    const before = await take(db(), secretariat, 'PG before', { meetingId: 'pg-meeting' })
    expect(before.itemCount).toBe(live)
    expect(await getSnapshot(db(), before.id)).toMatchObject({
      name: 'PG before',
      meetingId: 'pg-meeting',
      itemCount: live,
      takenBy: 'Test secretariat',
    })
    const [plan] = await getSnapshotItems(db(), before.id, [(await getItemByRef(db(), 'CITA-01-b'))!.id])
    expect(plan).toMatchObject({ ref: 'CITA-01-b', strategy: 'CITA 2030', archived: false })

    const wb = await insertUser(db(), 'partner', [], 'World Bank')
    await saveFlag(db(), wb, 'CITA-01-b', FlagForm.parse({ instrument: 'grant', stage: 'interest' }))
    await importCsv(
      db(),
      toCsv([
        {
          ref: 'PG-SNAP',
          strategy: 'CITA 2030',
          title_en: 'Snapshot test',
          proposers: 'KAZ',
          cost_usd_m: '2.5',
        },
      ]),
      null,
    )
    await setArchived(db(), secretariat, 'CITA-01-c', true)
    const after = await take(db(), secretariat, 'PG after')

    for (const to of ['now', after.id]) {
      const report = (await changesSince(db(), before.id, to))!
      expect(report.sections.interest).toEqual([
        expect.objectContaining({ ref: 'CITA-01-b', organisation: 'World Bank', stage: 'interest' }),
      ])
      expect(report.sections.new).toEqual([
        expect.objectContaining({
          ref: 'PG-SNAP',
          after: expect.objectContaining({ cost_usd_m: 2.5, gap_usd_m: 2.5 }),
        }),
      ])
      expect(report.sections.dropped).toEqual([
        expect.objectContaining({ ref: 'CITA-01-c', reason: 'removed' }),
      ])
      expect(report.itemCount).toEqual({ from: live, to: live })
    }
    await setArchived(db(), secretariat, 'CITA-01-c', false)
    expect((await changesSince(db(), after.id, 'now'))!.counts).toEqual({
      new: 1,
      dropped: 0,
      status: 0,
      funding: 0,
      scores: 0,
      interest: 0,
    })
  })
  it('stores strategy, pillar and area names per language and reads them for one language', async () => {
    const outcome = await setTaxonomyNames(db(), parseTaxonomyNames(fs.readFileSync(TAXONOMY_NAMES_FILE)))
    expect(outcome.unmatched).toEqual([])
    const zh = await getTaxonomyNames(db(), 'zh')
    expect(zh.pillar['Pillar 2: Greater diversification']).toBe('支柱 2：进一步多元化')
    const ru = await getTaxonomyNames(db(), 'ru')
    expect(ru.area['10 Trade reform']).toBe('10 Реформа торговли')
    expect(ru.area['PG area']).toBeUndefined()
  })

  it('runs bulk moves item by item, saves views, and saves scoring grid rows against their version', async () => {
    await seedItems(db(), [
      { ref: 'BK-01', strategy: 'CITA 2030', title_en: 'Bulk one', proposers: 'KAZ', status: 'proposed' },
      { ref: 'BK-02', strategy: 'CITA 2030', title_en: 'Bulk two', proposers: 'GEO', status: 'completed' },
      { ref: 'BK-03', strategy: 'CITA 2030', title_en: 'Bulk three', proposers: 'KAZ', status: 'proposed' },
    ])
    expect(await resolveSelection(db(), { all: true, view: '?q=bulk&sort=-ref' })).toEqual({
      kind: 'ok',
      refs: ['BK-03', 'BK-02', 'BK-01'],
    })
    const moved = await bulkMove(db(), secretariat, ['BK-01', 'BK-02', 'BK-03'], 'under_review', '')
    expect(moved.kind === 'done' && moved.results.map((r) => [r.ref, r.kind])).toEqual([
      ['BK-01', 'moved'],
      ['BK-02', 'refused'],
      ['BK-03', 'moved'],
    ])
    expect(
      (await listItems(db(), listQuery({ ref: ['BK-02', 'BK-03'], sort: '-ref' }))).items.map((i) => i.ref),
    ).toEqual(['BK-03', 'BK-02'])

    const member = await insertUser(db(), 'steering_committee')
    const saved = await saveView(db(), secretariat, { name: 'Bulk', query: '?q=bulk', shared: true })
    expect(saved.kind).toBe('saved')
    const id = saved.kind === 'saved' ? saved.view.id : ''
    expect(await renameView(db(), secretariat, id, 'Bulk items')).toMatchObject({ kind: 'saved' })
    expect((await listViews(db(), member)).map((v) => [v.name, v.query, v.shared])).toEqual([
      ['Bulk items', 'q=bulk', true],
    ])

    const first = await saveGridRow(
      db(),
      member,
      'BK-01',
      ScoreForm.parse({ strategic_importance: 4, ease_of_implementation: 3 }),
      '',
    )
    expect(first).toMatchObject({ kind: 'saved', median: { importance: 4, ease: 3, count: 1 } })
    expect(
      await saveGridRow(
        db(),
        member,
        'BK-01',
        ScoreForm.parse({ strategic_importance: 1, ease_of_implementation: 1 }),
        '',
      ),
    ).toMatchObject({ kind: 'conflict', current: { strategic_importance: 4 } })
    const grid = await getGrid(db(), member, listQuery({ q: 'bulk' }))
    expect('rows' in grid && grid.rows.map((r) => [r.ref, r.median?.importance ?? null])).toEqual([
      ['BK-01', 4],
      ['BK-02', null],
      ['BK-03', null],
    ])
    expect(await deleteView(db(), secretariat, id)).toEqual({ kind: 'deleted', name: 'Bulk items' })
  })

  // last: its working group members follow their countries' items, so its edits fill the outbox
  it('marks, filters, confirms and updates outdated translations, scoped by country', async () => {
    await translationCases(db(), {
      secretariat,
      kazakh: await insertUser(db(), 'working_group', ['KAZ']),
      georgian: await insertUser(db(), 'working_group', ['GEO']),
    })
  })
})
