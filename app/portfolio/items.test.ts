import fs from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { listQuery, PLAN_FILE } from '../../tests/setup/fixtures'
import { usePortfolio } from '../../tests/setup/portfolio'
import type { ItemView } from './item-view'
import { baselineOf, createItem, getItemByRef, setArchived, updateItem } from './items.server'
import { listItems } from './list.server'
import type { ListQuery, SortKey } from './list-query'
import { formValuesOf, ItemForm, type ItemFormInput } from './schema'

const CITA_P1 = 'Pillar 1: Trade expansion through improved market access'
const CITA_P2 = 'Pillar 2: Greater diversification'
const DIGITAL_P1 = 'Pillar 1: Digital infrastructure'

// Six items chosen so every filter picks a known subset and every sort key has ties and gaps.
const FIXTURE: Array<Record<string, string>> = [
  {
    ref: 'A-01',
    strategy: 'CITA 2030',
    pillar: CITA_P1,
    area: '1 Trade policy and measures',
    title_en: 'Customs modernisation',
    title_zh: '海关现代化',
    title_ru: 'Модернизация таможни',
    modalities: 'policy_dialogue',
    proposers: 'KAZ;UZB',
    status: 'proposed',
    start_year: '2025',
    end_year: '2027',
    cost_usd_m: '10',
    secured_usd_m: '2',
    strategic_importance: '5',
    ease_of_implementation: '4',
  },
  {
    ref: 'A-02',
    strategy: 'CITA 2030',
    pillar: CITA_P2,
    area: '10 Trade reform',
    title_en: 'Export promotion',
    title_ru: 'Продвижение экспорта',
    modalities: 'investment_project;technical_assistance',
    proposers: 'GEO',
    status: 'endorsed',
    start_year: '2026',
    end_year: '2028',
    cost_usd_m: '150.5',
    secured_usd_m: '150.5',
    strategic_importance: '2',
    ease_of_implementation: '5',
  },
  {
    ref: 'A-03',
    strategy: 'CITA 2030',
    title_en: 'Regional trade study',
    modalities: 'knowledge_services',
    proposers: 'REG',
    status: 'completed',
  },
  {
    ref: 'B-01',
    strategy: 'Digital Strategy 2030',
    pillar: DIGITAL_P1,
    area: '1 Connectivity',
    title_en: 'Broadband backbone',
    title_zh: '宽带骨干网',
    modalities: 'investment_project',
    proposers: 'MON;PRC',
    status: 'under_review',
    start_year: '2024',
    end_year: '2030',
    cost_usd_m: '300',
    strategic_importance: '4',
    ease_of_implementation: '1',
  },
  {
    ref: 'B-02',
    strategy: 'Digital Strategy 2030',
    pillar: DIGITAL_P1,
    title_en: 'E-commerce 100% online',
    status: 'proposed',
    start_year: '2025',
    cost_usd_m: '0.5',
    secured_usd_m: '0.1',
    strategic_importance: '1',
    ease_of_implementation: '1',
  },
  {
    ref: 'C-01',
    strategy: 'Transport Strategy 2030',
    title_en: 'Rail corridor',
    modalities: 'investment_project',
    proposers: 'KAZ',
    status: 'on_hold',
    start_year: '2023',
    end_year: '2029',
    cost_usd_m: '1200',
    secured_usd_m: '400',
    strategic_importance: '3',
    ease_of_implementation: '3',
  },
]

async function refs(db: Kysely<Database>, over: Partial<ListQuery> = {}): Promise<string[]> {
  return (await listItems(db, listQuery(over))).items.map((i) => i.ref)
}

/** The form as the edit page fills it from the stored item, with some fields changed. */
function formOf(item: ItemView, over: Partial<ItemFormInput> = {}): ItemFormInput {
  return { ...formValuesOf(item), ...over }
}

async function stored(db: Kysely<Database>, ref: string): Promise<ItemView> {
  const item = await getItemByRef(db, ref)
  if (!item) throw new Error(`no item ${ref}`)
  return item
}

