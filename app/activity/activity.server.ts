import { titlesOf, type TextsByLanguage } from '../portfolio/item-text'
import type { DB } from '../../db/schema'
import type { HistoryEntry } from '../history/events'
import { eventOf } from '../history/history.server'
import type { ActivityQuery } from './query'

// The activity page: recent history events across all items, newest first, filtered by the
// items' proposer countries and pillars, the kind of change and a date range (UTC days). Read
// by the item_events_at index, a page at a time, with a cursor rather than an offset so a page
// costs the same however far back it is.

export const ACTIVITY_PAGE_SIZE = 50

export type ActivityEntry = HistoryEntry & {
  ref: string
  title: string
  titles: TextsByLanguage
  /** the item's translations_outdated (item-text.ts outdatedLanguages) */
  outdated: string | null
}

export interface ActivityPage {
  entries: ActivityEntry[]
  /** the `before` cursor of the next (older) page, or null on the last */
  older: string | null
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

export async function getActivity(db: DB, query: ActivityQuery): Promise<ActivityPage> {
  let select = db
    .selectFrom('item_events as e')
    .innerJoin('items as i', 'i.id', 'e.item_id')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.seq',
      'e.kind',
      'e.at',
      'e.data',
      'u.name as by',
      'i.ref',
      'i.title_en',
      'i.title_ru',
      'i.title_zh',
      'i.translations_outdated',
    ])
  if (query.kind.length > 0) select = select.where('e.kind', 'in', query.kind)
  if (query.from) select = select.where('e.at', '>=', query.from)
  if (query.to) select = select.where('e.at', '<', nextDay(query.to))
  if (query.proposers.length > 0) {
    const countries = query.proposers
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('item_proposers as p')
          .select('p.item_id')
          .whereRef('p.item_id', '=', 'e.item_id')
          .where('p.country_code', 'in', countries),
      ),
    )
  }
  if (query.pillar.length > 0) {
    const pillars = query.pillar
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('pillars as pl')
          .select('pl.id')
          .whereRef('pl.id', '=', 'i.pillar_id')
          .where('pl.name', 'in', pillars),
      ),
    )
  }
  if (query.before) {
    const split = query.before.lastIndexOf('_')
    const at = query.before.slice(0, split)
    const id = query.before.slice(split + 1)
    select = select.where((eb) =>
      eb.or([eb('e.at', '<', at), eb.and([eb('e.at', '=', at), eb('e.id', '<', id)])]),
    )
  }
  const rows = await select
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(ACTIVITY_PAGE_SIZE + 1)
    .execute()
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE)
  const last = page[page.length - 1]
  return {
    entries: page.map((row) => ({
      id: row.id,
      seq: row.seq,
      at: row.at,
      by: row.by,
      ref: row.ref,
      title: row.title_en,
      titles: titlesOf(row),
      outdated: row.translations_outdated,
      ...eventOf(row),
    })),
    older: rows.length > ACTIVITY_PAGE_SIZE && last ? `${last.at}_${last.id}` : null,
  }
}

/** The pillar names to filter by, each once (several strategies may share a name), in order. */
export async function pillarNames(db: DB): Promise<string[]> {
  const rows = await db.selectFrom('pillars').select('name').distinct().execute()
  return rows.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
}
