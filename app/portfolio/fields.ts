import type { ItemsTable } from '../../db/schema'
import { COUNTRY_CODES, MODALITIES, STATUSES, type Quadrant } from './codes'

// The item field registry: every field of an item, once (docs/decisions/0015-field-registry.md).
// Each entry says what the field is (its kind, which decides how it is read from text, stored,
// shown and compared: field-kinds.ts), its label, and on which surfaces it appears. Everything
// else is derived from this list: the item view type and its database read (items.server.ts),
// the form (schema.ts), the interchange columns (importer, CSV export), the API shape
// (item-view.ts), the history's and the conflict notice's fields, the snapshot rows, the XLSX
// columns and the portfolio table's columns. A new field is an entry here, a migration, and a
// component where it shows; fields.test.ts walks this list through every surface.

/**
 * How a field is read, stored and shown. Stored as USD thousands, shown as USD million: amount.
 * Names of a strategy, pillar or area, stored as ids: taxonomy. Codes from a fixed list: codes
 * (several) and status (one).
 */
export type FieldKind =
  | 'ref'
  | 'text'
  | 'taxonomy'
  | 'codes'
  | 'status'
  | 'year'
  | 'amount'
  | 'list'
  | 'score'
  | 'quadrant'
  | 'flag'
  | 'count'
  | 'timestamp'

/** Where a field appears. */
export const SURFACES = [
  /** the create/edit form (app/components/portfolio/ItemEditor.tsx) */
  'form',
  /** a column of the item interchange format: the importer reads it, the CSV export writes it */
  'interchange',
  /** the JSON API's item (README, "Machine interface") */
  'api',
  /** recorded old -> new in the item history when it changes */
  'history',
  /** listed in "what changed meanwhile" when a save meets a newer version */
  'conflict',
  /** kept in a snapshot (app/snapshots) */
  'snapshot',
  /** a column of the portfolio table, and so of the XLSX export */
  'table',
] as const
export type Surface = (typeof SURFACES)[number]

/** The item texts written in several languages (title, description). */
export const TRANSLATED_GROUPS = ['title', 'description'] as const
export type TranslatedGroup = (typeof TRANSLATED_GROUPS)[number]

/** How the XLSX export writes a field: cell type and style, column width, header. */
export type SheetKind = 'text' | 'wrap' | 'amount' | 'year' | 'date'

export interface FieldSpec {
  name: string
  kind: FieldKind
  /** translation key of the field's label */
  label: string
  /** a value is needed (for a new item: an import may leave the column out for an update) */
  required?: boolean
  /** the most characters a person sees (graphemes) */
  max?: number
  /** text: the form it must have, and the translation key of the message when it has not */
  pattern?: { regex: RegExp; message: string }
  /** the allowed codes (codes, status) */
  codes?: readonly string[]
  /** translation key prefix of the codes' labels, such as status (status.proposed) */
  codeLabels?: string
  /**
   * The items column holding it; the lists (codes) have tables of their own, and the taxonomy
   * its id column. Null: not stored on the item row.
   */
  column: keyof ItemsTable | null
  /** taxonomy: the table of the names */
  names?: 'strategies' | 'pillars' | 'areas'
  /** codes: the table holding them in order, its code column, and the items column keeping them ';'-joined to sort by */
  list?: {
    table: 'item_proposers' | 'item_modalities'
    code: 'country_code' | 'type_code'
    key: keyof ItemsTable
  }
  /**
   * An item's own text in one language (docs/decisions/0034-translation-provenance.md): fields of
   * one `group` are one text in several languages, and each translation remembers the text it was
   * made from (app/portfolio/translations.server.ts).
   */
  translation?: { group: TranslatedGroup; language: 'en' | 'ru' | 'zh' }
  /** XLSX export column: header key, kind, width; `labels`: codes as their labels, not as codes */
  sheet?: { header: string; kind: SheetKind; width: number; labels?: boolean }
  on: readonly Surface[]
}

const ALL_INPUT = ['form', 'interchange', 'api', 'history', 'conflict'] as const