describe('listItems on a small portfolio', () => {
  const t = usePortfolio({ items: FIXTURE, scope: 'all' })

  it('lists everything by ref by default, with the view fields', async () => {
    const page = await listItems(t.db, listQuery())
    expect(page.total).toBe(6)
    expect(page.items.map((i) => i.ref)).toEqual(['A-01', 'A-02', 'A-03', 'B-01', 'B-02', 'C-01'])
    expect(page.items[0]).toMatchObject({
      strategy: 'CITA 2030',
      pillar: CITA_P1,
      area: '1 Trade policy and measures',
      proposers: ['KAZ', 'UZB'],
      modalities: ['policy_dialogue'],
      cost_usd_m: 10,
      secured_usd_m: 2,
      gap_usd_m: 8,
      quadrant: 'quick_win',
      archived: false,
    })
  })

  describe('filters', () => {
    it('q finds the ref, case-insensitively', async () => {
      expect(await refs(t.db, { q: 'a-01' })).toEqual(['A-01'])
      expect(await refs(t.db, { q: 'A-0' })).toEqual(['A-01', 'A-02', 'A-03'])
    })

    it('q finds English, Chinese and Russian titles, case-insensitively', async () => {
      expect(await refs(t.db, { q: 'CUSTOMS' })).toEqual(['A-01'])
      expect(await refs(t.db, { q: '宽带' })).toEqual(['B-01'])
      expect(await refs(t.db, { q: 'ЭКСПОРТА' })).toEqual(['A-02'])
      expect(await refs(t.db, { q: 'модернизация' })).toEqual(['A-01'])
      expect(await refs(t.db, { q: 'trade' })).toEqual(['A-03'])
    })

    it('q treats LIKE wildcards as text', async () => {
      expect(await refs(t.db, { q: '100%' })).toEqual(['B-02'])
      expect(await refs(t.db, { q: '%' })).toEqual(['B-02'])
      expect(await refs(t.db, { q: '_' })).toEqual([])
      expect(await refs(t.db, { q: 'nothing like this' })).toEqual([])
    })

    it('strategy, by name, any of several', async () => {
      expect(await refs(t.db, { strategy: ['Digital Strategy 2030'] })).toEqual(['B-01', 'B-02'])
      expect(await refs(t.db, { strategy: ['Transport Strategy 2030', 'Digital Strategy 2030'] })).toEqual([
        'B-01',
        'B-02',
        'C-01',
      ])
      expect(await refs(t.db, { strategy: ['No such strategy'] })).toEqual([])
    })

    it('pillar, by name', async () => {
      expect(await refs(t.db, { pillar: [CITA_P1] })).toEqual(['A-01'])
      expect(await refs(t.db, { pillar: [DIGITAL_P1, CITA_P2] })).toEqual(['A-02', 'B-01', 'B-02'])
    })

    it('area, by name', async () => {
      expect(await refs(t.db, { area: ['10 Trade reform'] })).toEqual(['A-02'])
      expect(await refs(t.db, { area: ['1 Connectivity', '1 Trade policy and measures'] })).toEqual([
        'A-01',
        'B-01',
      ])
    })

    it('modalities: items with any of them', async () => {
      expect(await refs(t.db, { modalities: ['investment_project'] })).toEqual(['A-02', 'B-01', 'C-01'])
      expect(await refs(t.db, { modalities: ['knowledge_services', 'policy_dialogue'] })).toEqual([
        'A-01',
        'A-03',
      ])
    })

    it('proposers: items proposed by any of them', async () => {
      expect(await refs(t.db, { proposers: ['KAZ'] })).toEqual(['A-01', 'C-01'])
      expect(await refs(t.db, { proposers: ['PRC', 'GEO'] })).toEqual(['A-02', 'B-01'])
      expect(await refs(t.db, { proposers: ['UZB'] })).toEqual(['A-01'])
      expect(await refs(t.db, { proposers: ['PAK'] })).toEqual([])
    })

    it('status', async () => {
      expect(await refs(t.db, { status: ['proposed'] })).toEqual(['A-01', 'B-02'])
      expect(await refs(t.db, { status: ['endorsed', 'on_hold'] })).toEqual(['A-02', 'C-01'])
    })

    it('quadrant', async () => {
      expect(await refs(t.db, { quadrant: ['quick_win'] })).toEqual(['A-01', 'C-01'])
      expect(await refs(t.db, { quadrant: ['unscored'] })).toEqual(['A-03'])
      expect(await refs(t.db, { quadrant: ['low_hanging_fruit', 'strategic_phased', 'reconsider'] })).toEqual(
        ['A-02', 'B-01', 'B-02'],
      )
    })

    it('combine with AND, and count what they keep', async () => {
      const page = await listItems(
        t.db,
        listQuery({ strategy: ['CITA 2030'], proposers: ['KAZ', 'GEO'], status: ['proposed'] }),
      )
      expect(page.items.map((i) => i.ref)).toEqual(['A-01'])
      expect(page.total).toBe(1)
      expect(await refs(t.db, { q: 'a-0', modalities: ['investment_project'] })).toEqual(['A-02'])
    })
  })

  describe('sort, with empty values last in both directions and ties by ref', () => {
    const cases: Array<[SortKey, string[]]> = [
      ['ref', ['A-01', 'A-02', 'A-03', 'B-01', 'B-02', 'C-01']],
      ['title_en', ['B-01', 'A-01', 'B-02', 'A-02', 'C-01', 'A-03']],
      ['strategy', ['A-01', 'A-02', 'A-03', 'B-01', 'B-02', 'C-01']],
      ['cost_usd_m', ['B-02', 'A-01', 'A-02', 'B-01', 'C-01', 'A-03']],
      ['gap_usd_m', ['A-02', 'B-02', 'A-01', 'B-01', 'C-01', 'A-03']],
      ['secured_usd_m', ['B-02', 'A-01', 'A-02', 'C-01', 'A-03', 'B-01']],
      ['start_year', ['C-01', 'B-01', 'A-01', 'B-02', 'A-02', 'A-03']],
      ['end_year', ['A-01', 'A-02', 'C-01', 'B-01', 'A-03', 'B-02']],
      ['pillar', ['B-01', 'B-02', 'A-01', 'A-02', 'A-03', 'C-01']],
      ['area', ['B-01', 'A-01', 'A-02', 'A-03', 'B-02', 'C-01']],
      ['status', ['A-01', 'B-02', 'B-01', 'A-02', 'A-03', 'C-01']],
    ]
    const descending: Record<string, string[]> = {
      ref: ['C-01', 'B-02', 'B-01', 'A-03', 'A-02', 'A-01'],
      title_en: ['A-03', 'C-01', 'A-02', 'B-02', 'A-01', 'B-01'],
      strategy: ['C-01', 'B-01', 'B-02', 'A-01', 'A-02', 'A-03'],
      cost_usd_m: ['C-01', 'B-01', 'A-02', 'A-01', 'B-02', 'A-03'],
      gap_usd_m: ['C-01', 'B-01', 'A-01', 'B-02', 'A-02', 'A-03'],
      secured_usd_m: ['C-01', 'A-02', 'A-01', 'B-02', 'A-03', 'B-01'],
      start_year: ['A-02', 'A-01', 'B-02', 'B-01', 'C-01', 'A-03'],
      end_year: ['B-01', 'C-01', 'A-02', 'A-01', 'A-03', 'B-02'],
      pillar: ['A-02', 'A-01', 'B-01', 'B-02', 'A-03', 'C-01'],
      area: ['A-02', 'A-01', 'B-01', 'A-03', 'B-02', 'C-01'],
      status: ['C-01', 'A-03', 'A-02', 'B-01', 'A-01', 'B-02'],
    }
    for (const [key, ascending] of cases) {
      it(`${key} ascending and descending`, async () => {
        expect(await refs(t.db, { sort: key })).toEqual(ascending)
        expect(await refs(t.db, { sort: `-${key}` })).toEqual(descending[key])
      })
    }

    it('proposers and modalities by their codes in order, among items that have them', async () => {
      const some = { strategy: ['CITA 2030', 'Transport Strategy 2030'] }
      expect(await refs(t.db, { ...some, sort: 'proposers' })).toEqual(['A-02', 'C-01', 'A-01', 'A-03'])
      expect(await refs(t.db, { ...some, sort: '-proposers' })).toEqual(['A-03', 'A-01', 'C-01', 'A-02'])
      expect(await refs(t.db, { ...some, sort: 'modalities' })).toEqual(['C-01', 'A-02', 'A-03', 'A-01'])
      expect(await refs(t.db, { ...some, sort: '-modalities' })).toEqual(['A-01', 'A-03', 'A-02', 'C-01'])
    })

    it('quadrant by priority: quick wins first, unscored last in both directions', async () => {
      expect(await refs(t.db, { sort: 'quadrant' })).toEqual(['A-01', 'C-01', 'A-02', 'B-01', 'B-02', 'A-03'])
      expect(await refs(t.db, { sort: '-quadrant' })).toEqual([
        'B-02',
        'B-01',
        'A-02',
        'A-01',
        'C-01',
        'A-03',
      ])
    })

    it('an item without proposers or types sorts with the empty values, last', async () => {
      expect(await refs(t.db, { sort: 'proposers' })).toEqual([
        'A-02',
        'C-01',
        'A-01',
        'B-01',
        'A-03',
        'B-02',
      ])
      expect(await refs(t.db, { sort: '-proposers' })).toEqual([
        'A-03',
        'B-01',
        'A-01',
        'C-01',
        'A-02',
        'B-02',
      ])
      expect((await refs(t.db, { sort: 'modalities' })).at(-1)).toBe('B-02')
      expect((await refs(t.db, { sort: '-modalities' })).at(-1)).toBe('B-02')
    })

    it('sort applies before paging', async () => {
      expect(await refs(t.db, { sort: '-cost_usd_m', pageSize: 2 })).toEqual(['C-01', 'B-01'])
      expect(await refs(t.db, { sort: '-cost_usd_m', pageSize: 2, page: 3 })).toEqual(['B-02', 'A-03'])
    })
  })
})

