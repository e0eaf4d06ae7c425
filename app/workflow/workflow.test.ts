import type { CountryCode } from '../portfolio/codes'
import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { seedItems, toCsv } from '../../tests/setup/fixtures'
import { usePortfolio } from '../../tests/setup/portfolio'
import { checkedRows, importRows } from '../importer/import.server'
import { readInterchangeCsv } from '../importer/interchange'
import type { Actor } from '../permissions/permissions'
import type { ItemView } from '../portfolio/item-view'
import { baselineOf, createItem, getItemByRef, setArchived, updateItem } from '../portfolio/items.server'
import { formValuesOf, ItemForm, type ItemFormInput } from '../portfolio/schema'
import { getHistory } from '../history/history.server'
import { getItemWorkflow, transition } from './workflow.server'

const ROWS: Array<Record<string, string>> = [
  {
    ref: 'W-01',
    strategy: 'CITA 2030',
    title_en: 'Single window',
    proposers: 'KAZ;UZB',
    status: 'proposed',
    cost_usd_m: '10',
    secured_usd_m: '2',
  },
  {
    ref: 'W-02',
    strategy: 'CITA 2030',
    title_en: 'Dry port',
    proposers: 'GEO',
    status: 'in_preparation',
    cost_usd_m: '50',
  },
  { ref: 'W-03', strategy: 'CITA 2030', title_en: 'Rail corridor', proposers: 'KAZ', status: 'on_hold' },
]

const load = (db: Kysely<Database>, rows = ROWS) => seedItems(db, rows)

async function stored(db: Kysely<Database>, ref: string): Promise<ItemView> {
  const item = await getItemByRef(db, ref)
  if (!item) throw new Error(`no item ${ref}`)
  return item
}

