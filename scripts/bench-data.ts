import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, NewItemRow } from '../db/schema'
import { COUNTRY_CODES, MODALITIES, STATUSES } from '../app/portfolio/codes'
import { itemColumns, type ItemFields } from '../app/portfolio/items.server'

// Generated portfolio items for `npm run bench` and the list-order test: deterministic (seeded),
// so two runs measure the same database, with a realistic spread of taxonomy, proposers,
// modalities, statuses, amounts (~30% without cost), ~5% archived, titles in en and zh/ru.
// Rows go in straight through Kysely, in batches inside transactions, with the stored derived
// columns (gap, quadrant, keys, search text) made by the app's own itemColumns.

function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const chance = (p: number) => next() < p
  const some = <T>(list: readonly T[], min: number, max: number): T[] => {
    const pool = [...list]
    const n = int(min, Math.min(max, pool.length))
    const out: T[] = []
    for (let k = 0; k < n; k++) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!)
    return out
  }
  return { next, int, pick, chance, some }
}

const TAXONOMY: Array<{ name: string; prefix: string; pillars: Array<{ name: string; areas: string[] }> }> = [
  {
    name: 'CITA 2030',
    prefix: 'CITA',
    pillars: [
      { name: 'Pillar 1: Trade expansion through improved market access', areas: ['1 Trade policy and measures', '2 Modernization of border infrastructure and facilities', '3 Digitalised trade processes and documentation', '6 Risk management', '9 Non-tariff barriers'] },
      { name: 'Pillar 2: Greater diversification', areas: ['10 Trade reform', '11 Trade in services', '12 Investment facilitation', '13 Cross-border e-commerce', '14 Tourism', '15 Regional value chains'] },
      { name: 'Pillar 3: Stronger institutions for trade', areas: ['17 Corridor performance measurement and monitoring', '18 Human and institutional capacity building', '19 Monitoring and evaluation', '20 Private sector engagement', '21 SME support system'] },
    ],
  },
  {
    name: 'CAREC Energy Strategy 2030',
    prefix: 'ENE',
    pillars: [
      { name: 'Pillar 1: Energy security', areas: ['1 Regional power trade', '2 Transmission interconnections', '3 Gas networks'] },
      { name: 'Pillar 2: Green energy transition', areas: ['4 Renewable generation', '5 Energy efficiency', '6 Storage and flexibility', '7 Hydrogen readiness'] },
      { name: 'Pillar 3: Markets and regulation', areas: ['8 Market design', '9 Tariff reform', '10 Regulator capacity'] },
      { name: 'Pillar 4: Knowledge and capacity', areas: ['11 Energy data', '12 Training'] },
    ],
  },
  {
    name: 'CAREC Transport Strategy 2030',
    prefix: 'TRA',
    pillars: [
      { name: 'Pillar 1: Cross-border transport and logistics', areas: ['1 Road corridors', '2 Railways', '3 Logistics centres', '4 Border crossing points'] },
      { name: 'Pillar 2: Road asset management', areas: ['5 Maintenance planning', '6 Road safety'] },
      { name: 'Pillar 3: Aviation and ports', areas: ['7 Airports', '8 Dry ports', '9 Caspian ports'] },
    ],
  },
  {
    name: 'Digital CAREC 2030',
    prefix: 'DIG',
    pillars: [
      { name: 'Pillar 1: Digital infrastructure', areas: ['1 Backbone networks', '2 Data centres'] },
      { name: 'Pillar 2: Digital services', areas: ['3 E-government', '4 Digital skills', '5 Fintech'] },
    ],
  },
]

const VERBS = ['Modernization of', 'Rehabilitation of', 'Feasibility study for', 'Capacity building for', 'Reform of', 'Digitalization of', 'Support to', 'Expansion of', 'Harmonization of', 'Regional program for']
const OBJECTS = ['border crossing points', 'customs procedures', 'railway corridor', 'transmission line', 'logistics centre', 'road corridor', 'SPS laboratories', 'single window', 'power market', 'dry port', 'trade statistics', 'e-commerce platform', 'transit system', 'renewable generation', 'airport terminal']
const PLACES = ['in Kazakhstan', 'in Uzbekistan', 'in the Kyrgyz Republic', 'in Tajikistan', 'in Mongolia', 'in Pakistan', 'in Georgia', 'in Azerbaijan', 'in Turkmenistan', 'in the PRC', 'across the region', 'along CAREC Corridor 2', 'along CAREC Corridor 6']
const ZH = ['边境口岸现代化', '海关程序改革', '铁路走廊', '输电线路', '物流中心建设', '公路走廊', '卫生与植物检疫实验室', '单一窗口', '电力市场', '陆港', '贸易统计', '跨境电子商务平台', '过境系统', '可再生能源发电']
const RU = ['Модернизация пунктов пропуска', 'Реформа таможенных процедур', 'Железнодорожный коридор', 'Линия электропередачи', 'Логистический центр', 'Автодорожный коридор', 'Лаборатории СФС', 'Единое окно', 'Рынок электроэнергии', 'Сухой порт', 'Торговая статистика']
const PARTNERS = ['ADB', 'World Bank', 'AIIB', 'EBRD', 'IsDB', 'JICA', 'UNDP', 'EU']
const SOURCES = ['CITA 2030 MTR, Appendix 4', 'Energy RSAP 2025', 'Transport RSAP 2024', 'Country submission', null]