describe('listItems paging over the real plan', () => {
  const t = usePortfolio({ items: fs.readFileSync(PLAN_FILE), scope: 'all' })

  it('counts the whole result and returns the asked page', async () => {
    const all = await refs(t.db, { pageSize: 200 })
    expect(all).toHaveLength(80)
    const page2 = await listItems(t.db, listQuery({ page: 2, pageSize: 30 }))
    expect(page2).toMatchObject({ total: 80, page: 2, pageSize: 30 })
    expect(page2.items.map((i) => i.ref)).toEqual(all.slice(30, 60))
    const page3 = await listItems(t.db, listQuery({ page: 3, pageSize: 30 }))
    expect(page3.items).toHaveLength(20)
    expect((await listItems(t.db, listQuery({ page: 9, pageSize: 30 }))).items).toEqual([])
  })

  it('pages in a stable order when the sort key ties', async () => {
    // Every plan item is "proposed" and unscored: only the ref tie-break orders them.
    const pages = await Promise.all(
      [1, 2, 3, 4, 5].map((page) => refs(t.db, { sort: '-status', page, pageSize: 17 })),
    )
    const seen = pages.flat()
    expect(seen).toHaveLength(80)
    expect(new Set(seen).size).toBe(80)
    expect(seen).toEqual([...seen].sort())
    expect(await refs(t.db, { sort: '-status', page: 2, pageSize: 17 })).toEqual(pages[1])
  })

  it('filters the plan by proposer and counts them', async () => {
    const page = await listItems(t.db, listQuery({ proposers: ['TKM'], pageSize: 5 }))
    expect(page.items).toHaveLength(Math.min(5, page.total))
    expect(page.total).toBeGreaterThan(0)
    for (const item of page.items) expect(item.proposers).toContain('TKM')
  })
})

