import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Insertable } from 'kysely'
import type {
  CofinancingFlagsTable,
  Database,
  ItemEventsTable,
  ItemModalitiesTable,
  ItemProposersTable,
  ItemStatusChangesTable,
  NewItemRow,
} from '../db/schema'
import type { Role } from '../app/permissions/permissions'
import { COUNTRY_CODES, MODALITIES, STATUSES, type CountryCode, type Modality } from '../app/portfolio/codes'
import { itemColumns, type ItemFields } from '../app/portfolio/items.server'
import { rebuildTallies } from '../app/dashboard/tallies.server'

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
      {
        name: 'Pillar 1: Trade expansion through improved market access',
        areas: [
          '1 Trade policy and measures',
          '2 Modernization of border infrastructure and facilities',
          '3 Digitalised trade processes and documentation',
          '6 Risk management',
          '9 Non-tariff barriers',
        ],
      },
      {
        name: 'Pillar 2: Greater diversification',
        areas: [
          '10 Trade reform',
          '11 Trade in services',
          '12 Investment facilitation',
          '13 Cross-border e-commerce',
          '14 Tourism',
          '15 Regional value chains',
        ],
      },
      {
        name: 'Pillar 3: Stronger institutions for trade',
        areas: [
          '17 Corridor performance measurement and monitoring',
          '18 Human and institutional capacity building',
          '19 Monitoring and evaluation',
          '20 Private sector engagement',
          '21 SME support system',
        ],
      },
    ],
  },
  {
    name: 'CAREC Energy Strategy 2030',
    prefix: 'ENE',
    pillars: [
      {
        name: 'Pillar 1: Energy security',
        areas: ['1 Regional power trade', '2 Transmission interconnections', '3 Gas networks'],
      },
      {
        name: 'Pillar 2: Green energy transition',
        areas: [
          '4 Renewable generation',
          '5 Energy efficiency',
          '6 Storage and flexibility',
          '7 Hydrogen readiness',
        ],
      },
      {
        name: 'Pillar 3: Markets and regulation',
        areas: ['8 Market design', '9 Tariff reform', '10 Regulator capacity'],
      },
      { name: 'Pillar 4: Knowledge and capacity', areas: ['11 Energy data', '12 Training'] },
    ],
  },
  {
    name: 'CAREC Transport Strategy 2030',
    prefix: 'TRA',
    pillars: [
      {
        name: 'Pillar 1: Cross-border transport and logistics',
        areas: ['1 Road corridors', '2 Railways', '3 Logistics centres', '4 Border crossing points'],
      },
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

const VERBS = [
  'Modernization of',
  'Rehabilitation of',
  'Feasibility study for',
  'Capacity building for',
  'Reform of',
  'Digitalization of',
  'Support to',
  'Expansion of',
  'Harmonization of',
  'Regional program for',
]
const OBJECTS = [
  'border crossing points',
  'customs procedures',
  'railway corridor',
  'transmission line',
  'logistics centre',
  'road corridor',
  'SPS laboratories',
  'single window',
  'power market',
  'dry port',
  'trade statistics',
  'e-commerce platform',
  'transit system',
  'renewable generation',
  'airport terminal',
]
const PLACES = [
  'in Kazakhstan',
  'in Uzbekistan',
  'in the Kyrgyz Republic',
  'in Tajikistan',
  'in Mongolia',
  'in Pakistan',
  'in Georgia',
  'in Azerbaijan',
  'in Turkmenistan',
  'in the PRC',
  'across the region',
  'along CAREC Corridor 2',
  'along CAREC Corridor 6',
]
const ZH = [
  '边境口岸现代化',
  '海关程序改革',
  '铁路走廊',
  '输电线路',
  '物流中心建设',
  '公路走廊',
  '卫生与植物检疫实验室',
  '单一窗口',
  '电力市场',
  '陆港',
  '贸易统计',
  '跨境电子商务平台',
  '过境系统',
  '可再生能源发电',
]
const RU = [
  'Модернизация пунктов пропуска',
  'Реформа таможенных процедур',
  'Железнодорожный коридор',
  'Линия электропередачи',
  'Логистический центр',
  'Автодорожный коридор',
  'Лаборатории СФС',
  'Единое окно',
  'Рынок электроэнергии',
  'Сухой порт',
  'Торговая статистика',
]
const PARTNERS = ['ADB', 'World Bank', 'AIIB', 'EBRD', 'IsDB', 'JICA', 'UNDP', 'EU']
const SOURCES = [
  'CITA 2030 MTR, Appendix 4',
  'Energy RSAP 2025',
  'Transport RSAP 2024',
  'Country submission',
  null,
]

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
    description_ru: null,
    description_zh: null,
    dac_code: null,
    source: r.pick(SOURCES),
    strategy_id: taxon.strategy_id,
    pillar_id: pillar?.id ?? null,
    area_id: area,
    status: r.pick(STATUSES),
    start_year,
    end_year: start_year != null && r.chance(0.8) ? start_year + r.int(1, 6) : null,
    cost_kusd,
    secured_kusd: cost_kusd != null && r.chance(0.8) ? r.int(0, cost_kusd) : null,
    secured_government_kusd: null,
    secured_partners_kusd: null,
    secured_private_kusd: null,
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
        const proposers: Array<Insertable<ItemProposersTable>> = []
        const modalities: Array<Insertable<ItemModalitiesTable>> = []
        const changes: Array<Insertable<ItemStatusChangesTable>> = []
        for (let n = b; n < Math.min(b + BATCH, count); n++) {
          const fields = generateItem(r, n, taxonomy)
          const id = randomUUID()
          const created_at = new Date(start + Math.floor(r.next() * span)).toISOString()
          const updated_at = r.chance(0.5)
            ? created_at
            : new Date(Date.parse(created_at) + Math.floor(r.next() * 30 * 86_400_000)).toISOString()
          const by = r.chance(0.5) ? userId : null
          items.push({
            id,
            ...itemColumns(fields),
            archived: r.chance(0.05) ? 1 : 0,
            version: 1,
            created_at,
            created_by: by,
            updated_at,
            updated_by: by,
          })
          // generated from the code lists (generateItem), so known codes
          fields.proposers.forEach((code, position) =>
            proposers.push({ item_id: id, country_code: code as CountryCode, position }),
          )
          fields.modalities.forEach((code, position) =>
            modalities.push({ item_id: id, type_code: code as Modality, position }),
          )
          // The dashboard's status over time: items that moved since created start as proposed.
          const moved = fields.status !== 'proposed' && updated_at !== created_at
          changes.push({
            item_id: id,
            seq: 1,
            at: created_at,
            month: created_at.slice(0, 7),
            from_status: null,
            to_status: moved ? 'proposed' : fields.status,
          })
          if (moved)
            changes.push({
              item_id: id,
              seq: 2,
              at: updated_at,
              month: updated_at.slice(0, 7),
              from_status: 'proposed',
              to_status: fields.status,
            })
        }
        await trx.insertInto('items').values(items).execute()
        await trx.insertInto('item_proposers').values(proposers).execute()
        await trx.insertInto('item_modalities').values(modalities).execute()
        await trx.insertInto('item_status_changes').values(changes).execute()
      }
    })
  }
  // Rows written here bypass the app's writers, which keep the dashboard's summary rows.
  await rebuildTallies(db)
}

