import type { DB } from '../../db/schema'
import { partnerInterestOf } from '../cofinancing/cofinancing.server'
import type { Language } from '../i18n/languages'
import { fromColumn } from './field-kinds'
import { fieldNamed, type Field } from './fields'
import { textFor, titlesOf } from './item-text'
import type { toTableRow } from './item-view'
import type { ListQuery } from './list-query'
import { pageRefs } from './list.server'

// The portfolio page's rows: the same page of the same view as listItems (pageRefs finds its
// refs), but only the columns its table shows are read, not the ~40 of the whole item the JSON
// list answers with (descriptions, scores, ids, secured by source), and each row is built
// straight into what toTableRow makes of a whole item. docs/decisions/0055-page-work.md

/** A row of the portfolio table, as the page's loader sends it. */
export type TableRow = ReturnType<typeof toTableRow>

export interface TablePage {
  items: TableRow[]
  total: number
  page: number
  pageSize: number
}

const field = (name: string): Field => fieldNamed(name)!
const COST = field('cost_usd_m')
const SECURED = field('secured_usd_m')
const GAP = field('gap_usd_m')
const ARCHIVED = field('archived')
const PUBLISHED = field('published')

/** A code list from the ';'-joined key the item row carries (as getItemsByRefsFromKeys reads it). */
const codesOf = (key: string | null) => (key ? key.split(';') : [])

/** One page of a view as the portfolio table shows it to `reader`. */
export async function listTableRows(db: DB, query: ListQuery, reader: Language): Promise<TablePage> {
  const { refs, total } = await pageRefs(db, query)
  const paging = { total, page: query.page, pageSize: query.pageSize }
  if (refs.length === 0) return { items: [], ...paging }
  const rows = await db
    .selectFrom('items as i')
    .innerJoin('strategies as s', 's.id', 'i.strategy_id')
    .leftJoin('pillars as p', 'p.id', 'i.pillar_id')
    .leftJoin('areas as a', 'a.id', 'i.area_id')
    .select([
      'i.id',
      'i.ref',
      'i.title_en',
      'i.title_ru',
      'i.title_zh',
      'i.translations_outdated',
      's.name as strategy',
      'p.name as pillar',
      'a.name as area',
      'i.modalities_key',
      'i.proposers_key',
      'i.status',
      'i.start_year',
      'i.end_year',
      'i.cost_kusd',
      'i.secured_kusd',
      'i.gap_kusd',
      'i.quadrant',
      'i.updated_at',
      'i.archived',
      'i.published',
    ])
    .where('i.ref', 'in', refs)
    .execute()
  const position = new Map(refs.map((ref, index) => [ref, index]))
  rows.sort((a, b) => position.get(a.ref)! - position.get(b.ref)!)
  const interest = await partnerInterestOf(
    db,
    rows.map((r) => r.id),
  )
  const items = rows.map((r): TableRow => {
    // Only the title the reader is shown, as toTableRow sends it.
    const shown = textFor(titlesOf(r), reader)?.language
    return {
      ref: r.ref,
      title_en: shown === 'en' ? r.title_en : '',
      title_ru: shown === 'ru' ? r.title_ru : null,
      title_zh: shown === 'zh' ? r.title_zh : null,
      translations_outdated: r.translations_outdated,
      strategy: r.strategy,
      pillar: r.pillar,
      area: r.area,
      modalities: codesOf(r.modalities_key) as TableRow['modalities'],
      proposers: codesOf(r.proposers_key) as TableRow['proposers'],
      status: r.status,
      start_year: r.start_year,
      end_year: r.end_year,
      cost_usd_m: fromColumn(COST, r.cost_kusd) as TableRow['cost_usd_m'],
      secured_usd_m: fromColumn(SECURED, r.secured_kusd) as TableRow['secured_usd_m'],
      gap_usd_m: fromColumn(GAP, r.gap_kusd) as TableRow['gap_usd_m'],
      quadrant: r.quadrant,
      interest: interest.get(r.id) ?? [],
      updated_at: r.updated_at,
      archived: fromColumn(ARCHIVED, r.archived) as TableRow['archived'],
      published: fromColumn(PUBLISHED, r.published) as TableRow['published'],
    }
  })
  return { items, ...paging }
}