async function eventCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('item_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Makes every write to the history fail, as a broken disk or a bug would, to see what survives. */
async function breakHistory(db: Kysely<Database>): Promise<void> {
  await sql`create trigger item_events_broken before insert on item_events begin select raise(abort, 'history unavailable'); end`.execute(
    db,
  )
}

const formOf = (item: ItemView, over: Partial<ItemFormInput> = {}) =>
  ItemForm.parse({ ...formValuesOf(item), ...over })

describe('workflow and history', () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      secretariat: { role: 'secretariat' },
      committee: { role: 'steering_committee' },
      wgKaz: { role: 'working_group', countries: ['KAZ'] },
      wgGeo: { role: 'working_group', countries: ['GEO'] },
      viewer: { role: 'viewer' },
    },
  })
  const { secretariat, committee, wgKaz, wgGeo, viewer } = t.people

  describe('transition', () => {
    it('moves the item, bumps its version, records who and why; the history reads newest first', async () => {
      const before = await stored(t.db, 'W-01')
      const submitted = await transition(t.db, wgKaz, 'W-01', 'under_review', null)
      expect(submitted).toMatchObject({
        kind: 'done',
        item: {
          ref: 'W-01',
          status: 'under_review',
          version: before.version + 1,
          updated_by_name: 'Test working_group',
        },
      })

      expect(
        await transition(t.db, secretariat, 'W-01', 'proposed', '  Add the cost breakdown  '),
      ).toMatchObject({ kind: 'done', item: { status: 'proposed' } })
      expect(await transition(t.db, wgKaz, 'W-01', 'under_review', null)).toMatchObject({ kind: 'done' })
      // endorsing is the committee's decision, never one member's (issue 11): refused to a
      // member alone, recorded by the secretariat on the committee's behalf
      expect(await transition(t.db, committee, 'W-01', 'endorsed', null)).toMatchObject({
        kind: 'refused',
        refusal: { outcome: 'forbidden' },
      })
      expect(
        await transition(t.db, secretariat, 'W-01', 'endorsed', null, { onBehalfOf: 'steering_committee' }),
      ).toMatchObject({
        kind: 'done',
        item: { status: 'endorsed', version: before.version + 4 },
      })

      const history = await getHistory(t.db, 'W-01')
      expect(history?.map(({ kind, by, details, seq }) => ({ seq, kind, by, details }))).toEqual([
        {
          seq: 5,
          kind: 'transition',
          by: 'Test secretariat',
          details: { from: 'under_review', to: 'endorsed', reason: null },
        },
        {
          seq: 4,
          kind: 'transition',
          by: 'Test working_group',
          details: { from: 'proposed', to: 'under_review', reason: null },
        },
        {
          seq: 3,
          kind: 'transition',
          by: 'Test secretariat',
          details: { from: 'under_review', to: 'proposed', reason: 'Add the cost breakdown' },
        },
        {
          seq: 2,
          kind: 'transition',
          by: 'Test working_group',
          details: { from: 'proposed', to: 'under_review', reason: null },
        },
        { seq: 1, kind: 'imported', by: null, details: { created: true, status: 'proposed', changes: [] } },
      ])
      for (const entry of history!) expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    })

    it('refuses what the table refuses, writing nothing: 403, 409, 400 and a missing requirement', async () => {
      const events = await eventCount(t.db)
      const w01 = await stored(t.db, 'W-01')
      const refusals: Array<[Actor, string, string, string | null, string]> = [
        [viewer, 'W-01', 'under_review', null, 'forbidden'],
        [wgGeo, 'W-01', 'under_review', null, 'forbidden'],
        [wgKaz, 'W-01', 'endorsed', null, 'not_allowed_from_state'],
        [committee, 'W-01', 'dropped', '  ', 'reason_required'],
        [secretariat, 'W-02', 'approved', null, 'requirement_missing'],
      ]
      for (const [who, ref, to, reason, outcome] of refusals) {
        expect(await transition(t.db, who, ref, to, reason), `${who.role} ${ref} -> ${to}`).toMatchObject({
          kind: 'refused',
          refusal: { outcome },
        })
      }
      expect(await eventCount(t.db)).toBe(events)
      expect(await stored(t.db, 'W-01')).toMatchObject({
        status: 'proposed',
        version: w01.version,
        updated_at: w01.updated_at,
      })
      expect((await stored(t.db, 'W-02')).status).toBe('in_preparation')
    })

    it('approves financing once the item has a cost and a source', async () => {
      const w02 = await stored(t.db, 'W-02')
      expect(
        await updateItem(t.db, secretariat, 'W-02', formOf(w02, { partners: 'AIIB' }), null),
      ).toMatchObject({ kind: 'saved' })
      expect(await transition(t.db, secretariat, 'W-02', 'approved', null)).toMatchObject({
        kind: 'done',
        item: { status: 'approved' },
      })
    })

    it('answers not_found for an unknown ref', async () => {
      expect(await transition(t.db, secretariat, 'Z-99', 'under_review', null)).toEqual({ kind: 'not_found' })
      expect(await getHistory(t.db, 'Z-99')).toBeNull()
    })

    it('puts an item on hold and resumes it where it was, read from the history', async () => {
      await transition(t.db, wgKaz, 'W-01', 'under_review', null)
      await transition(t.db, secretariat, 'W-01', 'endorsed', null, { onBehalfOf: 'steering_committee' })
      await transition(t.db, wgKaz, 'W-01', 'in_preparation', null)
      expect(await transition(t.db, committee, 'W-01', 'on_hold', 'Awaiting the budget law')).toMatchObject({
        kind: 'done',
      })

      const workflow = await getItemWorkflow(t.db, committee, await stored(t.db, 'W-01'))
      expect(workflow.transitions).toEqual([
        { name: 'resume', to: 'in_preparation', reasonRequired: false },
        { name: 'drop', to: 'dropped', reasonRequired: true },
      ])
      // Anywhere else than where it was is refused.
      expect(await transition(t.db, committee, 'W-01', 'endorsed', null)).toMatchObject({
        kind: 'refused',
        refusal: { outcome: 'not_allowed_from_state' },
      })
      expect(await transition(t.db, secretariat, 'W-01', 'in_preparation', null)).toMatchObject({
        kind: 'done',
        item: { status: 'in_preparation' },
      })

      // Held again from a later state, it resumes there.
      await transition(t.db, secretariat, 'W-01', 'on_hold', 'Again')
      expect((await getItemWorkflow(t.db, secretariat, await stored(t.db, 'W-01'))).transitions[0]).toEqual({
        name: 'resume',
        to: 'in_preparation',
        reasonRequired: false,
      })
    })

    it('an item imported on hold, with no earlier status on record, can only be dropped', async () => {
      const workflow = await getItemWorkflow(t.db, committee, await stored(t.db, 'W-03'))
      expect(workflow.transitions.map((m) => m.name)).toEqual(['drop'])
      expect(await transition(t.db, committee, 'W-03', 'proposed', null)).toMatchObject({
        kind: 'refused',
        refusal: { outcome: 'not_allowed_from_state' },
      })
      expect(await transition(t.db, committee, 'W-03', 'dropped', 'No funding in sight')).toMatchObject({
        kind: 'done',
        item: { status: 'dropped' },
      })
    })

    it('refuses moves on an archived item (409), and offers none', async () => {
      await setArchived(t.db, secretariat, 'W-01', true)
      expect(await transition(t.db, secretariat, 'W-01', 'under_review', null)).toMatchObject({
        kind: 'refused',
        refusal: { outcome: 'not_allowed_from_state', archived: true },
      })
      expect((await getItemWorkflow(t.db, secretariat, await stored(t.db, 'W-01'))).transitions).toEqual([])
    })

    it('an edit form opened before a transition meets a conflict that names the status change', async () => {
      const opened = await stored(t.db, 'W-01')
      await transition(t.db, wgKaz, 'W-01', 'under_review', null)
      const outcome = await updateItem(
        t.db,
        wgKaz,
        'W-01',
        formOf(opened, { title_en: 'Single window, phase 2' }),
        JSON.stringify(baselineOf(opened)),
      )
      expect(outcome).toMatchObject({
        kind: 'conflict',
        changes: [{ field: 'status', before: 'proposed', after: 'under_review' }],
      })
    })
  })

  describe('history of the other writes', () => {
    it('createItem records "created"; new items start as proposed whatever is posted', async () => {
      const strategy = await t.db.selectFrom('strategies').select('id').executeTakeFirstOrThrow()
      const input = ItemForm.parse({
        ref: 'N-01',
        title_en: 'New study',
        strategy_id: strategy.id,
        proposers: ['KAZ'],
        status: 'approved',
      })
      expect(await createItem(t.db, wgKaz, input)).toEqual({ kind: 'saved', ref: 'N-01' })
      expect((await stored(t.db, 'N-01')).status).toBe('proposed')
      expect(
        (await getHistory(t.db, 'N-01'))?.map(({ kind, by, details }) => ({ kind, by, details })),
      ).toEqual([{ kind: 'created', by: 'Test working_group', details: { status: 'proposed' } }])
    })

    it('updateItem records one "edited" event listing each changed field, old and new, in the API\'s terms', async () => {
      const w01 = await stored(t.db, 'W-01')
      const pillar = await t.db
        .insertInto('pillars')
        .values({
          id: 'p-2',
          strategy_id: w01.strategy_id,
          name: 'Pillar 2: Greater diversification',
          created_at: w01.created_at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const input = formOf(w01, {
        title_en: 'Single window, phase 2',
        cost_usd_m: '12.5',
        pillar_id: pillar.id,
        proposers: ['KAZ', 'UZB', 'TAJ'],
        status: 'dropped',
      } as Partial<ItemFormInput>)
      expect(await updateItem(t.db, wgKaz, 'W-01', input, null)).toEqual({ kind: 'saved', ref: 'W-01' })

      const [edit] = (await getHistory(t.db, 'W-01'))!
      expect(edit).toMatchObject({ kind: 'edited', by: 'Test working_group' })
      expect(edit!.details).toEqual({
        // in the field registry's order (app/portfolio/fields.ts), the interchange format's
        changes: [
          { field: 'pillar', old: null, new: 'Pillar 2: Greater diversification' },
          { field: 'title_en', old: 'Single window', new: 'Single window, phase 2' },
          { field: 'proposers', old: ['KAZ', 'UZB'], new: ['KAZ', 'UZB', 'TAJ'] },
          { field: 'cost_usd_m', old: 10, new: 12.5 },
        ],
      })
      // The status is not the form's to change.
      expect(await stored(t.db, 'W-01')).toMatchObject({ status: 'proposed', version: w01.version + 1 })
    })

    it('a save that changes nothing records nothing and keeps the version, even with the proposers ticked in another order', async () => {
      const w01 = await stored(t.db, 'W-01')
      const events = await eventCount(t.db)
      // The form lists countries in a fixed order (KAZ before UZB here, but UZB;KAZ elsewhere).
      expect(
        await updateItem(t.db, secretariat, 'W-01', formOf(w01, { proposers: ['UZB', 'KAZ'] }), null),
      ).toEqual({ kind: 'saved', ref: 'W-01' })
      expect(await eventCount(t.db)).toBe(events)
      expect(await stored(t.db, 'W-01')).toMatchObject({
        version: w01.version,
        updated_at: w01.updated_at,
        proposers: ['KAZ', 'UZB'],
      })
    })

    it('setArchived records "archived" and "restored"; archiving an archived item records nothing', async () => {
      await setArchived(t.db, secretariat, 'W-02', true)
      await setArchived(t.db, secretariat, 'W-02', true)
      await setArchived(t.db, secretariat, 'W-02', false)
      expect((await getHistory(t.db, 'W-02'))?.map((e) => [e.kind, e.by])).toEqual([
        ['restored', 'Test secretariat'],
        ['archived', 'Test secretariat'],
        ['imported', null],
      ])
      expect((await stored(t.db, 'W-02')).version).toBe(3)
    })

    it('the importer records "imported": created with its status, updated with its changes, unchanged with nothing', async () => {
      await load(t.db, ROWS) // the same file again
      expect(await eventCount(t.db)).toBe(3)
      await load(t.db, [
        { ...ROWS[1]!, status: 'on_hold', secured_usd_m: '5' },
        { ref: 'W-04', strategy: 'CITA 2030', title_en: 'Logistics', status: 'endorsed' },
      ])
      expect((await getHistory(t.db, 'W-02'))?.[0]).toMatchObject({
        kind: 'imported',
        by: null,
        details: {
          created: false,
          status: null,
          changes: [
            { field: 'status', old: 'in_preparation', new: 'on_hold' },
            { field: 'secured_usd_m', old: null, new: 5 },
          ],
        },
      })
      expect((await getHistory(t.db, 'W-04'))?.map((e) => e.details)).toEqual([
        { created: true, status: 'endorsed', changes: [] },
      ])
      // An import that put the item on hold is where "resume" goes back from.
      const workflow = await getItemWorkflow(t.db, committee, await stored(t.db, 'W-02'))
      expect(workflow.transitions[0]).toEqual({ name: 'resume', to: 'in_preparation', reasonRequired: false })
    })
  })

  describe('a change and its history commit together or not at all', () => {
    it('a transition whose event cannot be written leaves the item as it was', async () => {
      const w01 = await stored(t.db, 'W-01')
      await breakHistory(t.db)
      await expect(transition(t.db, wgKaz, 'W-01', 'under_review', null)).rejects.toThrow(
        'history unavailable',
      )
      expect(await stored(t.db, 'W-01')).toMatchObject({
        status: 'proposed',
        version: w01.version,
        updated_at: w01.updated_at,
      })
    })

    it('an edit, a creation and an archiving whose event cannot be written change nothing', async () => {
      const w01 = await stored(t.db, 'W-01')
      await breakHistory(t.db)
      await expect(
        updateItem(t.db, secretariat, 'W-01', formOf(w01, { title_en: 'Changed' }), null),
      ).rejects.toThrow('history unavailable')
      await expect(setArchived(t.db, secretariat, 'W-01', true)).rejects.toThrow('history unavailable')
      await expect(createItem(t.db, secretariat, formOf(w01, { ref: 'N-02' }))).rejects.toThrow(
        'history unavailable',
      )
      expect(await stored(t.db, 'W-01')).toMatchObject({
        title_en: 'Single window',
        archived: false,
        version: w01.version,
      })
      expect(await getItemByRef(t.db, 'N-02')).toBeNull()
    })

    it('an import that fails part-way leaves neither items nor history', async () => {
      const events = await eventCount(t.db)
      const parsed = await checkedRows(
        t.db,
        readInterchangeCsv(
          toCsv([
            { ref: 'X-01', strategy: 'CITA 2030', title_en: 'First, fine', proposers: 'KAZ' },
            {
              ref: 'W-01',
              strategy: 'CITA 2030',
              title_en: 'Second, an update',
              proposers: 'KAZ;UZB',
              status: 'proposed',
              cost_usd_m: '10',
              secured_usd_m: '2',
            },
            {
              ref: 'X-03',
              strategy: 'CITA 2030',
              title_en: 'Third, fails in the database',
              proposers: 'KAZ',
            },
          ]),
        ),
      )
      if (!parsed.ok) throw new Error('fixture refused')
      // A country the database does not know: only the foreign key catches it, after two rows were written.
      parsed.rows[2]!.values.proposers = ['XXX' as CountryCode]
      await expect(importRows(t.db, parsed.rows, null)).rejects.toThrow()
      expect(await eventCount(t.db)).toBe(events)
      expect(await getItemByRef(t.db, 'X-01')).toBeNull()
      expect((await stored(t.db, 'W-01')).title_en).toBe('Single window')
    })
  })
})
