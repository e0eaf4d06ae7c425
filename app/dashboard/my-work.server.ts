import { sql } from 'kysely'
import type { DB } from '../../db/schema'
import type { Actor } from '../permissions/permissions'
import { ListQuery, toSearchParams } from '../portfolio/list-query'
import { itemsOfView } from '../portfolio/list.server'
import { kusdToMillion } from '../portfolio/money'
import { titlesOf, type TextsByLanguage } from '../portfolio/item-text'
import { OPEN_STATUSES, TRANSITIONS } from '../workflow/transitions'
import { awaitingVote } from '../procedures/procedures.server'

// "My work": what awaits the signed-in person, by role, on the dashboard. Each list names its
// count, shows its first entries (each a link to its item) and, where the portfolio table (or the
// funding gaps page) can list exactly the same items, a link to that view; otherwise a link to the
// nearest view, said as such (`exact: false`).

/** How many entries each list shows; the count says how many there are. */
export const SHOWN = 8
/**
 * Lists are counted up to this many: "500+" says enough, and counting a list of 40,000 (a
 * generated register of 100,000 items) would cost more than the rest of the dashboard.
 */
export const COUNT_CAP = 500
/** "No change for 6 months", in days. */
export const STALE_DAYS = 183

export interface WorkEntry {
  /** the item's ref; null for a meeting or an import */
  ref: string | null
  /** a meeting's or an import's own name (an item's is in `titles`) */
  title: string
  /** an item's titles by language, shown in the reader's (ItemText) */
  titles?: TextsByLanguage
  /** where the entry leads */
  href: string
  /** what to say beside it: a status, a date, a stage and amount (as data; the page words it) */
  detail: Record<string, string | number | null>
}

export interface WorkList {
  key:
    | 'stale'
    | 'missing'
    | 'yourMove'
    | 'returned'
    | 'toScore'
    | 'toVote'
    | 'nextMeetings'
    | 'gapsToFlag'
    | 'ownFlags'
    | 'awaitingDecision'
    | 'draftMeetings'
    | 'recentImports'
  /** how many, counted up to COUNT_CAP */
  total: number
  /** true when there are more than `total` */
  more: boolean
  entries: WorkEntry[]
  /** the whole list in a table view; `exact` false when the view holds more than the list */
  view: { href: string; exact: boolean } | null
}

export interface MyWork {
  role: Actor['role']
  lists: WorkList[]
}

const itemHref = (ref: string) => `/items/${encodeURIComponent(ref)}`
const tableHref = (over: Partial<ListQuery>, path = '/items') => {
  const params = toSearchParams(over).toString()
  return params ? `${path}?${params}` : path
}

/** The statuses from which a working group of a proposer country makes the next move (not hold, resume or drop). */
export const WORKING_GROUP_MOVES = [
  ...new Set(
    TRANSITIONS.filter(
      (rule) =>
        rule.who.includes('proposer_working_group') && !['hold', 'resume', 'drop'].includes(rule.name),
    ).flatMap((rule) => rule.from),
  ),
]

function sixMonthsBefore(now: Date): string {
  return new Date(now.getTime() - STALE_DAYS * 86_400_000).toISOString()
}

/** The items of a table view (not archived, by default), through the table's own filters. */
function view(db: DB, over: Partial<ListQuery>) {
  return itemsOfView(db, ListQuery.parse(over))
}

type ItemsQuery = ReturnType<typeof view>

/** The rows of a query counted up to COUNT_CAP (one more is read to know there are more). */
async function capped(query: { limit(n: number): { execute(): Promise<unknown[]> } }) {
  const n = (await query.limit(COUNT_CAP + 1).execute()).length
  return { total: Math.min(n, COUNT_CAP), more: n > COUNT_CAP }
}

/** Count and first entries of an item query; `order` picks which come first. */
async function itemList(
  base: ItemsQuery,
  order: 'updated_at' | 'ref' | 'gap_desc',
): Promise<{ total: number; more: boolean; entries: WorkEntry[] }> {
  const counted = await capped(base.select('i.id'))
  let rows = base.select([
    'i.ref',
    'i.title_en',
    'i.title_ru',
    'i.title_zh',
    'i.status',
    'i.updated_at',
    'i.gap_kusd',
  ])
  rows =
    order === 'updated_at'
      ? rows.orderBy('i.updated_at').orderBy('i.ref')
      : order === 'gap_desc'
        ? rows.orderBy('i.gap_kusd', 'desc').orderBy('i.ref')
        : rows.orderBy('i.ref')
  return {
    ...counted,
    entries: (await rows.limit(SHOWN).execute()).map((r) => ({
      ref: r.ref,
      title: r.title_en,
      titles: titlesOf(r),
      href: itemHref(r.ref),
      detail: { status: r.status, updated_at: r.updated_at, gap_usd_m: kusdToMillion(r.gap_kusd) },
    })),
  }
}

