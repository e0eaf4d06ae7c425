import { z } from 'zod'
import { STAGES } from '../cofinancing/schema'
import { COUNTRY_CODES, MODALITIES, QUADRANTS, STATUSES } from './codes'
import type { TranslationKey } from '../i18n/keys'
import { LANGUAGES } from '../i18n/languages'
import type { MessageValues } from '../i18n/message'
import { problemOfIssue, type ParamProblem } from './url-params'

// The portfolio view as URL parameters: one parser for the table page, the JSON API and exports,
// so a copied link, an API call and (later) an export mean the same set of items.

export const SORT_KEYS = [
  'ref',
  'title_en',
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
  'gap_usd_m',
  'quadrant',
  'updated_at',
] as const
export type SortKey = (typeof SORT_KEYS)[number]

export const ARCHIVED = ['exclude', 'include', 'only'] as const
export const ARCHIVED_LABELS = {
  exclude: 'list.archivedExclude',
  include: 'list.archivedInclude',
  only: 'list.archivedOnly',
} as const satisfies Record<(typeof ARCHIVED)[number], TranslationKey>
/**
 * Partner interest (live co-financing flags): `any` keeps items with a flag that counts, `none`
 * items without one. `interest_org` and `interest_stage` say which flags count (default: every
 * live flag); given without `interest`, they mean `any`. See docs/decisions/0010-financing-sources.md.
 */
export const INTEREST = ['any', 'none'] as const
/** Publication (docs/decisions/0026-public-portfolio.md): `yes` the items on /public, `no` the internal ones. */
export const PUBLISHED = ['yes', 'no'] as const
/**
 * Translations to fill (docs/decisions/0034-translation-provenance.md): `translation=ru` keeps
 * items whose Russian title or description is missing or may be outdated; `translation_state`
 * narrows to one of the two.
 */
export const TRANSLATION_STATES = ['missing', 'outdated'] as const
export type TranslationState = (typeof TRANSLATION_STATES)[number]
export const TRANSLATION_STATE_LABELS = {
  missing: 'list.translationMissing',
  outdated: 'list.translationOutdated',
} as const satisfies Record<TranslationState, TranslationKey>
export const MAX_PAGE_SIZE = 200
/**
 * The most items one selection may hold: a bulk action (app/bulk) or an export of the selection
 * (`ref=`) refuses more, naming this number (docs/decisions/0030-bulk-work.md).
 */
export const SELECTION_LIMIT = 500
export const DEFAULT_PAGE_SIZE = 50

const codeList = <T extends readonly [string, ...string[]]>(codes: T) => z.array(z.enum(codes)).default([])
const nameList = z.array(z.string().min(1).max(300)).max(100).default([])

