import type { FieldNameOn } from './fields'
import type { SortKey } from './list-query'

// The portfolio table's columns: which can be shown, which fields of the registry each shows,
// what each sorts by (null: not sortable), which show by default.
export const COLUMNS = [
  { id: 'ref', sort: 'ref', label: 'field.ref', fields: ['ref'] },
  { id: 'title', sort: 'title_en', label: 'field.title', fields: ['title_en'] },
  { id: 'strategy', sort: 'strategy', label: 'field.strategy', fields: ['strategy'] },
  { id: 'pillar', sort: 'pillar', label: 'field.pillar', fields: ['pillar'] },
  { id: 'area', sort: 'area', label: 'field.area', fields: ['area'] },
  { id: 'modalities', sort: 'modalities', label: 'field.modalities', fields: ['modalities'] },
  { id: 'proposers', sort: 'proposers', label: 'field.proposers', fields: ['proposers'] },
  { id: 'status', sort: 'status', label: 'field.status', fields: ['status'] },
  { id: 'years', sort: 'start_year', label: 'field.years', fields: ['start_year', 'end_year'] },
  { id: 'cost_usd_m', sort: 'cost_usd_m', label: 'field.cost_usd_m', fields: ['cost_usd_m'] },
  { id: 'secured_usd_m', sort: 'secured_usd_m', label: 'field.secured_usd_m', fields: ['secured_usd_m'] },
  { id: 'gap_usd_m', sort: 'gap_usd_m', label: 'field.gap_usd_m', fields: ['gap_usd_m'] },
  { id: 'quadrant', sort: 'quadrant', label: 'field.quadrant', fields: ['quadrant'] },
  // Who flagged co-financing, with the stage: a list, so it filters (interest, interest_org,
  // interest_stage) rather than sorts. Not an item field: the flags are partners' (app/cofinancing).
  { id: 'interest', sort: null, label: 'field.interest', fields: [] },
  { id: 'updated_at', sort: 'updated_at', label: 'field.updated_at', fields: ['updated_at'] },
  // Published on /public or internal (docs/decisions/0026-public-portfolio.md): filtered with `published`.
  { id: 'published', sort: null, label: 'publication.published', fields: ['published'] },
] as const satisfies ReadonlyArray<{
  id: string
  sort: SortKey | null
  label: string
  /** the registry's fields it shows (fields.ts, surface 'table'), each a column of the XLSX export */
  fields: readonly FieldNameOn<'table'>[]
}>

export type ColumnId = (typeof COLUMNS)[number]['id']
export const COLUMN_IDS = COLUMNS.map((c) => c.id) as ColumnId[]
export const DEFAULT_COLUMNS: ColumnId[] = [
  'ref',
  'title',
  'area',
  'modalities',
  'proposers',
  'status',
  'years',
  'cost_usd_m',
  'gap_usd_m',
  'quadrant',
]

/** `cols=ref,title,...` from the URL; unknown ids are ignored, and an empty choice means the default. */
export function visibleColumns(param: string | null): ColumnId[] {
  const chosen = (param ?? '')
    .split(',')
    .filter((id): id is ColumnId => (COLUMN_IDS as string[]).includes(id))
  if (chosen.length === 0) return DEFAULT_COLUMNS
  // Ref or title links each row to its item: one of them always stays.
  if (!chosen.includes('ref') && !chosen.includes('title')) chosen.push('ref')
  return COLUMN_IDS.filter((id) => chosen.includes(id))
}

/** The public table's columns: public fields only (app/publication/public.server.ts PUBLIC_FIELDS). */
export const PUBLIC_COLUMNS: ColumnId[] = [
  'ref',
  'title',
  'strategy',
  'pillar',
  'modalities',
  'proposers',
  'status',
  'years',
  'cost_usd_m',
  'secured_usd_m',
  'gap_usd_m',
  'quadrant',
]