async function workingGroup(db: DB, actor: Actor, now: Date): Promise<WorkList[]> {
  const proposers = actor.countries as ListQuery['proposers']
  // A member without countries speaks for none: an empty proposers filter would mean every item.
  if (proposers.length === 0) return []
  const open = view(db, { proposers, status: [...OPEN_STATUSES] })
  const stale = await itemList(open.where('i.updated_at', '<', sixMonthsBefore(now)), 'updated_at')
  const missing = await itemList(
    open.where((eb) =>
      eb.or([eb('i.cost_kusd', 'is', null), eb('i.start_year', 'is', null), eb('i.end_year', 'is', null)]),
    ),
    'ref',
  )
  const yourMove = await itemList(view(db, { proposers, status: WORKING_GROUP_MOVES }), 'ref')
  // Returned for revision: proposed now, and sent back from review at some time (the only way back
  // to proposed). Found from those changes (an index on (to, from, item): migration
  // 2026_12_05_0100), few beside the proposed items; `+i.archived` keeps SQLite, which has no
  // statistics, from starting at the register's 10,000 proposed items instead and looking each
  // one's changes up (75 ms of the working group's dashboard at 100,000 items: decision 0053).
  const returned = await itemList(
    view(db, { proposers, archived: 'include' })
      .where('i.id', 'in', (eb) =>
        eb
          .selectFrom('item_status_changes as c')
          .select('c.item_id')
          .where('c.to_status', '=', 'proposed')
          .where('c.from_status', '=', 'under_review'),
      )
      .where(sql<boolean>`+i.archived = ${0}`)
      .where('i.status', '=', 'proposed'),
    'ref',
  )
  return [
    {
      key: 'yourMove',
      ...yourMove,
      view: { href: tableHref({ proposers, status: WORKING_GROUP_MOVES }), exact: true },
    },
    {
      key: 'returned',
      ...returned,
      view: { href: tableHref({ proposers, status: ['proposed'] }), exact: false },
    },
    {
      key: 'stale',
      ...stale,
      view: { href: tableHref({ proposers, status: [...OPEN_STATUSES], sort: 'updated_at' }), exact: false },
    },
    {
      key: 'missing',
      ...missing,
      view: { href: tableHref({ proposers, status: [...OPEN_STATUSES], sort: 'cost_usd_m' }), exact: false },
    },
  ]
}

async function nextMeetings(
  db: DB,
  now: Date,
  draftsOnly: boolean,
): Promise<{ total: number; more: boolean; entries: WorkEntry[] }> {
  let base = db.selectFrom('meetings')
  base = draftsOnly
    ? base.where('opened_at', 'is', null)
    : base.where('meeting_date', '>=', now.toISOString().slice(0, 10))
  const counted = await capped(base.select('id'))
  const rows = await base
    .select(['id', 'title', 'meeting_date', 'body', 'opened_at'])
    .orderBy('meeting_date')
    .orderBy('id')
    .limit(SHOWN)
    .execute()
  return {
    ...counted,
    entries: rows.map((m) => ({
      ref: null,
      title: m.title,
      href: `/meetings/${m.id}`,
      detail: { date: m.meeting_date, body: m.body, pack: `/meetings/${m.id}/pack`, opened: m.opened_at },
    })),
  }
}

async function steeringCommittee(db: DB, actor: Actor, now: Date): Promise<WorkList[]> {
  const toScore = await itemList(
    view(db, { status: ['under_review'] }).where('i.id', 'not in', (eb) =>
      eb.selectFrom('item_scores').select('item_id').where('user_id', '=', actor.id),
    ),
    'ref',
  )
  // written procedures awaiting the member's vote (app/procedures): few at a time, so not capped
  const toVote = await awaitingVote(db, actor.id, now.toISOString())
  return [
    {
      key: 'toVote',
      total: toVote.length,
      more: false,
      entries: toVote.slice(0, SHOWN).map((p) => ({
        ref: null,
        title: p.title,
        href: `/procedures/${p.id}`,
        detail: { deadline: p.deadline, items: p.items },
      })),
      view: { href: '/procedures', exact: false },
    },
    { key: 'toScore', ...toScore, view: { href: tableHref({ status: ['under_review'] }), exact: false } },
    {
      key: 'nextMeetings',
      ...(await nextMeetings(db, now, false)),
      view: { href: '/meetings', exact: false },
    },
  ]
}

