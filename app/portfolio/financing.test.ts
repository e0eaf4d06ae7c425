import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { insertUser, toCsv } from '../../tests/setup/fixtures'
import { usePortfolio } from '../../tests/setup/portfolio'
import { saveFlag } from '../cofinancing/cofinancing.server'
import { FlagForm } from '../cofinancing/schema'
import { importCsv } from '../importer/import.server'
import { getHistory } from '../history/history.server'
import { getItemPage } from '../item-page/item-page.server'
import { toApiItem } from './item-view'
import { baselineOf, getItemByRef, updateItem } from './items.server'
import { financingOf } from './money'
import { formValuesOf, ItemForm, type ItemFormInput } from './schema'

// Financing sources (issue 3; docs/decisions/0010-financing-sources.md): the secured funding by
// government, development partners and private sources, on the form, in the history and the API.

const ROW = {
  ref: 'S-01',
  strategy: 'CITA 2030',
  title_en: 'Single window',
  proposers: 'KAZ',
  status: 'proposed',
  cost_usd_m: '20',
  secured_usd_m: '8',
}

const base: ItemFormInput = {
  ref: 'S-01',
  title_en: 'Single window',
  strategy_id: 'x',
  proposers: ['KAZ'],
  cost_usd_m: '20',
  secured_usd_m: '8',
}
const issues = (input: ItemFormInput) =>
  ItemForm.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? []

describe('the sources on the item form', () => {
  it('are optional amounts in USD million, stored as thousands', () => {
    expect(
      ItemForm.parse({ ...base, secured_government_usd_m: '2.5', secured_private_usd_m: '0' }),
    ).toMatchObject({
      secured_government_usd_m: 2500,
      secured_private_usd_m: 0,
    })
    expect(ItemForm.parse(base).secured_partners_usd_m).toBeNull()
    expect(issues({ ...base, secured_partners_usd_m: '-1' })).toEqual([
      ['secured_partners_usd_m', 'validation.amount'],
    ])
    expect(issues({ ...base, secured_partners_usd_m: '1,5' })).toEqual([
      ['secured_partners_usd_m', 'validation.amount'],
    ])
  })

  it('may add up to the secured funding, not more; the refusal names each source given', () => {
    expect(
      issues({
        ...base,
        secured_government_usd_m: '3',
        secured_partners_usd_m: '4',
        secured_private_usd_m: '1',
      }),
    ).toEqual([])
    expect(
      issues({
        ...base,
        secured_government_usd_m: '3',
        secured_partners_usd_m: '4',
        secured_private_usd_m: '1.001',
      }),
    ).toEqual([
      ['secured_government_usd_m', 'validation.sourcesOverSecured'],
      ['secured_partners_usd_m', 'validation.sourcesOverSecured'],
      ['secured_private_usd_m', 'validation.sourcesOverSecured'],
    ])
    expect(issues({ ...base, secured_usd_m: undefined, secured_private_usd_m: '1' })).toEqual([
      ['secured_private_usd_m', 'validation.sourcesOverSecured'],
    ])
  })

  it('a refused form keeps what the user typed', () => {
    const formData = new FormData()
    for (const [key, value] of Object.entries({
      ...base,
      proposers: 'KAZ',
      secured_government_usd_m: '5',
      secured_partners_usd_m: '4',
    }))
      formData.append(key, String(value))
    const submission = parseWithZod(formData, { schema: ItemForm })
    expect(submission.status).toBe('error')
    const reply = submission.reply()
    expect(reply.error).toMatchObject({
      secured_government_usd_m: ['validation.sourcesOverSecured'],
      secured_partners_usd_m: ['validation.sourcesOverSecured'],
    })
    expect(reply.initialValue).toMatchObject({
      secured_government_usd_m: '5',
      secured_partners_usd_m: '4',
      secured_usd_m: '8',
    })
  })
})