export const ListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  strategy: nameList,
  pillar: nameList,
  area: nameList,
  modalities: codeList(MODALITIES),
  proposers: codeList(COUNTRY_CODES),
  status: codeList(STATUSES),
  quadrant: codeList(QUADRANTS),
  /** start years (a dashboard chart's bar links here); items without a start year match none */
  start_year: z.array(z.coerce.number().int().min(1900).max(2200)).max(200).default([]),
  archived: z.enum(ARCHIVED).default('exclude'),
  interest: z.enum(INTEREST).optional(),
  published: z.enum(PUBLISHED).optional(),
  interest_org: nameList,
  interest_stage: codeList(STAGES),
  /** a selection: only these refs (still within the other filters); the table's "export selection" */
  ref: z.array(z.string().min(1).max(100)).max(SELECTION_LIMIT).default([]),
  translation: z.enum(LANGUAGES).optional(),
  translation_state: z.enum(TRANSLATION_STATES).optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${SORT_KEYS.join('|')})$`), 'params.badSort')
    .default('ref'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
})
export type ListQuery = z.output<typeof ListQuery>

/**
 * Code-valued filters also take comma lists (`proposers=KAZ,UZB`), and a view's URL writes them so;
 * names may contain commas, so they repeat.
 */
export const CODE_LIST_PARAMS = [
  'modalities',
  'proposers',
  'status',
  'quadrant',
  'interest_stage',
  'start_year',
  'ref',
] as const
export const NAME_LIST_PARAMS = ['strategy', 'pillar', 'area', 'interest_org'] as const
const CODE_LISTS = new Set<string>(CODE_LIST_PARAMS)
const NAME_LISTS = new Set<string>(NAME_LIST_PARAMS)
const SINGLE = new Set([
  'q',
  'archived',
  'interest',
  'published',
  'translation',
  'translation_state',
  'sort',
  'page',
  'pageSize',
])
/** Every page reads the language a shared link chooses (?lng=, app/i18n/language.server.ts): never refused here. */
const LANGUAGE_PARAM = 'lng'

/** A list parameter the view cannot read, in our words (app/portfolio/url-params.ts). */
export type ListQueryProblem = ParamProblem

export type ListQueryResult = { ok: true; query: ListQuery } | { ok: false; problem: ListQueryProblem }

const problem = (param: string, key: string, values: MessageValues = {}) => ({
  ok: false as const,
  problem: { param, key, values: { param, ...values } },
})

/**
 * Reads the list parameters. Unknown parameters are refused (a typo should not silently show
 * everything) except those named in `allowExtra` (the table page's own, such as `cols`).
 */
export function parseListQuery(params: URLSearchParams, allowExtra: readonly string[] = []): ListQueryResult {
  const raw: Record<string, unknown> = {}
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key)
    if (CODE_LISTS.has(key))
      raw[key] = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean)
    else if (NAME_LISTS.has(key)) raw[key] = values.map((v) => v.trim()).filter(Boolean)
    else if (SINGLE.has(key)) {
      if (values.length > 1) return problem(key, 'params.once')
      if (values[0] !== '') raw[key] = values[0]
    } else if (!allowExtra.includes(key) && key !== LANGUAGE_PARAM) return problem(key, 'params.unknown')
  }
  const parsed = ListQuery.safeParse(raw)
  if (parsed.success) return { ok: true, query: parsed.data }
  const found = problemOfIssue(parsed.error.issues[0]!)
  // name the sort keys the way the address writes them
  if (found.key === 'params.badSort')
    found.values = { ...found.values, value: String(raw.sort), allowed: [...SORT_KEYS] }
  return { ok: false, problem: found }
}

/** The partner-interest filter in force, if any: which flags count, and whether items must have one or none. */
export function interestOf(
  query: Pick<ListQuery, 'interest' | 'interest_org' | 'interest_stage'>,
): { has: boolean; organisations: string[]; stages: string[] } | null {
  const narrowed = query.interest_org.length > 0 || query.interest_stage.length > 0
  if (!query.interest && !narrowed) return null
  return { has: query.interest !== 'none', organisations: query.interest_org, stages: query.interest_stage }
}

export function sortOf(query: Pick<ListQuery, 'sort'>): { key: SortKey; descending: boolean } {
  const descending = query.sort.startsWith('-')
  return { key: (descending ? query.sort.slice(1) : query.sort) as SortKey, descending }
}

/** The canonical URL parameters of a view (defaults left out, so links stay short). */
export function toSearchParams(query: Partial<ListQuery>): URLSearchParams {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  for (const key of NAME_LIST_PARAMS) for (const v of query[key] ?? []) params.append(key, v)
  for (const key of CODE_LIST_PARAMS) {
    const values: ReadonlyArray<string | number> = query[key] ?? []
    if (values.length) params.set(key, values.join(','))
  }
  if (query.archived && query.archived !== 'exclude') params.set('archived', query.archived)
  if (query.interest) params.set('interest', query.interest)
  if (query.published) params.set('published', query.published)
  if (query.translation) params.set('translation', query.translation)
  if (query.translation_state) params.set('translation_state', query.translation_state)
  if (query.sort && query.sort !== 'ref') params.set('sort', query.sort)
  if (query.page && query.page !== 1) params.set('page', String(query.page))
  if (query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(query.pageSize))
  return params
}

/** The translation filter in force, if any: the language, and whether missing, outdated or both count. */
export function translationFilterOf(
  query: Pick<ListQuery, 'translation' | 'translation_state'>,
): { language: (typeof LANGUAGES)[number]; states: TranslationState[] } | null {
  if (!query.translation) return null
  return {
    language: query.translation,
    states: query.translation_state ? [query.translation_state] : [...TRANSLATION_STATES],
  }
}
