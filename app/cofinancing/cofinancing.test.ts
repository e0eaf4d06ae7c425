import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { toCsv } from '../../tests/setup/fixtures'
import { usePortfolio } from '../../tests/setup/portfolio'
import { importCsv } from '../importer/import.server'
import { baselineOf, getItemByRef, updateItem } from '../portfolio/items.server'
import { gapOf } from '../portfolio/money'
import { formValuesOf, ItemForm } from '../portfolio/schema'
import { getHistory } from '../history/history.server'
import { transition } from '../workflow/workflow.server'
import { getFlags, saveFlag, withdrawFlag } from './cofinancing.server'
import { FlagForm, type FlagFormInput } from './schema'

const ROWS: Array<Record<string, string>> = [
  {
    ref: 'F-01',
    strategy: 'CITA 2030',
    title_en: 'Single window',
    proposers: 'KAZ',
    status: 'proposed',
    cost_usd_m: '20',
    secured_usd_m: '5',
  },
  { ref: 'F-02', strategy: 'CITA 2030', title_en: 'Dry port', proposers: 'GEO', status: 'proposed' },
]

const flag = (input: FlagFormInput) => FlagForm.parse(input)

async function gapKusd(db: Kysely<Database>, ref: string): Promise<number | null> {
  return (await db.selectFrom('items').select('gap_kusd').where('ref', '=', ref).executeTakeFirstOrThrow())
    .gap_kusd
}

async function eventKinds(db: Kysely<Database>, ref: string): Promise<string[]> {
  return ((await getHistory(db, ref)) ?? []).map((e) => e.kind)
}

describe('the gap rule', () => {
  it('is cost minus secured minus committed flags; null without a cost', () => {
    expect(gapOf(20000, 5000)).toBe(15000)
    expect(gapOf(20000, 5000, 4500)).toBe(10500)
    expect(gapOf(20000, null, 4500)).toBe(15500)
    expect(gapOf(null, 5000, 4500)).toBeNull()
    expect(gapOf(10000, 8000, 4000)).toBe(-2000)
  })
})

describe('the flag form', () => {
  it('reads the amount in USD million into thousands, and wants an amount for a commitment', () => {
    expect(
      flag({
        instrument: 'loan',
        stage: 'committed',
        amount_usd_m: '4.5',
        note: ' Via the CAREC corridor facility ',
      }),
    ).toEqual({
      instrument: 'loan',
      stage: 'committed',
      amount_usd_m: 4500,
      note: 'Via the CAREC corridor facility',
    })
    const refused = (input: FlagFormInput) =>
      FlagForm.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(refused({ instrument: 'loan', stage: 'committed' })).toEqual([
      ['amount_usd_m', 'cofinancing.amountForCommitted'],
    ])
    expect(refused({ instrument: 'bond' as never, stage: 'interest', amount_usd_m: '1,5' })).toEqual([
      ['instrument', 'cofinancing.badChoice'],
      ['amount_usd_m', 'validation.amount'],
    ])
    expect(refused({ stage: 'interest' } as never)).toEqual([['instrument', 'validation.required']])
    expect(refused({ instrument: 'grant', stage: 'interest', note: 'x'.repeat(2001) })).toEqual([
      ['note', 'validation.tooLongHas|{"max":2000,"length":2001}'],
    ])
    expect(refused({ instrument: 'grant', stage: 'interest', note: 'a\u0000b' })).toEqual([
      ['note', 'validation.control|{"field":"cofinancing.note","char":"U+0000"}'],
    ])
  })
})

