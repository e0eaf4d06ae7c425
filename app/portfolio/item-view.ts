import { iatiStatusOf } from './iati'
import type { Stage } from '../cofinancing/schema'
import { fieldsOn, namesOn, type FieldNameOn, type FieldOn, type FieldValues } from './fields'
import { textFor, titlesOf } from './item-text'
import type { Language } from '../i18n/languages'

/**
 * An item as the app and the API see it: the registry's fields (fields.ts) by their interchange
 * names, amounts in USD million, and the ids and facts around them.
 */
export type ItemView = FieldValues & {
  id: string
  strategy_id: string
  pillar_id: string | null
  area_id: string | null
  created_at: string
  updated_by_name: string | null
  /** the translations that may be outdated, ";title_ru;description_zh;" (item-text.ts outdatedLanguages); null: none */
  translations_outdated: string | null
}

/** A row of the portfolio list: the item, and the partner interest in it (its live co-financing flags, by organisation). */
export interface ListedItem extends ItemView {
  interest: Array<{ organisation: string; stage: Stage }>
}

type ApiFieldValues = { [F in FieldOn<'api'> as F['name']]: FieldValues[F['name']] }
/** The item as the API publishes it (README, "Machine interface"). */
export type ApiItem = ApiFieldValues & {
  /** the IATI activity status code the status maps to (app/workflow/transitions.ts) */
  iati_status: ReturnType<typeof iatiStatusOf>
}

const API_FIELDS = fieldsOn('api')

/** The API's fields of an item, in registry order, with the IATI code after the status. */
export function toApiItem(item: ItemView): ApiItem {
  const out: Record<string, unknown> = {}
  for (const field of API_FIELDS) {
    out[field.name] = item[field.name]
    if (field.name === 'status') out.iati_status = iatiStatusOf(item.status)
  }
  return out as ApiItem
}

/**
 * The fields shown in "what changed meanwhile" on a conflict: those a person edits, plus status
 * and archived, which change through the workflow and archiving while a form is open.
 */
export const EDITABLE_FIELDS = namesOn('conflict')
export type EditableField = FieldNameOn<'conflict'>

/**
 * What a row of the portfolio table shows (ItemTable's columns and its titles in each language):
 * the page's loader sends only this, not the descriptions, ids and scores, which more than
 * doubled the page's inline data, and the title in the reader's language only (docs/performance.md, "Issue 13: throughput").
 */
export function toTableRow(item: ListedItem, reader: Language) {
  // Only the title the reader is shown (textFor: theirs, else the fallback), not all three: a
  // sixth of the page's inline data (docs/performance.md, "Issue 13: the HTML page's render").
  const shown = textFor(titlesOf(item), reader)?.language
  return {
    ref: item.ref,
    title_en: shown === 'en' ? item.title_en : '',
    title_ru: shown === 'ru' ? item.title_ru : null,
    title_zh: shown === 'zh' ? item.title_zh : null,
    translations_outdated: item.translations_outdated,
    strategy: item.strategy,
    pillar: item.pillar,
    area: item.area,
    modalities: item.modalities,
    proposers: item.proposers,
    status: item.status,
    start_year: item.start_year,
    end_year: item.end_year,
    cost_usd_m: item.cost_usd_m,
    secured_usd_m: item.secured_usd_m,
    gap_usd_m: item.gap_usd_m,
    quadrant: item.quadrant,
    interest: item.interest,
    updated_at: item.updated_at,
    archived: item.archived,
    published: item.published,
  }
}