// ---------------------------------------------------------------------------------------------
// History, comments and co-financing flags for the item page's part of the bench

const HISTORY_USERS: Array<{ name: string; role: Role; organisation: string | null }> = [
  ...[
    'Aigerim Nurlanovna',
    'Bekzod Tashkentov',
    'Chen Wei',
    'Davron Rahimov',
    'Elena Petrova',
    'Farrukh Saidov',
    'Gulnara Abdullaeva',
    'Hamid Khan',
  ].map((name) => ({ name, role: 'working_group' as const, organisation: null })),
  ...['Irina Volkova', 'Jamshid Karimov', 'Kanat Bekov', 'Li Na'].map((name) => ({
    name,
    role: 'secretariat' as const,
    organisation: null,
  })),
  ...['Maral Orazova', 'Nodira Yusupova', 'Oyuna Bat'].map((name) => ({
    name,
    role: 'steering_committee' as const,
    organisation: null,
  })),
  ...PARTNERS.map((organisation, k) => ({
    name: `${['Paul', 'Rita', 'Sara', 'Tom', 'Uma', 'Vera', 'Yuki', 'Zoe'][k]} ${organisation.replace(/\s/g, '')}`,
    role: 'partner' as const,
    organisation,
  })),
]

/** The way items usually move; a step back (return for revision, on hold and back) now and then. */
const NEXT_STATE: Record<string, string[]> = {
  proposed: ['under_review'],
  under_review: ['endorsed', 'endorsed', 'proposed'],
  endorsed: ['in_preparation'],
  in_preparation: ['approved', 'approved', 'on_hold'],
  approved: ['under_implementation'],
  under_implementation: ['completed', 'completed', 'on_hold'],
  completed: ['completed'],
  on_hold: ['in_preparation'],
  dropped: ['dropped'],
}
const REASONS = [
  'Cost estimate missing',
  'Awaiting government counterpart funding',
  'Scope overlaps with an approved item',
  'Financing confirmed at the steering committee',
  null,
]
const COMMENT_TEXTS = [
  'Could the working group confirm the **cost estimate**? See https://www.carecprogram.org for the template.',
  'Agree with the scope. Points to settle:\n- counterpart funding\n- procurement plan\n- timing of the feasibility study',
  'The feasibility study is due next quarter; we will update the cost then.',
  'ADB has indicated interest in co-financing the second phase.',
  'Please link the **corridor performance** figures when available.',
  'Reviewed at the last meeting: no objection.',
]
const INSTRUMENT_LIST = ['grant', 'loan', 'technical_assistance', 'guarantee', 'equity', 'other'] as const
const STAGE_LIST = ['interest', 'in_discussion', 'committed'] as const