interface Taxon {
  strategy_id: string
  prefix: string
  pillars: Array<{ id: string; areas: string[] }>
}

async function insertTaxonomy(db: Kysely<Database>, now: string): Promise<Taxon[]> {
  const out: Taxon[] = []
  for (const s of TAXONOMY) {
    const strategy_id = randomUUID()
    await db.insertInto('strategies').values({ id: strategy_id, name: s.name, created_at: now }).execute()
    const pillars: Taxon['pillars'] = []
    for (const p of s.pillars) {
      const id = randomUUID()
      await db.insertInto('pillars').values({ id, strategy_id, name: p.name, created_at: now }).execute()
      const areas = p.areas.map((name) => ({ id: randomUUID(), pillar_id: id, name, created_at: now }))
      await db.insertInto('areas').values(areas).execute()
      pillars.push({ id, areas: areas.map((a) => a.id) })
    }
    out.push({ strategy_id, prefix: s.prefix, pillars })
  }
  return out
}

function generateItem(r: ReturnType<typeof prng>, n: number, taxonomy: Taxon[]): ItemFields {
  const taxon = r.pick(taxonomy)
  // ~10% filed under the strategy only, ~10% under a pillar without an area.
  const pillar = r.chance(0.9) ? r.pick(taxon.pillars) : null
  const area = pillar && r.chance(0.89) ? r.pick(pillar.areas) : null
  const title_en = `${r.pick(VERBS)} ${r.pick(OBJECTS)} ${r.pick(PLACES)}`
  const start_year = r.chance(0.85) ? r.int(2018, 2032) : null
  const cost_kusd = r.chance(0.7) ? r.int(50, 2_500_000) : null
  return {
    // Refs in a different order than insertion, as in a register filled over years.
    ref: `${taxon.prefix}-${String(r.int(1, 99)).padStart(2, '0')}-${String(n).padStart(6, '0')}`,
    title_en,
    title_zh: r.chance(0.5) ? `${r.pick(ZH)}（${r.pick(ZH)}）` : null,
    title_ru: r.chance(0.3) ? `${r.pick(RU)}: ${r.pick(RU).toLowerCase()}` : null,
    description_en: r.chance(0.6) ? `${title_en}. Generated for the benchmark.` : null,
    source: r.pick(SOURCES),
    strategy_id: taxon.strategy_id,
    pillar_id: pillar?.id ?? null,
    area_id: area,
    status: r.pick(STATUSES),
    start_year,
    end_year: start_year != null && r.chance(0.8) ? start_year + r.int(1, 6) : null,
    cost_kusd,
    secured_kusd: cost_kusd != null && r.chance(0.8) ? r.int(0, cost_kusd) : null,
    strategic_importance: r.chance(0.8) ? r.int(1, 5) : null,
    ease_of_implementation: r.chance(0.8) ? r.int(1, 5) : null,
    partners: r.some(PARTNERS, 0, 3),
    proposers: r.some(COUNTRY_CODES, 1, 4),
    modalities: r.some(MODALITIES, 1, 3),
  }
}

/** Adds `count` generated items (and four strategies with their pillars and areas); `userId` edited half of them. */
export async function fillItems(db: Kysely<Database>, count: number, userId: string | null): Promise<void> {
  const r = prng(20261125)
  const now = new Date().toISOString()
  const taxonomy = await insertTaxonomy(db, now)
  const start = Date.parse('2025-01-01T00:00:00Z')
  const span = Date.parse('2026-11-01T00:00:00Z') - start
  // ~31 columns a row: 500 rows stay well under SQLite's 32766 bound parameters.
  const BATCH = 500
  for (let from = 0; from < count; from += 10_000) {
    await db.transaction().execute(async (trx) => {
      for (let b = from; b < Math.min(from + 10_000, count); b += BATCH) {
        const items: NewItemRow[] = []
        const proposers: Array<{ item_id: string; country_code: string; position: number }> = []
        const modalities: Array<{ item_id: string; type_code: string; position: number }> = []
        for (let n = b; n < Math.min(b + BATCH, count); n++) {
          const fields = generateItem(r, n, taxonomy)
          const id = randomUUID()
          const created_at = new Date(start + Math.floor(r.next() * span)).toISOString()
          const updated_at = r.chance(0.5) ? created_at : new Date(Date.parse(created_at) + Math.floor(r.next() * 30 * 86_400_000)).toISOString()
          const by = r.chance(0.5) ? userId : null
          items.push({ id, ...itemColumns(fields), archived: r.chance(0.05) ? 1 : 0, version: 1, created_at, created_by: by, updated_at, updated_by: by })
          fields.proposers.forEach((country_code, position) => proposers.push({ item_id: id, country_code, position }))
          fields.modalities.forEach((type_code, position) => modalities.push({ item_id: id, type_code, position }))
        }
        await trx.insertInto('items').values(items).execute()
        await trx.insertInto('item_proposers').values(proposers).execute()
        await trx.insertInto('item_modalities').values(modalities).execute()
      }
    })
  }
}
