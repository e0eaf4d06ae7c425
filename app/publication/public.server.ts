import { createHash } from 'node:crypto'
import type { DB } from '../../db/schema'
import { getOverview, type Overview } from '../dashboard/overview.server'
import type { ItemView } from '../portfolio/item-view'
import { getItemByRef } from '../portfolio/items.server'
import { listItems } from '../portfolio/list.server'
import {
  ListQuery,
  parseListQuery,
  type ListQueryProblem,
  type ListQueryResult,
} from '../portfolio/list-query'

// The public portfolio (docs/decisions/0026-public-portfolio.md): published items that are not
// archived, and of each only the public fields. Every public page and the public API read through
// here, so no other field and no other item can reach a visitor.

/** The fields a visitor sees; nothing else of an item leaves through the public pages and API. */
export const PUBLIC_FIELDS = [
  'ref',
  'title_en',
  'title_zh',
  'title_ru',
  'description_en',
  'description_ru',
  'description_zh',
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
  'partners',
] as const satisfies ReadonlyArray<keyof ItemView>

export type PublicItem = Pick<ItemView, (typeof PUBLIC_FIELDS)[number]>

export function toPublicItem(item: ItemView): PublicItem {
  return Object.fromEntries(PUBLIC_FIELDS.map((field) => [field, item[field]])) as PublicItem
}

/**
 * Parameters of the internal table that say something a visitor may not know (archived items,
 * partner interest, publication itself): refused on the public side as unknown.
 */
export const INTERNAL_PARAMETERS = ['archived', 'interest', 'interest_org', 'interest_stage', 'published']

/** The list parameters of the public pages and API: the table's, less the internal ones; always published, not archived. */
export function parsePublicQuery(
  params: URLSearchParams,
  allowExtra: readonly string[] = [],
): ListQueryResult {
  for (const key of params.keys())
    if (INTERNAL_PARAMETERS.includes(key))
      return { ok: false, problem: { param: key, key: 'params.unknown', values: { param: key } } }
  const parsed = parseListQuery(params, allowExtra)
  return parsed.ok ? { ok: true, query: publicView(parsed.query) } : parsed
}

/**
 * The view a public page shows: its address's parameters, or (when one is not understood) all
 * published items, with the problem to tell the visitor.
 */
export function publicPageQuery(params: URLSearchParams): {
  query: ListQuery
  badParameter: ListQueryProblem | null
} {
  const parsed = parsePublicQuery(params, ['cols'])
  return parsed.ok
    ? { query: parsed.query, badParameter: null }
    : { query: ListQuery.parse({ published: 'yes' }), badParameter: parsed.problem }
}

/** A view narrowed to what the public sees. */
export function publicView(query: ListQuery): ListQuery {
  return {
    ...query,
    archived: 'exclude',
    published: 'yes',
    interest: undefined,
    interest_org: [],
    interest_stage: [],
  }
}

export async function listPublicItems(db: DB, query: ListQuery) {
  const page = await listItems(db, publicView(query))
  return { ...page, items: page.items.map(toPublicItem) }
}

/** A published, live item's public fields; null for an internal, archived or unknown ref alike. */
export async function getPublicItem(db: DB, ref: string): Promise<PublicItem | null> {
  const item = await getItemByRef(db, ref)
  if (!item || !item.published || item.archived) return null
  return toPublicItem(item)
}

/** The dashboard's figures over the published items of a view, without partner interest (not public). */
export async function getPublicOverview(db: DB, query: ListQuery): Promise<Overview> {
  const overview = await getOverview(db, publicView(query))
  return { ...overview, interest: [], interestLinked: false }
}

/**
 * A public JSON answer: cacheable by browsers and shared caches for a minute (an item made internal
 * may show that long), with an ETag of its body so a cache revalidates for a 304 without the body.
 */
export function publicJson(request: Request, body: unknown, status = 200): Response {
  const text = JSON.stringify(body)
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'public, max-age=60, stale-while-revalidate=60',
    ETag: etag,
    Vary: 'Accept-Encoding',
  }
  const match = request.headers.get('if-none-match')
  if (status === 200 && match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    return new Response(null, { status: 304, headers })
  return new Response(text, { status, headers })
}