export interface HistoryFill {
  events: number
  comments: number
  flags: number
  users: number
  /** refs of the items given `busyEvents` events each (and many comments and flags) */
  busiest: string[]
}

type EventRow = Insertable<ItemEventsTable>

/**
 * Adds `count` item_events rows over the items already there (about count / items each, jittered;
 * `busyItems` items get `busyEvents` each), with users to make them, ~15% of items with 1-6
 * comments (a third replies; busy items 40), ~10% with 1-3 co-financing flags (busy items all
 * partners). Events are transitions along the workflow, field edits, comment and flag events
 * (pointing at the real comment and flag rows), seq 1, 2, 3... per item, times after the item's
 * creation. Seeded; inserted in batches inside transactions of ~100,000 events.
 */
export async function fillHistory(
  db: Kysely<Database>,
  count: number,
  busyItems = 5,
  busyEvents = 200,
): Promise<HistoryFill> {
  const r = prng(20261126)
  const now = new Date().toISOString()
  const users = HISTORY_USERS.map((u, k) => ({
    id: randomUUID(),
    email: `user${k}@bench.invalid`,
    name: u.name,
    role: u.role,
    organisation: u.organisation,
    password_hash: 'x',
    created_at: now,
  }))
  // A partner account names a managed organisation (docs/decisions/0020), as the app's invitations do.
  const managed = new Set(
    (await db.selectFrom('organisations').select('short_name').execute()).map((o) => o.short_name),
  )
  const unmanaged = PARTNERS.filter((name) => !managed.has(name))
  if (unmanaged.length)
    await db
      .insertInto('organisations')
      .values(
        unmanaged.map((name) => ({
          id: randomUUID(),
          short_name: name,
          name,
          type: 'other',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute()
  await db.insertInto('users').values(users).execute()
  const partners = users.filter((u) => u.role === 'partner')
  const others = users.filter((u) => u.role !== 'partner')
  const items = await db
    .selectFrom('items')
    .select(['id', 'ref', 'created_at', 'cost_kusd', 'start_year'])
    .orderBy('ref')
    .execute()
  if (items.length === 0) return { events: 0, comments: 0, flags: 0, users: users.length, busiest: [] }
  const busy = new Set<number>()
  while (busy.size < Math.min(busyItems, items.length)) busy.add(r.int(0, items.length - 1))
  // Per item counts adding up to `count` exactly: an even share, jittered in pairs (+d, -d).
  const rest = Math.max(0, count - busy.size * busyEvents)
  const plain = items.length - busy.size
  const counts: number[] = []
  let p = 0
  for (let i = 0; i < items.length; i++) {
    if (busy.has(i)) counts.push(busyEvents)
    else {
      counts.push(Math.floor((rest * (p + 1)) / plain) - Math.floor((rest * p) / plain))
      p++
    }
  }
  for (let i = 0; i + 1 < items.length; i += 2) {
    if (busy.has(i) || busy.has(i + 1)) continue
    const d = r.int(0, Math.max(0, Math.min(counts[i]!, counts[i + 1]!) - 1))
    const sign = r.chance(0.5) ? 1 : -1
    counts[i] = counts[i]! + sign * d
    counts[i + 1] = counts[i + 1]! - sign * d
  }

  let events: EventRow[] = []
  let comments: Array<{
    id: string
    item_id: string
    parent_id: string | null
    author_id: string
    body: string
    created_at: string
    edited_at: string | null
    deleted: number
  }> = []
  let flags: Array<Insertable<CofinancingFlagsTable>> = []
  const totals = { events: 0, comments: 0, flags: 0 }
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      // comments and flags first: events name them. ~10 / 11 / 7 columns: batches under 32766 parameters.
      for (let b = 0; b < comments.length; b += 2000)
        await trx
          .insertInto('comments')
          .values(comments.slice(b, b + 2000))
          .execute()
      for (let b = 0; b < flags.length; b += 2000)
        await trx
          .insertInto('cofinancing_flags')
          .values(flags.slice(b, b + 2000))
          .execute()
      for (let b = 0; b < events.length; b += 4000)
        await trx
          .insertInto('item_events')
          .values(events.slice(b, b + 4000))
          .execute()
    })
    totals.events += events.length
    totals.comments += comments.length
    totals.flags += flags.length
    events = []
    comments = []
    flags = []
  }

  const end = Date.parse('2026-11-20T00:00:00Z')
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const n = counts[i]!
    const isBusy = busy.has(i)
    const created = Date.parse(item.created_at)
    const step = Math.max(60_000, Math.floor((Math.max(end, created + 86_400_000) - created) / (n + 1)))
    let t = created
    const at = () => new Date((t += r.int(Math.floor(step / 2), step))).toISOString()
    let state = 'proposed'
    let cost = item.cost_kusd
    let year = item.start_year
    // What this item's comments and flags will be; their events are spread among the others.
    const nComments = isBusy ? 40 : r.chance(0.15) ? r.int(1, 6) : 0
    const nFlags = isBusy ? partners.length : r.chance(0.1) ? r.int(1, 3) : 0
    const side: Array<() => EventRow> = []
    const threads: string[] = []
    for (let c = 0; c < nComments; c++) {
      const id = randomUUID()
      const parent = threads.length > 0 && r.chance(0.33) ? r.pick(threads) : null
      if (!parent) threads.push(id)
      const author = r.pick(users)
      side.push(() => {
        const created_at = at()
        const deleted = r.chance(0.03) ? 1 : 0
        comments.push({
          id,
          item_id: item.id,
          parent_id: parent,
          author_id: author.id,
          body: deleted ? '' : `${r.pick(COMMENT_TEXTS)} @${r.pick(users).name}`,
          created_at,
          edited_at: null,
          deleted,
        })
        return {
          id: randomUUID(),
          item_id: item.id,
          seq: 0,
          kind: 'comment',
          actor_id: author.id,
          at: created_at,
          data: JSON.stringify({ action: parent ? 'replied' : 'added', comment_id: id }),
        }
      })
    }
    const orgs = r.some(partners, Math.min(nFlags, partners.length), Math.min(nFlags, partners.length))
    for (const partner of orgs) {
      side.push(() => {
        const when = at()
        const instrument = r.pick(INSTRUMENT_LIST)
        const stage = r.pick(STAGE_LIST)
        const amount_kusd = r.chance(0.8) ? r.int(1, 500) * 1000 : null
        const note = r.chance(0.5) ? 'Subject to board approval.' : null
        flags.push({
          id: randomUUID(),
          item_id: item.id,
          organisation: partner.organisation!,
          user_id: partner.id,
          instrument,
          amount_kusd,
          stage,
          note,
          withdrawn: 0,
          created_at: when,
          updated_at: when,
        })
        return {
          id: randomUUID(),
          item_id: item.id,
          seq: 0,
          kind: 'flag',
          actor_id: partner.id,
          at: when,
          data: JSON.stringify({
            action: 'flagged',
            organisation: partner.organisation,
            instrument,
            stage,
            amount_usd_m: amount_kusd === null ? null : amount_kusd / 1000,
            note,
          }),
        }
      })
    }
    for (let seq = 1; seq <= n; seq++) {
      let row: EventRow
      const left = n - seq + 1
      if (seq === 1) {
        row = {
          id: randomUUID(),
          item_id: item.id,
          seq,
          kind: 'created',
          actor_id: r.pick(others).id,
          at: new Date(t).toISOString(),
          data: JSON.stringify({ status: 'proposed' }),
        }
      } else if (side.length > 0 && (left <= side.length || r.chance(side.length / left))) {
        row = { ...side.shift()!(), seq }
      } else if (r.chance(0.35)) {
        const to = r.pick(NEXT_STATE[state]!)
        const reason =
          to === 'proposed' || to === 'on_hold' ? (r.pick(REASONS) ?? 'See the meeting notes') : null
        row = {
          id: randomUUID(),
          item_id: item.id,
          seq,
          kind: 'transition',
          actor_id: r.pick(others).id,
          at: at(),
          data: JSON.stringify({ from: state, to, reason }),
        }
        state = to
      } else {
        const changes: Array<{ field: string; old: unknown; new: unknown }> = []
        if (r.chance(0.5)) {
          const next = r.int(50, 2_500_000)
          changes.push({ field: 'cost_usd_m', old: cost === null ? null : cost / 1000, new: next / 1000 })
          cost = next
        }
        if (r.chance(0.4) || changes.length === 0) {
          const next = r.int(2018, 2032)
          changes.push({ field: 'start_year', old: year, new: next })
          year = next
        }
        if (r.chance(0.2))
          changes.push({ field: 'partners', old: r.some(PARTNERS, 0, 2), new: r.some(PARTNERS, 1, 3) })
        row = {
          id: randomUUID(),
          item_id: item.id,
          seq,
          kind: 'edited',
          actor_id: r.pick(others).id,
          at: at(),
          data: JSON.stringify({ changes }),
        }
      }
      events.push(row)
    }
    if (events.length >= 100_000) await flush()
  }
  await flush()
  return { ...totals, users: users.length, busiest: [...busy].map((i) => items[i]!.ref) }
}