async function partner(db: DB, actor: Actor): Promise<WorkList[]> {
  const organisation = actor.organisation ?? ''
  // What the funding gaps page lists for the same view: items with a gap, largest first.
  const gaps = await itemList(
    view(db, { interest: 'none', interest_org: [organisation] }).where('i.gap_kusd', '>', 0),
    'gap_desc',
  )
  const flags = db
    .selectFrom('cofinancing_flags as f')
    .innerJoin('items as i', 'i.id', 'f.item_id')
    .where('f.organisation', '=', organisation)
    .where('f.withdrawn', '=', 0)
    // `+i.archived`: SQLite, without statistics, would otherwise start from the 95% of items not
    // archived and look each one's flag up, rather than from the organisation's few flags.
    .where(sql<boolean>`+i.archived = ${0}`)
  const counted = await capped(flags.select('f.id'))
  const own = await flags
    .select(['i.ref', 'i.title_en', 'i.title_ru', 'i.title_zh', 'f.stage', 'f.amount_kusd'])
    .orderBy('f.updated_at', 'desc')
    .orderBy('i.ref')
    .limit(SHOWN)
    .execute()
  return [
    {
      key: 'gapsToFlag',
      ...gaps,
      view: { href: tableHref({ interest: 'none', interest_org: [organisation] }, '/gaps'), exact: true },
    },
    {
      key: 'ownFlags',
      ...counted,
      entries: own.map((f) => ({
        ref: f.ref,
        title: f.title_en,
        titles: titlesOf(f),
        href: itemHref(f.ref),
        detail: { stage: f.stage, amount_usd_m: kusdToMillion(f.amount_kusd) },
      })),
      view: { href: tableHref({ interest_org: [organisation] }), exact: true },
    },
  ]
}

async function secretariat(db: DB, now: Date): Promise<WorkList[]> {
  const awaiting = await itemList(view(db, { status: ['under_review'] }), 'ref')
  const stale = await itemList(
    view(db, { status: [...OPEN_STATUSES] }).where('i.updated_at', '<', sixMonthsBefore(now)),
    'updated_at',
  )
  const imports = db.selectFrom('import_uploads').where('imported_at', 'is not', null)
  const counted = await capped(imports.select('id'))
  const recent = await imports
    .select(['id', 'filename', 'imported_at', 'result'])
    .orderBy('imported_at', 'desc')
    .limit(SHOWN)
    .execute()
  return [
    {
      key: 'awaitingDecision',
      ...awaiting,
      view: { href: tableHref({ status: ['under_review'] }), exact: true },
    },
    {
      key: 'stale',
      ...stale,
      view: { href: tableHref({ status: [...OPEN_STATUSES], sort: 'updated_at' }), exact: false },
    },
    {
      key: 'draftMeetings',
      ...(await nextMeetings(db, now, true)),
      view: { href: '/meetings', exact: false },
    },
    {
      key: 'recentImports',
      ...counted,
      entries: recent.map((u) => {
        const result = (u.result ? JSON.parse(u.result) : {}) as { created?: unknown[]; updated?: unknown[] }
        return {
          ref: null,
          title: u.filename,
          href: `/import?upload=${u.id}`,
          detail: {
            date: u.imported_at,
            created: result.created?.length ?? 0,
            updated: result.updated?.length ?? 0,
          },
        }
      }),
      view: null,
    },
  ]
}

/** The person's lists; viewers have none. `now` fixes "6 months" and "next" for tests. */
export async function getMyWork(db: DB, actor: Actor, now = new Date()): Promise<MyWork> {
  const lists =
    actor.role === 'working_group'
      ? await workingGroup(db, actor, now)
      : actor.role === 'steering_committee'
        ? await steeringCommittee(db, actor, now)
        : actor.role === 'partner'
          ? await partner(db, actor)
          : actor.role === 'secretariat'
            ? await secretariat(db, now)
            : []
  return { role: actor.role, lists }
}
