import type { DB } from '../../db/schema'
import type { Language } from '../i18n/languages'
import { fieldReader } from './field-rows.server'
import { fieldNamed, fieldsOn } from './fields'
import { toTableRow, type ListedItem } from './item-view'
import type { ListQuery } from './list-query'
import { pageRefs } from './list.server'

// The portfolio page's rows: the same page of the same view as listItems (pageRefs finds its
// refs), but only the columns its table shows are read (fieldReader, from the field registry), not
// the ~40 of the whole item the JSON list answers with (descriptions, scores, ids, secured by
// source). docs/decisions/0055-page-work.md, 0061

/** A row of the portfolio table, as the page's loader sends it. */
export type TableRow = ReturnType<typeof toTableRow>

export interface TablePage {
  items: TableRow[]
  total: number
  page: number
  pageSize: number
}

/**
 * What a row of the table is made of (toTableRow): the registry's table fields, the titles in the
 * other languages (a row carries the one its reader is shown), whether it is archived, which of
 * its translations may be outdated, and its partner interest.
 */
const readTableRows = fieldReader(
  [...fieldsOn('table'), ...['title_ru', 'title_zh', 'archived'].map((name) => fieldNamed(name)!)],
  { interest: true, columns: ['translations_outdated'] },
)

/** One page of a view as the portfolio table shows it to `reader`. */
export async function listTableRows(db: DB, query: ListQuery, reader: Language): Promise<TablePage> {
  const { refs, total } = await pageRefs(db, query)
  // the reader read every field toTableRow takes (table-rows.server.test.ts holds them equal)
  const rows = (await readTableRows(db, refs)) as ListedItem[]
  return {
    items: rows.map((row) => toTableRow(row, reader)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}
