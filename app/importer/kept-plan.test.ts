import { describe, expect, it } from 'vitest'
import { confirmElsewhere } from '../../tests/setup/confirm-elsewhere'
import { csvBytes, importRow, insertUser, toCsv } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import type { Actor } from '../permissions/permissions'
import { getItemByRef } from '../portfolio/items.server'
import { importCsv } from './import.server'
import { keptBatches, keptPlan } from './kept-plan.server'
import type { BatchPlan } from './plan.server'
import { planFile } from './staged.server'
import { commitUpload, previewUpload, saveUpload, type PreviewOutcome } from './uploads.server'

// The preview's plan kept for the confirmation (docs/decisions/0060-kept-import-plan.md): written
// when nothing it read has moved, planned again when something has, and whichever way, the
// register ends as a confirmation that planned the file again would leave it.

const good = importRow
const file = csvBytes

describe("an import confirmed with its preview's plan", () => {
  const t = useTestDb()

  async function setUp() {
    const secretariat = await insertUser(t.db, 'secretariat')
    const outcome = await importCsv(t.db, toCsv([good('OLD-1'), good('OLD-2')]), null)
    if (!outcome.ok) throw new Error('fixture import refused')
    return secretariat
  }

  async function upload(user: Actor, rows: Array<Record<string, string>>): Promise<string> {
    const saved = await saveUpload(t.db, user, 'plan.csv', file(rows))
    if (!saved.ok) throw new Error(`upload refused: ${JSON.stringify(saved.error)}`)
    return saved.id
  }

  async function ready(user: Actor, id: string): Promise<Extract<PreviewOutcome, { kind: 'ready' }>> {
    const preview = await previewUpload(t.db, user, id)
    if (preview.kind !== 'ready') throw new Error(`no plan: ${JSON.stringify(preview)}`)
    return preview
  }

  const planParts = async (uploadId?: string) =>
    (
      await t.db
        .selectFrom('import_plans')
        .select(['upload_id', 'part'])
        .$if(!!uploadId, (q) => q.where('upload_id', '=', uploadId!))
        .orderBy('part')
        .execute()
    ).map((r) => r.part)

  /** Everything an import writes, to compare before and after. */
  async function register() {
    const [items, events, strategies, pillars, proposers] = await Promise.all([
      t.db.selectFrom('items').selectAll().orderBy('ref').execute(),
      t.db.selectFrom('item_events').selectAll().orderBy('id').execute(),
      t.db.selectFrom('strategies').selectAll().orderBy('id').execute(),
      t.db.selectFrom('pillars').selectAll().orderBy('id').execute(),
      t.db.selectFrom('item_proposers').selectAll().orderBy('item_id').orderBy('position').execute(),
    ])
    return { items, events, strategies, pillars, proposers }
  }

  // 1,200 rows: three batches (BATCH_ROWS), with an update, an unchanged row and a new name.
  const threeBatches = () => [
    good('OLD-1', { cost_usd_m: '11' }),
    good('OLD-2'),
    ...Array.from({ length: 1_198 }, (_, i) =>
      good(`K-${i + 1}`, i === 1_100 ? { strategy: 'Late strategy', pillar: 'Late pillar', area: '' } : {}),
    ),
  ]

  it('keeps the plan the confirmation would make, a batch a row, and writes it without planning again', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, threeBatches())
    const preview = await ready(secretariat, id)
    expect(await planParts(id)).toEqual([0, 1, 2, 3])

    // The kept batches are the plan a confirmation planning again makes of the same file.
    const kept = await keptPlan(t.db, id, preview.digest)
    if (!kept) throw new Error('no kept plan')
    const keptList: BatchPlan[] = []
    for await (const batch of keptBatches(t.db, kept)) keptList.push(batch)
    const again: BatchPlan[] = []
    const planned = await planFile(t.db, 'plan.csv', file(threeBatches()), 'as_recorded', {
      onBatch: async (batch) => void again.push(JSON.parse(JSON.stringify(batch)) as BatchPlan),
    })
    if (!planned.ok) throw new Error('planning again refused the file')
    // equal but for the ids of the names the file brings, made anew by each planning
    const named = (batches: BatchPlan[], added: Array<{ id: string; name: string }>) =>
      added.reduce((text, n) => text.replaceAll(n.id, `new ${n.name}`), JSON.stringify(batches))
    expect(named(keptList, kept.newTaxonomy)).toEqual(named(again, planned.newTaxonomy))
    expect(kept.taxonomyFingerprint).toBe(planned.taxonomyFingerprint)
    expect(kept.newTaxonomy.map((n) => n.name)).toEqual(['Late strategy', 'Late pillar'])

    expect(await commitUpload(t.db, secretariat, id, preview.digest)).toEqual({
      kind: 'done',
      summary: preview.summary,
      planned: 'at_preview',
    })
    expect(await planParts()).toEqual([]) // removed with the import
    expect(await getItemByRef(t.db, 'OLD-1')).toMatchObject({ cost_usd_m: 11, version: 2 })
    expect((await getItemByRef(t.db, 'K-1101'))?.strategy_id).toBe(
      (
        await t.db
          .selectFrom('strategies')
          .select('id')
          .where('name', '=', 'Late strategy')
          .executeTakeFirst()
      )?.id,
    )
    expect(
      await t.db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 1_200 })
    expect(
      await t.db
        .selectFrom('item_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', 'imported')
        .where('actor_id', '=', secretariat.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 1_199 }) // 1,198 created, 1 updated, none for the unchanged row
    expect(await commitUpload(t.db, secretariat, id, preview.digest)).toEqual({ kind: 'already_imported' })
  })

  it('plans again when an item the file names was edited meanwhile, and keeps that edit', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, threeBatches())
    const preview = await ready(secretariat, id)
    // An edit of a field the file leaves out: the kept plan would write the description read at
    // the preview; planned again, the file still does what the preview showed.
    await t.db
      .updateTable('items')
      .set((eb) => ({ description_en: 'Written meanwhile', version: eb('version', '+', 1) }))
      .where('ref', '=', 'OLD-1')
      .execute()
    const outcome = await commitUpload(t.db, secretariat, id, preview.digest)
    expect(outcome).toMatchObject({ kind: 'done', planned: 'again' })
    expect(await getItemByRef(t.db, 'OLD-1')).toMatchObject({
      cost_usd_m: 11,
      description_en: 'Written meanwhile',
      version: 3,
    })
    expect(await planParts()).toEqual([])
  })

  it('refuses, writing nothing, when planning again no longer gives what the preview showed', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, threeBatches())
    const preview = await ready(secretariat, id)
    // A ref the file creates, made meanwhile by someone else: the row is now an update.
    await importCsv(t.db, toCsv([good('K-600', { title_en: 'Made by hand' })]), null)
    const before = await register()
    expect(await commitUpload(t.db, secretariat, id, preview.digest)).toEqual({ kind: 'changed' })
    expect(await register()).toEqual(before)
    // the new preview, kept in its turn, is the one imported
    const fresh = await ready(secretariat, id)
    expect(fresh.summary.updated).toContain('K-600')
    expect(await commitUpload(t.db, secretariat, id, fresh.digest)).toMatchObject({
      kind: 'done',
      planned: 'at_preview',
    })
    expect(await getItemByRef(t.db, 'K-600')).toMatchObject({ title_en: 'Item K-600' })
  })

  it('plans again when the taxonomy changed: still correct when the file does the same, refused when not', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, threeBatches())
    const preview = await ready(secretariat, id)
    // A name the file does not use: the fingerprint differs, the plan made again is the same.
    await importCsv(
      t.db,
      toCsv([good('OTHER-1', { strategy: 'Unrelated strategy', pillar: 'P', area: '' })]),
      null,
    )
    expect(await commitUpload(t.db, secretariat, id, preview.digest)).toMatchObject({
      kind: 'done',
      planned: 'again',
    })
    expect(
      await t.db.selectFrom('strategies').select('id').where('name', '=', 'Late strategy').execute(),
    ).toHaveLength(1)

    // The name the file brings, made meanwhile: the import would no longer make it.
    const second = await upload(secretariat, [
      good('NEW-1', { strategy: 'Brand new', pillar: 'BN', area: '' }),
    ])
    const shown = await ready(secretariat, second)
    await importCsv(t.db, toCsv([good('OTHER-2', { strategy: 'Brand new', pillar: 'BN', area: '' })]), null)
    const before = await register()
    expect(await commitUpload(t.db, secretariat, second, shown.digest)).toEqual({ kind: 'changed' })
    expect(await register()).toEqual(before)
    const fresh = await ready(secretariat, second)
    expect(fresh.summary.newTaxonomy).toEqual([])
    expect(await commitUpload(t.db, secretariat, second, fresh.digest)).toMatchObject({ kind: 'done' })
    expect(
      await t.db.selectFrom('strategies').select('id').where('name', '=', 'Brand new').execute(),
    ).toHaveLength(1)
  })

  it('keeps one plan an upload: a second preview replaces the first, a file with problems keeps none, the upload takes its plan with it', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, threeBatches())
    const first = await ready(secretariat, id)
    const heads = () => t.db.selectFrom('import_plans').select('plan_id').where('part', '=', 0).execute()
    const [firstHead] = await heads()
    await ready(secretariat, id)
    const after = await heads()
    expect(after).toHaveLength(1)
    expect(after[0]!.plan_id).not.toBe(firstHead!.plan_id)
    expect(await planParts(id)).toEqual([0, 1, 2, 3])
    // the same digest (the register did not move): the second preview's plan is written
    expect(await commitUpload(t.db, secretariat, id, first.digest)).toMatchObject({ planned: 'at_preview' })

    // Problems in the third batch: the first two batches' plans are not kept.
    const rows = threeBatches()
    rows[1_150] = { ...rows[1_150]!, cost_usd_m: 'lots' }
    const bad = await upload(secretariat, rows)
    expect(await previewUpload(t.db, secretariat, bad)).toMatchObject({
      kind: 'errors',
      errors: [{ row: 1_152, column: 'cost_usd_m' }],
    })
    expect(await planParts(bad)).toEqual([])

    const left = await upload(secretariat, [good('NEW-1')])
    await ready(secretariat, left)
    expect(await planParts(left)).toEqual([0, 1])
    await t.db.deleteFrom('import_uploads').where('id', '=', left).execute()
    expect(await planParts()).toEqual([])
  })

  it('refuses a status change the workflow does not allow, then writes the kept plan "as recorded"', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, [good('OLD-1', { status: 'completed' }), good('NEW-1')])
    const preview = await ready(secretariat, id)
    expect(preview.summary.disallowedMoves).toHaveLength(1)
    expect(await commitUpload(t.db, secretariat, id, preview.digest)).toMatchObject({
      kind: 'status_refused',
    })
    expect(await getItemByRef(t.db, 'NEW-1')).toBeNull()
    expect(await commitUpload(t.db, secretariat, id, preview.digest, true)).toMatchObject({
      kind: 'done',
      planned: 'at_preview',
    })
    expect(await getItemByRef(t.db, 'OLD-1')).toMatchObject({ status: 'completed' })
  })

  it('is found by a confirmation in another process (another server, or this one restarted)', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, threeBatches())
    const preview = await ready(secretariat, id)
    const elsewhere = await confirmElsewhere(t.url, secretariat, id, preview.digest)
    expect(elsewhere.outcome).toEqual({ kind: 'done', planned: 'at_preview' })
    expect(await getItemByRef(t.db, 'K-1198')).toMatchObject({ title_en: 'Item K-1198' })
    expect(await planParts()).toEqual([])
  }, 60_000)

  it('leaves nothing half written when the confirming process is killed mid-import, and the kept plan is imported after', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, threeBatches())
    const preview = await ready(secretariat, id)
    const before = await register()
    // killed as the first history rows are written: the first batch's items are in the
    // transaction then, never committed
    const killed = await confirmElsewhere(t.url, secretariat, id, preview.digest, { dieInHistory: true })
    expect(killed.killed).toBe(true)
    expect(await register()).toEqual(before)
    expect(
      await t.db
        .selectFrom('import_uploads')
        .select(['imported_at', 'result'])
        .where('id', '=', id)
        .executeTakeFirst(),
    ).toEqual({ imported_at: null, result: null })
    expect(await planParts(id)).toEqual([0, 1, 2, 3])
    expect(await commitUpload(t.db, secretariat, id, preview.digest)).toMatchObject({
      kind: 'done',
      planned: 'at_preview',
    })
    expect(await getItemByRef(t.db, 'K-1198')).not.toBeNull()
  }, 60_000)
})