describe('co-financing flags', () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      adb: { role: 'partner', organisation: 'ADB' },
      aiib: { role: 'partner', organisation: 'AIIB' },
      secretariat: { role: 'secretariat' },
      viewer: { role: 'viewer' },
    },
  })
  const { adb, aiib, secretariat, viewer } = t.people

  it('counts committed flags as secured, not interest; withdrawing restores the gap', async () => {
    expect(await gapKusd(t.db, 'F-01')).toBe(15000)

    expect(
      await saveFlag(t.db, adb, 'F-01', flag({ instrument: 'loan', stage: 'interest', amount_usd_m: '4.5' })),
    ).toEqual({ kind: 'done', changed: true })
    expect(await gapKusd(t.db, 'F-01')).toBe(15000)

    await saveFlag(t.db, adb, 'F-01', flag({ instrument: 'loan', stage: 'committed', amount_usd_m: '4.5' }))
    expect(await gapKusd(t.db, 'F-01')).toBe(10500)
    await saveFlag(t.db, aiib, 'F-01', flag({ instrument: 'grant', stage: 'committed', amount_usd_m: '2' }))
    expect(await gapKusd(t.db, 'F-01')).toBe(8500)
    expect((await getItemByRef(t.db, 'F-01'))?.gap_usd_m).toBe(8.5)

    expect(await withdrawFlag(t.db, adb, 'F-01')).toEqual({ kind: 'done', changed: true })
    expect(await gapKusd(t.db, 'F-01')).toBe(13000)
    expect((await getFlags(t.db, (await getItemByRef(t.db, 'F-01'))!.id)).map((f) => f.organisation)).toEqual(
      ['AIIB'],
    )

    // Flagging again revives the organisation's one row.
    await saveFlag(t.db, adb, 'F-01', flag({ instrument: 'equity', stage: 'committed', amount_usd_m: '1' }))
    expect(await gapKusd(t.db, 'F-01')).toBe(12000)
    expect(
      Number(
        (
          await t.db
            .selectFrom('cofinancing_flags')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(2)

    // An item without a cost has no gap, flags or not.
    await saveFlag(t.db, adb, 'F-02', flag({ instrument: 'loan', stage: 'committed', amount_usd_m: '3' }))
    expect(await gapKusd(t.db, 'F-02')).toBeNull()
  })

  it('an edit of cost or secured funding keeps counting committed flags (the one rule)', async () => {
    await saveFlag(t.db, adb, 'F-01', flag({ instrument: 'loan', stage: 'committed', amount_usd_m: '4.5' }))
    const item = (await getItemByRef(t.db, 'F-01'))!
    const form = ItemForm.parse({ ...formValuesOf(item), cost_usd_m: '30' })
    expect(await updateItem(t.db, secretariat, 'F-01', form, JSON.stringify(baselineOf(item)))).toMatchObject(
      { kind: 'saved' },
    )
    expect(await gapKusd(t.db, 'F-01')).toBe(30000 - 5000 - 4500)

    // So does the importer.
    const outcome = await importCsv(t.db, toCsv([{ ...ROWS[0]!, secured_usd_m: '10' }]), null)
    expect(outcome.ok).toBe(true)
    expect(await gapKusd(t.db, 'F-01')).toBe(20000 - 10000 - 4500)
  })

  it('writes each change with its history row; an unchanged save or a withdrawal of nothing writes nothing', async () => {
    await saveFlag(
      t.db,
      adb,
      'F-01',
      flag({ instrument: 'loan', stage: 'interest', amount_usd_m: '4.5', note: 'Phase 1 only' }),
    )
    expect(
      await saveFlag(
        t.db,
        adb,
        'F-01',
        flag({ instrument: 'loan', stage: 'interest', amount_usd_m: '4.5', note: 'Phase 1 only' }),
      ),
    ).toEqual({ kind: 'done', changed: false })
    await saveFlag(t.db, adb, 'F-01', flag({ instrument: 'loan', stage: 'committed', amount_usd_m: '4.5' }))
    await withdrawFlag(t.db, adb, 'F-01')
    expect(await withdrawFlag(t.db, adb, 'F-01')).toEqual({ kind: 'done', changed: false })

    const history = (await getHistory(t.db, 'F-01'))!
    expect(history.map(({ kind, by, details }) => ({ kind, by, details }))).toEqual([
      {
        kind: 'flag',
        by: 'Test partner',
        details: {
          action: 'withdrawn',
          organisation: 'ADB',
          instrument: 'loan',
          stage: 'committed',
          amount_usd_m: 4.5,
          note: null,
        },
      },
      {
        kind: 'flag',
        by: 'Test partner',
        details: {
          action: 'updated',
          organisation: 'ADB',
          instrument: 'loan',
          stage: 'committed',
          amount_usd_m: 4.5,
          note: null,
        },
      },
      {
        kind: 'flag',
        by: 'Test partner',
        details: {
          action: 'flagged',
          organisation: 'ADB',
          instrument: 'loan',
          stage: 'interest',
          amount_usd_m: 4.5,
          note: 'Phase 1 only',
        },
      },
      { kind: 'imported', by: null, details: expect.anything() },
    ])
  })

  it('a failing history write leaves neither the flag nor the new gap', async () => {
    await sql`create trigger item_events_broken before insert on item_events begin select raise(abort, 'history unavailable'); end`.execute(
      t.db,
    )
    await expect(
      saveFlag(t.db, adb, 'F-01', flag({ instrument: 'loan', stage: 'committed', amount_usd_m: '4.5' })),
    ).rejects.toThrow(/history unavailable/)
    expect(await t.db.selectFrom('cofinancing_flags').selectAll().execute()).toEqual([])
    expect(await gapKusd(t.db, 'F-01')).toBe(15000)
  })

  it('a committed flag is a financing source for approving financing', async () => {
    await t.db
      .updateTable('items')
      .set({ status: 'in_preparation', secured_kusd: null, gap_kusd: 20000 })
      .where('ref', '=', 'F-01')
      .execute()
    expect(await transition(t.db, secretariat, 'F-01', 'approved', null)).toMatchObject({
      kind: 'refused',
      refusal: { outcome: 'requirement_missing' },
    })
    // Interest is not enough; a commitment is.
    await saveFlag(
      t.db,
      adb,
      'F-01',
      flag({ instrument: 'grant', stage: 'in_discussion', amount_usd_m: '3' }),
    )
    expect(await transition(t.db, secretariat, 'F-01', 'approved', null)).toMatchObject({
      kind: 'refused',
      refusal: { outcome: 'requirement_missing' },
    })
    await saveFlag(t.db, adb, 'F-01', flag({ instrument: 'grant', stage: 'committed', amount_usd_m: '3' }))
    expect(await transition(t.db, secretariat, 'F-01', 'approved', null)).toMatchObject({
      kind: 'done',
      item: { status: 'approved', gap_usd_m: 17 },
    })
  })

  it('only partners with an organisation flag, only for it; archived and unknown items refuse', async () => {
    for (const who of [secretariat, viewer, { ...adb, organisation: null }]) {
      expect(await saveFlag(t.db, who, 'F-01', flag({ instrument: 'grant', stage: 'interest' }))).toEqual({
        kind: 'forbidden',
        action: 'flag:write',
      })
      expect(await withdrawFlag(t.db, who, 'F-01')).toEqual({ kind: 'forbidden', action: 'flag:write' })
    }
    // AIIB withdrawing touches ADB's flag not at all.
    await saveFlag(t.db, adb, 'F-01', flag({ instrument: 'loan', stage: 'committed', amount_usd_m: '4.5' }))
    expect(await withdrawFlag(t.db, aiib, 'F-01')).toEqual({ kind: 'done', changed: false })
    expect(await gapKusd(t.db, 'F-01')).toBe(10500)

    expect(await saveFlag(t.db, adb, 'Z-99', flag({ instrument: 'grant', stage: 'interest' }))).toEqual({
      kind: 'not_found',
    })
    await t.db.updateTable('items').set({ archived: 1 }).where('ref', '=', 'F-02').execute()
    expect(await saveFlag(t.db, adb, 'F-02', flag({ instrument: 'grant', stage: 'interest' }))).toEqual({
      kind: 'archived',
    })
    expect(await eventKinds(t.db, 'F-02')).toEqual(['imported'])
  })
})