/** In the interchange format's column order, which is also the API's key order. */
export const FIELDS = [
  {
    // 1-40 letters, digits, dots, dashes, underscores (field-kinds.ts REF_PATTERN)
    name: 'ref',
    kind: 'ref',
    label: 'field.ref',
    required: true,
    column: 'ref',
    sheet: { header: 'field.ref', kind: 'text', width: 14 },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    name: 'strategy',
    kind: 'taxonomy',
    label: 'field.strategy',
    required: true,
    max: 300,
    column: 'strategy_id',
    names: 'strategies',
    sheet: { header: 'field.strategy', kind: 'wrap', width: 20 },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    name: 'pillar',
    kind: 'taxonomy',
    label: 'field.pillar',
    max: 300,
    column: 'pillar_id',
    names: 'pillars',
    sheet: { header: 'field.pillar', kind: 'wrap', width: 30 },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    name: 'area',
    kind: 'taxonomy',
    label: 'field.area',
    max: 300,
    column: 'area_id',
    names: 'areas',
    sheet: { header: 'field.area', kind: 'wrap', width: 30 },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    name: 'title_en',
    kind: 'text',
    translation: { group: 'title', language: 'en' },
    label: 'field.title_en',
    required: true,
    max: 500,
    column: 'title_en',
    sheet: { header: 'field.title', kind: 'wrap', width: 60 },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    name: 'title_zh',
    kind: 'text',
    translation: { group: 'title', language: 'zh' },
    label: 'field.title_zh',
    max: 500,
    column: 'title_zh',
    on: [...ALL_INPUT, 'snapshot'],
  },
  {
    name: 'title_ru',
    kind: 'text',
    translation: { group: 'title', language: 'ru' },
    label: 'field.title_ru',
    max: 500,
    column: 'title_ru',
    on: [...ALL_INPUT, 'snapshot'],
  },
  {
    name: 'modalities',
    kind: 'codes',
    label: 'field.modalities',
    codes: MODALITIES,
    codeLabels: 'modality',
    column: null,
    list: { table: 'item_modalities', code: 'type_code', key: 'modalities_key' },
    sheet: { header: 'field.modalities', kind: 'wrap', width: 28, labels: true },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    name: 'proposers',
    kind: 'codes',
    label: 'field.proposers',
    codes: COUNTRY_CODES,
    codeLabels: 'country',
    column: null,
    list: { table: 'item_proposers', code: 'country_code', key: 'proposers_key' },
    // countries by name in the reader's language; the importer maps names back to codes
    sheet: { header: 'field.proposers', kind: 'wrap', width: 24, labels: true },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    // Not on the form: a status changes through the workflow (app/workflow/transitions.ts). The
    // importer sets it, as it loads plans whose items are already at some stage.
    name: 'status',
    kind: 'status',
    label: 'field.status',
    codes: STATUSES,
    codeLabels: 'status',
    column: 'status',
    sheet: { header: 'field.status', kind: 'text', width: 20, labels: true },
    on: ['interchange', 'api', 'history', 'conflict', 'snapshot', 'table'],
  },
  {
    name: 'start_year',
    kind: 'year',
    label: 'field.start_year',
    column: 'start_year',
    sheet: { header: 'export.header.start_year', kind: 'year', width: 10 },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    name: 'end_year',
    kind: 'year',
    label: 'field.end_year',
    column: 'end_year',
    sheet: { header: 'export.header.end_year', kind: 'year', width: 10 },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    name: 'cost_usd_m',
    kind: 'amount',
    label: 'field.cost_usd_m',
    column: 'cost_kusd',
    sheet: { header: 'field.cost_usd_m', kind: 'amount', width: 15 },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    name: 'secured_usd_m',
    kind: 'amount',
    label: 'field.secured_usd_m',
    column: 'secured_kusd',
    sheet: { header: 'field.secured_usd_m', kind: 'amount', width: 15 },
    on: [...ALL_INPUT, 'snapshot', 'table'],
  },
  {
    // cost - secured - committed co-financing (money.ts gapOf), kept by every write
    name: 'gap_usd_m',
    kind: 'amount',
    label: 'field.gap_usd_m',
    column: 'gap_kusd',
    sheet: { header: 'field.gap_usd_m', kind: 'amount', width: 15 },
    on: ['api', 'snapshot', 'table'],
  },
  {
    // The secured funding by source (docs/decisions/0010-financing-sources.md): not in the
    // interchange format, so an import leaves them as they are.
    name: 'secured_government_usd_m',
    kind: 'amount',
    label: 'field.secured_government_usd_m',
    column: 'secured_government_kusd',
    on: ['form', 'api', 'history', 'conflict'],
  },
  {
    name: 'secured_partners_usd_m',
    kind: 'amount',
    label: 'field.secured_partners_usd_m',
    column: 'secured_partners_kusd',
    on: ['form', 'api', 'history', 'conflict'],
  },
  {
    name: 'secured_private_usd_m',
    kind: 'amount',
    label: 'field.secured_private_usd_m',
    column: 'secured_private_kusd',
    on: ['form', 'api', 'history', 'conflict'],
  },
  {
    name: 'partners',
    kind: 'list',
    label: 'field.partners',
    max: 1000,
    column: 'partners',
    on: [...ALL_INPUT, 'snapshot'],
  },
  {
    name: 'strategic_importance',
    kind: 'score',
    label: 'field.strategic_importance',
    column: 'strategic_importance',
    on: [...ALL_INPUT, 'snapshot'],
  },
  {
    name: 'ease_of_implementation',
    kind: 'score',
    label: 'field.ease_of_implementation',
    column: 'ease_of_implementation',
    on: [...ALL_INPUT, 'snapshot'],
  },
  {
    // from the scores (quadrant.ts, app/prioritisation), kept by every write
    name: 'quadrant',
    kind: 'quadrant',
    label: 'field.quadrant',
    codeLabels: 'quadrant',
    column: 'quadrant',
    sheet: { header: 'field.quadrant', kind: 'text', width: 18, labels: true },
    on: ['api', 'snapshot', 'table'],
  },
  {
    name: 'description_en',
    kind: 'text',
    translation: { group: 'description', language: 'en' },
    label: 'field.description_en',
    max: 10000,
    column: 'description_en',
    on: ALL_INPUT,
  },
  {
    // Not in the interchange format, which keeps its columns (issue 9: codes and the three titles)
    name: 'description_ru',
    kind: 'text',
    translation: { group: 'description', language: 'ru' },
    label: 'field.description_ru',
    max: 10000,
    column: 'description_ru',
    on: ['form', 'api', 'history', 'conflict'],
  },
  {
    name: 'description_zh',
    kind: 'text',
    translation: { group: 'description', language: 'zh' },
    label: 'field.description_zh',
    max: 10000,
    column: 'description_zh',
    on: ['form', 'api', 'history', 'conflict'],
  },
  {
    // where the facts come from: set by imports (the plan's source), kept by form saves
    name: 'source',
    kind: 'text',
    label: 'field.source',
    max: 1000,
    column: 'source',
    on: ['interchange', 'api', 'history'],
  },
  {
    // The IATI sector (app/iati): a DAC 5-digit purpose code for this item, overriding its area's
    // (docs/decisions/0032-iati-export.md). Empty: the area's code.
    name: 'dac_code',
    kind: 'text',
    label: 'field.dac_code',
    max: 5,
    pattern: { regex: /^\d{5}$/, message: 'validation.dacCode' },
    column: 'dac_code',
    on: ALL_INPUT,
  },
  {
    name: 'archived',
    kind: 'flag',
    label: 'field.archived',
    column: 'archived',
    sheet: { header: 'export.header.archived', kind: 'text', width: 10 },
    on: ['api', 'conflict', 'snapshot'],
  },
  {
    // shown on the public portfolio; internal (false) by default, set only by the secretariat's
    // publication (app/publication, docs/decisions/0026-public-portfolio.md), never by the form or
    // an import, and recorded as its own `publication` history event
    name: 'published',
    kind: 'flag',
    label: 'publication.published',
    column: 'published',
    sheet: { header: 'publication.published', kind: 'text', width: 10 },
    on: ['api', 'table'],
  },
  {
    name: 'version',
    kind: 'count',
    label: 'field.version',
    column: 'version',
    on: ['api'],
  },
  {
    name: 'updated_at',
    kind: 'timestamp',
    label: 'field.updated_at',
    column: 'updated_at',
    sheet: { header: 'export.header.updated_at', kind: 'date', width: 18 },
    on: ['api', 'table'],
  },
] as const satisfies readonly FieldSpec[]

