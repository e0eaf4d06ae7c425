import { iatiStatusOf } from '../workflow/transitions'
import type { Stage } from '../cofinancing/schema'
import type { Quadrant } from './codes'

/** An item as the app and the API see it: interchange column names, amounts in USD million. */
export interface ItemView {
  id: string
  ref: string
  strategy: string
  strategy_id: string
  pillar: string | null
  pillar_id: string | null
  area: string | null
  area_id: string | null
  title_en: string
  title_zh: string | null
  title_ru: string | null
  modalities: string[]
  proposers: string[]
  status: string
  start_year: number | null
  end_year: number | null
  cost_usd_m: number | null
  secured_usd_m: number | null
  gap_usd_m: number | null
  /** the secured funding by source (docs/decisions/0010-financing-sources.md); null: not said */
  secured_government_usd_m: number | null
  secured_partners_usd_m: number | null
  secured_private_usd_m: number | null
  partners: string[]
  strategic_importance: number | null
  ease_of_implementation: number | null
  quadrant: Quadrant
  description_en: string | null
  source: string | null
  archived: boolean
  /** shown on /public (docs/decisions/0026-public-portfolio.md); internal by default */
  published: boolean
  version: number
  created_at: string
  updated_at: string
  updated_by_name: string | null
}

/** A row of the portfolio list: the item, and the partner interest in it (its live co-financing flags, by organisation). */
export interface ListedItem extends ItemView {
  interest: Array<{ organisation: string; stage: Stage }>
}

/** The fields the API publishes, in the interchange format's names (see README, "Machine interface"). */
export function toApiItem(item: ItemView) {
  return {
    ref: item.ref,
    strategy: item.strategy,
    pillar: item.pillar,
    area: item.area,
    title_en: item.title_en,
    title_zh: item.title_zh,
    title_ru: item.title_ru,
    modalities: item.modalities,
    proposers: item.proposers,
    status: item.status,
    /** the IATI activity status code the status maps to (app/workflow/transitions.ts) */
    iati_status: iatiStatusOf(item.status),
    start_year: item.start_year,
    end_year: item.end_year,
    cost_usd_m: item.cost_usd_m,
    secured_usd_m: item.secured_usd_m,
    gap_usd_m: item.gap_usd_m,
    secured_government_usd_m: item.secured_government_usd_m,
    secured_partners_usd_m: item.secured_partners_usd_m,
    secured_private_usd_m: item.secured_private_usd_m,
    partners: item.partners,
    strategic_importance: item.strategic_importance,
    ease_of_implementation: item.ease_of_implementation,
    quadrant: item.quadrant,
    description_en: item.description_en,
    source: item.source,
    archived: item.archived,
    published: item.published,
    version: item.version,
    updated_at: item.updated_at,
  }
}
export type ApiItem = ReturnType<typeof toApiItem>

/**
 * The fields shown in "what changed meanwhile" on a conflict: those a person edits, plus status
 * and archived, which change through the workflow and archiving while a form is open.
 */
export const EDITABLE_FIELDS = [
  'ref',
  'title_en',
  'title_zh',
  'title_ru',
  'description_en',
  'strategy',
  'pillar',
  'area',
  'modalities',
  'proposers',
  'status',
  'start_year',
  'end_year',
  'cost_usd_m',
  'secured_usd_m',
  'secured_government_usd_m',
  'secured_partners_usd_m',
  'secured_private_usd_m',
  'partners',
  'strategic_importance',
  'ease_of_implementation',
  'archived',
] as const
export type EditableField = (typeof EDITABLE_FIELDS)[number]