describe('saving from the form', () => {
  const t = usePortfolio({
    items: FIXTURE,
    people: { secretariat: { role: 'secretariat' }, wgKaz: { role: 'working_group', countries: ['KAZ'] } },
  })
  const { secretariat, wgKaz } = t.people
  let strategyId: string

  beforeEach(async () => {
    strategyId = (
      await t.db
        .selectFrom('strategies')
        .select('id')
        .where('name', '=', 'CITA 2030')
        .executeTakeFirstOrThrow()
    ).id
  })

  const newItem = (over: Partial<ItemFormInput> = {}) =>
    ItemForm.parse({
      ref: 'N-01',
      title_en: 'New corridor study',
      strategy_id: strategyId,
      proposers: ['KAZ'],
      ...over,
    })

  it('lists the proposers and types in the order chosen, as the item page reads them', async () => {
    const input = newItem({
      proposers: ['UZB', 'KAZ'],
      modalities: ['technical_assistance', 'investment_project'],
    })
    expect(await createItem(t.db, secretariat, input)).toEqual({ kind: 'saved', ref: 'N-01' })
    const listed = (await listItems(t.db, listQuery({ q: 'N-01' }))).items[0]!
    const item = await stored(t.db, 'N-01')
    expect([listed.proposers, listed.modalities]).toEqual([
      ['UZB', 'KAZ'],
      ['technical_assistance', 'investment_project'],
    ])
    expect([listed.proposers, listed.modalities]).toEqual([item.proposers, item.modalities])
  })

  describe('createItem', () => {
    it('saves the item with its lists, amounts and author', async () => {
      const input = newItem({
        proposers: ['UZB', 'KAZ'],
        modalities: ['technical_assistance'],
        cost_usd_m: '12.5',
        secured_usd_m: '2',
        partners: 'ADB; World Bank',
        strategic_importance: 4,
        ease_of_implementation: 4,
      })
      expect(await createItem(t.db, secretariat, input)).toEqual({ kind: 'saved', ref: 'N-01' })
      expect(await stored(t.db, 'N-01')).toMatchObject({
        strategy: 'CITA 2030',
        proposers: ['UZB', 'KAZ'],
        modalities: ['technical_assistance'],
        cost_usd_m: 12.5,
        secured_usd_m: 2,
        gap_usd_m: 10.5,
        partners: ['ADB', 'World Bank'],
        quadrant: 'quick_win',
        status: 'proposed',
        version: 1,
        updated_by_name: 'Test secretariat',
      })
      expect(await refs(t.db, { q: 'corridor study' })).toEqual(['N-01'])
    })

    it('refuses a ref already taken', async () => {
      expect(await createItem(t.db, secretariat, newItem({ ref: 'A-01' }))).toEqual({
        kind: 'invalid',
        fieldErrors: { ref: ['validation.refTaken'] },
      })
      expect((await stored(t.db, 'A-01')).title_en).toBe('Customs modernisation')
    })

    it('refuses a ref taken in another case, and refs that are page addresses', async () => {
      expect(await createItem(t.db, secretariat, newItem({ ref: 'a-01' }))).toEqual({
        kind: 'invalid',
        fieldErrors: { ref: ['validation.refTaken'] },
      })
      expect(() => newItem({ ref: 'new' })).toThrow('validation.refReserved')
      expect(() => newItem({ ref: 'New' })).toThrow('validation.refReserved')
    })

    it('refuses a pillar of another strategy', async () => {
      const digitalPillar = await t.db
        .selectFrom('pillars')
        .select('id')
        .where('name', '=', DIGITAL_P1)
        .executeTakeFirstOrThrow()
      expect(await createItem(t.db, secretariat, newItem({ pillar_id: digitalPillar.id }))).toEqual({
        kind: 'invalid',
        fieldErrors: { pillar_id: ['validation.taxonomy'] },
      })
    })

    it('lets a working group member create only items their country proposes', async () => {
      expect(await createItem(t.db, wgKaz, newItem({ proposers: ['UZB'] }))).toEqual({
        kind: 'forbidden',
        action: 'item:create',
        field: 'proposers',
      })
      expect(await getItemByRef(t.db, 'N-01')).toBeNull()
      expect(await createItem(t.db, wgKaz, newItem({ proposers: ['UZB', 'KAZ'] }))).toEqual({
        kind: 'saved',
        ref: 'N-01',
      })
    })
  })

  describe('updateItem', () => {
    it('saves an edit and bumps the version', async () => {
      const item = await stored(t.db, 'A-01')
      const input = ItemForm.parse(
        formOf(item, { title_en: 'Customs modernisation, phase 2', cost_usd_m: '11' }),
      )
      expect(await updateItem(t.db, secretariat, 'A-01', input, JSON.stringify(baselineOf(item)))).toEqual({
        kind: 'saved',
        ref: 'A-01',
      })
      expect(await stored(t.db, 'A-01')).toMatchObject({
        title_en: 'Customs modernisation, phase 2',
        cost_usd_m: 11,
        gap_usd_m: 9,
        version: 2,
        proposers: ['KAZ', 'UZB'],
      })
    })

    it('renames the ref, unless another item has it', async () => {
      const item = await stored(t.db, 'A-01')
      expect(
        await updateItem(t.db, secretariat, 'A-01', ItemForm.parse(formOf(item, { ref: 'A-02' })), null),
      ).toEqual({ kind: 'invalid', fieldErrors: { ref: ['validation.refTaken'] } })
      expect(
        await updateItem(t.db, secretariat, 'A-01', ItemForm.parse(formOf(item, { ref: 'A-01-x' })), null),
      ).toEqual({ kind: 'saved', ref: 'A-01-x' })
      expect(await getItemByRef(t.db, 'A-01')).toBeNull()
    })

    it('answers not_found for an unknown ref', async () => {
      const item = await stored(t.db, 'A-01')
      expect(await updateItem(t.db, secretariat, 'Z-99', ItemForm.parse(formOf(item)), null)).toEqual({
        kind: 'not_found',
      })
    })

    it("lets a working group withdraw its own country from a joint item, never take another's off", async () => {
      const item = await stored(t.db, 'A-01')
      // KAZ takes UZB off the joint KAZ-UZB item: only UZB's group or the secretariat may (issue 11)
      expect(
        await updateItem(t.db, wgKaz, 'A-01', ItemForm.parse(formOf(item, { proposers: ['KAZ'] })), null),
      ).toEqual({ kind: 'forbidden', action: 'item:edit', field: 'proposers_removed' })
      expect((await stored(t.db, 'A-01')).proposers).toEqual(['KAZ', 'UZB'])
      // KAZ leaves the item to UZB, which proposed it too: allowed, and adds no country
      expect(
        await updateItem(t.db, wgKaz, 'A-01', ItemForm.parse(formOf(item, { proposers: ['UZB'] })), null),
      ).toEqual({ kind: 'saved', ref: 'A-01' })
      expect((await stored(t.db, 'A-01')).proposers).toEqual(['UZB'])
    })

    it('on a stale version writes nothing and lists what the other person changed', async () => {
      const opened = await stored(t.db, 'A-01')
      const baseline = JSON.stringify(baselineOf(opened))

      // Someone else saves first.
      const theirs = ItemForm.parse(
        formOf(opened, { title_en: 'Customs reform', proposers: ['KAZ'], secured_usd_m: '3' }),
      )
      expect(await updateItem(t.db, secretariat, 'A-01', theirs, baseline)).toEqual({
        kind: 'saved',
        ref: 'A-01',
      })

      // Our save still carries the version we opened.
      const mine = ItemForm.parse(formOf(opened, { title_zh: '新标题' }))
      const outcome = await updateItem(t.db, wgKaz, 'A-01', mine, baseline)
      if (outcome.kind !== 'conflict') throw new Error(`expected a conflict, got ${outcome.kind}`)
      expect(outcome.current).toMatchObject({ ref: 'A-01', title_en: 'Customs reform', version: 2 })
      expect(outcome.changes).toEqual([
        { field: 'title_en', before: 'Customs modernisation', after: 'Customs reform' },
        { field: 'proposers', before: ['KAZ', 'UZB'], after: ['KAZ'] },
        { field: 'secured_usd_m', before: 2, after: 3 },
      ])
      expect(await stored(t.db, 'A-01')).toMatchObject({ title_zh: '海关现代化', version: 2 })
    })

    it('refuses an edit posted without its version like a stale one, even over a newer save', async () => {
      const opened = await stored(t.db, 'A-01')
      const baseline = JSON.stringify(baselineOf(opened))
      const theirs = ItemForm.parse(formOf(opened, { title_en: 'Customs reform' }))
      expect((await updateItem(t.db, secretariat, 'A-01', theirs, baseline)).kind).toBe('saved')

      const { version: _version, ...withoutVersion } = formOf(opened, { title_zh: '新标题' })
      const outcome = await updateItem(t.db, secretariat, 'A-01', ItemForm.parse(withoutVersion), baseline)
      expect(outcome).toMatchObject({
        kind: 'conflict',
        changes: [{ field: 'title_en', before: 'Customs modernisation', after: 'Customs reform' }],
      })
      expect(await stored(t.db, 'A-01')).toMatchObject({ title_en: 'Customs reform', title_zh: '海关现代化' })
    })

    it('on a stale version without a baseline reports the conflict with no change list', async () => {
      const opened = await stored(t.db, 'A-01')
      await setArchived(t.db, secretariat, 'A-01', true)
      const outcome = await updateItem(t.db, secretariat, 'A-01', ItemForm.parse(formOf(opened)), null)
      expect(outcome).toMatchObject({ kind: 'conflict', changes: [] })
    })

    it('lists an archiving made meanwhile as a change', async () => {
      const opened = await stored(t.db, 'A-01')
      await setArchived(t.db, secretariat, 'A-01', true)
      const outcome = await updateItem(
        t.db,
        secretariat,
        'A-01',
        ItemForm.parse(formOf(opened)),
        JSON.stringify(baselineOf(opened)),
      )
      expect(outcome).toMatchObject({
        kind: 'conflict',
        changes: [{ field: 'archived', before: false, after: true }],
      })
    })
  })

  it('sorts the most recently updated first', async () => {
    const item = await stored(t.db, 'B-01')
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(
      await updateItem(
        t.db,
        secretariat,
        'B-01',
        ItemForm.parse(formOf(item, { title_en: 'Broadband backbone, phase 2' })),
        null,
      ),
    ).toMatchObject({ kind: 'saved' })
    const latest = await refs(t.db, { sort: '-updated_at' })
    expect(latest[0]).toBe('B-01')
    expect(latest.slice(1)).toEqual(['A-01', 'A-02', 'A-03', 'B-02', 'C-01'])
    expect((await refs(t.db, { sort: 'updated_at' })).at(-1)).toBe('B-01')
  })

  describe('setArchived', () => {
    it('hides the item from the default list and shows it when asked', async () => {
      expect(await setArchived(t.db, secretariat, 'A-03', true)).toEqual({ kind: 'done' })
      const page = await listItems(t.db, listQuery())
      expect(page.items.map((i) => i.ref)).not.toContain('A-03')
      expect(page.total).toBe(5)
      expect(await refs(t.db, { archived: 'only' })).toEqual(['A-03'])
      expect(await refs(t.db, { archived: 'include' })).toEqual([
        'A-01',
        'A-02',
        'A-03',
        'B-01',
        'B-02',
        'C-01',
      ])
      expect(await stored(t.db, 'A-03')).toMatchObject({ archived: true, version: 2 })

      expect(await setArchived(t.db, secretariat, 'A-03', false)).toEqual({ kind: 'done' })
      expect(await refs(t.db, { archived: 'only' })).toEqual([])
      expect(await refs(t.db)).toContain('A-03')
    })

    it('answers not_found for an unknown ref', async () => {
      expect(await setArchived(t.db, secretariat, 'Z-99', true)).toEqual({ kind: 'not_found' })
    })
  })
})