export type Field = (typeof FIELDS)[number]
export type FieldName = Field['name']
type OnSurface<F, S extends Surface> = F extends { on: readonly (infer U)[] }
  ? S extends U
    ? F
    : never
  : never
/** The fields that appear on surface S. */
export type FieldOn<S extends Surface> = OnSurface<Field, S>
export type FieldNameOn<S extends Surface> = FieldOn<S>['name']

/** A field's value as the app and the API see it, by kind (amounts in USD million). */
interface ValueOfKind {
  ref: string
  text: string | null
  taxonomy: string | null
  codes: string[]
  status: string
  year: number | null
  amount: number | null
  list: string[]
  score: number | null
  quadrant: Quadrant
  flag: boolean
  count: number
  timestamp: string
}
type ValueOf<F extends Field> = F extends { required: true }
  ? NonNullable<ValueOfKind[F['kind']]>
  : ValueOfKind[F['kind']]

/** Every field's value, by name: the registry's part of the item view. */
export type FieldValues = { [F in Field as F['name']]: ValueOf<F> }

const BY_NAME = new Map<string, Field>(FIELDS.map((f) => [f.name, f]))

export function fieldNamed(name: string): Field | undefined {
  return BY_NAME.get(name)
}

/** The fields on a surface, in registry order. */
export function fieldsOn<S extends Surface>(surface: S): Array<FieldOn<S>> {
  return FIELDS.filter((f) => (f.on as readonly Surface[]).includes(surface)) as Array<FieldOn<S>>
}

export const namesOn = <S extends Surface>(surface: S): Array<FieldNameOn<S>> =>
  fieldsOn(surface).map((f) => f.name as FieldNameOn<S>)
