import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { csvBytes, importRow, insertUser, toCsv } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import type { Actor } from '../permissions/permissions'
import { getItemByRef } from '../portfolio/items.server'
import { importCsv } from './import.server'
import { commitUpload, previewUpload, saveUpload, type PreviewOutcome } from './uploads.server'

const good = importRow
const file = csvBytes

describe('importing from the browser: upload, dry run, confirm', () => {
  const t = useTestDb()

  /** Everything an import may write, to compare before and after. */
  async function snapshot() {
    const [items, events, strategies, pillars, areas, proposers] = await Promise.all([
      t.db.selectFrom('items').selectAll().orderBy('ref').execute(),
      t.db.selectFrom('item_events').selectAll().orderBy('id').execute(),
      t.db.selectFrom('strategies').selectAll().orderBy('id').execute(),
      t.db.selectFrom('pillars').selectAll().orderBy('id').execute(),
      t.db.selectFrom('areas').selectAll().orderBy('id').execute(),
      t.db.selectFrom('item_proposers').selectAll().orderBy('item_id').orderBy('position').execute(),
    ])
    return { items, events, strategies, pillars, areas, proposers }
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

  async function setUp() {
    const secretariat = await insertUser(t.db, 'secretariat')
    const outcome = await importCsv(t.db, toCsv([good('OLD-1'), good('OLD-2')]), null)
    if (!outcome.ok) throw new Error('fixture import refused')
    return secretariat
  }

  it('the dry run shows what the commit then does, and writes nothing itself', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, [
      good('OLD-1'),
      good('OLD-2', { cost_usd_m: '12.5', proposers: 'KAZ;UZB' }),
      good('NEW-1', { strategy: 'Digital Strategy 2030', pillar: 'P1', area: '' }),
    ])
    const before = await snapshot()

    const preview = await ready(secretariat, id)
    expect(await snapshot()).toEqual(before)
    expect(preview.summary).toMatchObject({ created: ['NEW-1'], updated: ['OLD-2'], unchanged: ['OLD-1'] })
    expect(preview.summary.entries.find((e) => e.ref === 'OLD-2')).toEqual({
      ref: 'OLD-2',
      row: 3,
      title_en: 'Item OLD-2',
      outcome: 'updated',
      changes: [
        { field: 'proposers', old: ['KAZ'], new: ['KAZ', 'UZB'] },
        { field: 'cost_usd_m', old: 10, new: 12.5 },
      ],
    })
    expect(preview.summary.newTaxonomy).toEqual([
      { kind: 'strategy', name: 'Digital Strategy 2030', within: null },
      { kind: 'pillar', name: 'P1', within: 'Digital Strategy 2030' },
    ])
    // A second look gives the same plan.
    expect((await ready(secretariat, id)).digest).toBe(preview.digest)

    const committed = await commitUpload(t.db, secretariat, id, preview.digest)
    expect(committed).toEqual({ kind: 'done', summary: preview.summary, planned: 'at_preview' })
    expect(await getItemByRef(t.db, 'OLD-2')).toMatchObject({
      cost_usd_m: 12.5,
      proposers: ['KAZ', 'UZB'],
      version: 2,
    })
    expect(await getItemByRef(t.db, 'NEW-1')).toMatchObject({
      strategy: 'Digital Strategy 2030',
      pillar: 'P1',
      version: 1,
    })
    const events = await t.db
      .selectFrom('item_events')
      .select(['kind', 'actor_id'])
      .where('at', '>', before.items[0]!.updated_at)
      .execute()
    expect(events).toEqual([
      { kind: 'imported', actor_id: secretariat.id },
      { kind: 'imported', actor_id: secretariat.id },
    ])

    // Afterwards the upload shows what was imported, and cannot be imported again.
    expect(await previewUpload(t.db, secretariat, id)).toMatchObject({
      kind: 'imported',
      summary: preview.summary,
    })
    expect(await commitUpload(t.db, secretariat, id, preview.digest)).toEqual({ kind: 'already_imported' })
  })

  it('importing the same file again changes nothing', async () => {
    const secretariat = await setUp()
    const rows = [good('OLD-1', { title_en: 'Renamed' }), good('NEW-1')]
    const first = await upload(secretariat, rows)
    expect(
      await commitUpload(t.db, secretariat, first, (await ready(secretariat, first)).digest),
    ).toMatchObject({ kind: 'done' })
    const before = await snapshot()

    const again = await upload(secretariat, rows)
    const preview = await ready(secretariat, again)
    expect(preview.summary).toMatchObject({
      created: [],
      updated: [],
      unchanged: ['OLD-1', 'NEW-1'],
      newTaxonomy: [],
    })
    expect(await commitUpload(t.db, secretariat, again, preview.digest)).toMatchObject({ kind: 'done' })
    expect(await snapshot()).toEqual(before)
  })

  it('a file with errors is previewed as errors and cannot be committed; the database stays as it was', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, [
      good('NEW-1'),
      good('NEW-2', { proposers: 'KAZ;XXX' }),
      good('OLD-1', { cost_usd_m: 'lots' }),
    ])
    const before = await snapshot()
    expect(await previewUpload(t.db, secretariat, id)).toMatchObject({
      kind: 'errors',
      errors: [
        { row: 3, column: 'proposers', key: 'validation.country' },
        { row: 4, column: 'cost_usd_m', key: 'validation.amount' },
      ],
    })
    // Even with a digest from somewhere else, nothing is written.
    expect(await commitUpload(t.db, secretariat, id, 'a'.repeat(64))).toMatchObject({ kind: 'errors' })
    expect(await snapshot()).toEqual(before)
    expect((await previewUpload(t.db, secretariat, id)).kind).toBe('errors')
  })

  it('a commit whose plan no longer matches the preview is refused and rolled back', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, [good('NEW-1'), good('OLD-1', { title_en: 'From the file' })])
    const preview = await ready(secretariat, id)

    // Someone edits OLD-1 between the preview and the confirmation: the update would now change
    // a different old value than the one shown.
    await t.db
      .updateTable('items')
      .set({ title_en: 'Edited meanwhile', version: 2 })
      .where('ref', '=', 'OLD-1')
      .execute()
    const before = await snapshot()

    expect(await commitUpload(t.db, secretariat, id, preview.digest)).toEqual({ kind: 'changed' })
    expect(await snapshot()).toEqual(before)
    expect(await getItemByRef(t.db, 'NEW-1')).toBeNull()

    // The new preview shows the new old value, and confirming it imports.
    const fresh = await ready(secretariat, id)
    expect(fresh.digest).not.toBe(preview.digest)
    expect(fresh.summary.entries.find((e) => e.ref === 'OLD-1')?.changes).toEqual([
      { field: 'title_en', old: 'Edited meanwhile', new: 'From the file' },
    ])
    expect(await commitUpload(t.db, secretariat, id, fresh.digest)).toMatchObject({ kind: 'done' })
  })

  it('a failure in the database during the commit leaves everything unchanged', async () => {
    const secretariat = await setUp()
    const id = await upload(secretariat, [
      good('NEW-1'),
      good('NEW-2', { strategy: 'Brand new' }),
      good('OLD-1', { title_en: 'Changed' }),
    ])
    const preview = await ready(secretariat, id)
    // Break the history table after the preview: the commit's first event fails after its item was written.
    await sql`create trigger item_events_broken before insert on item_events begin select raise(abort, 'history unavailable'); end`.execute(
      t.db,
    )
    const before = await snapshot()
    await expect(commitUpload(t.db, secretariat, id, preview.digest)).rejects.toThrow('history unavailable')
    expect(await snapshot()).toEqual(before)
    expect(
      await t.db.selectFrom('import_uploads').select('imported_at').where('id', '=', id).executeTakeFirst(),
    ).toEqual({ imported_at: null })
  })

  it('each person sees only their own uploads', async () => {
    const secretariat = await setUp()
    const other = await insertUser(t.db, 'secretariat')
    const id = await upload(secretariat, [good('NEW-1')])
    const preview = await ready(secretariat, id)
    expect(await previewUpload(t.db, other, id)).toEqual({ kind: 'not_found' })
    expect(await commitUpload(t.db, other, id, preview.digest)).toEqual({ kind: 'not_found' })
    expect(await getItemByRef(t.db, 'NEW-1')).toBeNull()
  })

  it('refuses to keep a file of the wrong type, an empty one or one over 10 MB', async () => {
    const secretariat = await setUp()
    expect(await saveUpload(t.db, secretariat, 'plan.pdf', file([good('A')]))).toMatchObject({
      ok: false,
      error: { key: 'wrongType' },
    })
    expect(await saveUpload(t.db, secretariat, 'plan.csv', new Uint8Array(0))).toMatchObject({
      ok: false,
      error: { key: 'emptyFile' },
    })
    expect(
      await saveUpload(t.db, secretariat, 'plan.csv', new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61)),
    ).toMatchObject({ ok: false, error: { key: 'tooLarge' } })
    expect(await t.db.selectFrom('import_uploads').selectAll().execute()).toEqual([])
  })

  it('removes uploads left unimported for a day when someone uploads', async () => {
    const secretariat = await setUp()
    const stale = await upload(secretariat, [good('NEW-1')])
    const done = await upload(secretariat, [good('NEW-2')])
    expect(
      await commitUpload(t.db, secretariat, done, (await ready(secretariat, done)).digest),
    ).toMatchObject({ kind: 'done' })
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString()
    await t.db.updateTable('import_uploads').set({ created_at: old }).execute()
    await upload(secretariat, [good('NEW-3')])
    const ids = (await t.db.selectFrom('import_uploads').select('id').execute()).map((r) => r.id)
    expect(ids).not.toContain(stale)
    expect(ids).toContain(done) // imported uploads stay, with their summary
  })

  it('reads a file of several batches whole: a ref repeated far apart, and the names of every batch', async () => {
    const secretariat = await setUp()
    // 1,200 rows are three batches (BATCH_ROWS): a ref of the first repeated in the third is
    // found, and a strategy first named in the third batch is made once.
    const rows = Array.from({ length: 1_200 }, (_, i) => good(`B-${i + 1}`))
    const repeated = await upload(secretariat, [...rows.slice(0, 1_100), good('b-3'), ...rows.slice(1_100)])
    const refused = await previewUpload(t.db, secretariat, repeated)
    expect(refused).toMatchObject({
      kind: 'errors',
      errors: [{ row: 1_102, column: 'ref', key: 'duplicateRef', values: { value: 'b-3', first: 4 } }],
      moreErrors: 0,
    })

    rows[1_150] = good('B-1151', { strategy: 'Late strategy', pillar: 'Late pillar', area: '' })
    rows[1_199] = good('B-1200', { strategy: 'Late strategy', pillar: 'Late pillar', area: '' })
    rows[0] = good('OLD-1', { cost_usd_m: '11' })
    const id = await upload(secretariat, rows)
    const preview = await ready(secretariat, id)
    expect(preview.summary.created).toHaveLength(1_199)
    expect(preview.summary.updated).toEqual(['OLD-1'])
    expect(preview.summary.newTaxonomy.map((n) => n.name)).toEqual(['Late strategy', 'Late pillar'])
    expect(await commitUpload(t.db, secretariat, id, preview.digest)).toMatchObject({ kind: 'done' })
    expect(
      await t.db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ).toEqual({
      n: 1_201,
    })
    expect((await getItemByRef(t.db, 'B-1200'))?.strategy_id).toBe(
      (await getItemByRef(t.db, 'B-1151'))?.strategy_id,
    )
    expect(
      await t.db.selectFrom('strategies').select('id').where('name', '=', 'Late strategy').execute(),
    ).toHaveLength(1)
  })

  it('a file whose rows fail in many places lists the first 100 problems, in row order, and counts the rest', async () => {
    const secretariat = await setUp()
    const rows = Array.from({ length: 1_200 }, (_, i) =>
      good(`E-${i + 1}`, i % 10 === 9 ? { cost_usd_m: 'lots' } : {}),
    )
    const preview = await previewUpload(t.db, secretariat, await upload(secretariat, rows))
    if (preview.kind !== 'errors') throw new Error(preview.kind)
    expect(preview.errors).toHaveLength(100)
    expect(preview.moreErrors).toBe(20)
    expect(preview.errors.map((e) => e.row)).toEqual(Array.from({ length: 100 }, (_, i) => 11 + 10 * i))
    expect(preview.errors[0]).toMatchObject({ column: 'cost_usd_m' })
  })
})