describe('financingOf', () => {
  it('shows what no source accounts for, and by how much the sources exceed secured funding', () => {
    expect(financingOf(20000, 8000, { government: 3000, partners: null, private: 1000 }, 4500)).toEqual({
      cost: 20000,
      secured: 8000,
      sources: { government: 3000, partners: null, private: 1000 },
      unallocated: 4000,
      overAllocated: 0,
      committed: 4500,
      gap: 7500,
    })
    expect(financingOf(20000, 2000, { government: 3000, partners: null, private: null }, 0)).toMatchObject({
      unallocated: 0,
      overAllocated: 1000,
    })
    expect(financingOf(null, null, { government: null, partners: null, private: null }, 0)).toMatchObject({
      unallocated: 0,
      overAllocated: 0,
      gap: null,
    })
  })
})

describe('saving financing sources', () => {
  const t = usePortfolio({ items: [ROW], people: { secretariat: { role: 'secretariat' } } })
  const { secretariat } = t.people

  async function edit(over: Partial<ItemFormInput>) {
    const item = (await getItemByRef(t.db, 'S-01'))!
    return updateItem(
      t.db,
      secretariat,
      'S-01',
      ItemForm.parse({ ...formValuesOf(item), ...over }),
      JSON.stringify(baselineOf(item)),
    )
  }

  it('records each changed source in the history, field by field, and shows them in the API item', async () => {
    expect(await edit({ secured_government_usd_m: '3', secured_partners_usd_m: '4.25' })).toMatchObject({
      kind: 'saved',
    })
    expect(
      await edit({
        secured_government_usd_m: '3',
        secured_partners_usd_m: undefined,
        secured_private_usd_m: '1',
      }),
    ).toMatchObject({ kind: 'saved' })
    const history = (await getHistory(t.db, 'S-01'))!
    expect(history.slice(0, 2).map((e) => e.details)).toEqual([
      {
        changes: [
          { field: 'secured_partners_usd_m', old: 4.25, new: null },
          { field: 'secured_private_usd_m', old: null, new: 1 },
        ],
      },
      {
        changes: [
          { field: 'secured_government_usd_m', old: null, new: 3 },
          { field: 'secured_partners_usd_m', old: null, new: 4.25 },
        ],
      },
    ])
    const item = (await getItemByRef(t.db, 'S-01'))!
    expect(toApiItem(item)).toMatchObject({
      secured_usd_m: 8,
      secured_government_usd_m: 3,
      secured_partners_usd_m: null,
      secured_private_usd_m: 1,
      gap_usd_m: 12,
    })
    // Saving the same values again writes nothing.
    const version = item.version
    expect(await edit({})).toMatchObject({ kind: 'saved' })
    expect((await getItemByRef(t.db, 'S-01'))!.version).toBe(version)
  })

  it('an import (whose format has no sources) leaves them as they are and records no change to them', async () => {
    await edit({ secured_government_usd_m: '3', secured_private_usd_m: '1' })
    const outcome = await importCsv(t.db, toCsv([{ ...ROW, title_en: 'Single window, phase 1' }]), null)
    expect(outcome).toMatchObject({ ok: true, summary: { updated: ['S-01'] } })
    expect(await getItemByRef(t.db, 'S-01')).toMatchObject({
      title_en: 'Single window, phase 1',
      secured_government_usd_m: 3,
      secured_private_usd_m: 1,
    })
    const [imported] = (await getHistory(t.db, 'S-01'))!
    expect(imported!.details).toEqual({
      created: false,
      status: null,
      changes: [{ field: 'title_en', old: 'Single window', new: 'Single window, phase 1' }],
    })

    // An import lowering secured below the sources is taken; the item page points the overrun out.
    await importCsv(t.db, toCsv([{ ...ROW, secured_usd_m: '2' }]), null)
    const adb = await insertUser(t.db, 'partner', [], 'ADB')
    await saveFlag(
      t.db,
      adb,
      'S-01',
      FlagForm.parse({ instrument: 'loan', stage: 'committed', amount_usd_m: '5' }),
    )
    const page = (await getItemPage(t.db, secretariat, 'S-01'))!
    expect(page.financing).toEqual({ unallocated: 0, overAllocated: 2, committed: 5 })
    expect(page.item.gap_usd_m).toBe(20 - 2 - 5)
  })
})
