import { toSearchParams, type ListQuery } from '../portfolio/list-query'
import type { Overview } from './overview.server'

// Where each bar of the dashboard leads: the view it was drawn from, narrowed to the bar's items,
// in the table's own parameters. Each narrowing replaces a filter the bar's items already pass
// (a status, a country within the view's countries...), so the table opened lists exactly the
// items the bar counts; overview.test.ts opens every link and compares the counts.

/** The view narrowed by `changes`, from its first page. */
export function narrowed(query: ListQuery, changes: Partial<ListQuery>): ListQuery {
  return { ...query, ...changes, page: 1 }
}

/** The address of the view narrowed by `changes` on the page at `path` (the table: /items). */
export function viewHref(path: string, query: ListQuery, changes: Partial<ListQuery> = {}): string {
  const params = toSearchParams({ ...query, ...changes, page: undefined }).toString()
  return params ? `${path}?${params}` : path
}

/** The narrowing for one organisation's flags at one stage: any live flag of theirs at that stage. */
export function interestChanges(organisation: string, stage: string): Partial<ListQuery> {
  return { interest: undefined, interest_org: [organisation], interest_stage: [stage as never] }
}

export interface ChartLink {
  chart: string
  label: string
  items: number
  query: ListQuery
}

/** Every linked bar of an overview with its count: what the dashboard draws, for tests and checks. */
export function chartLinks(overview: Overview, query: ListQuery): ChartLink[] {
  const links: ChartLink[] = []
  const add = (chart: string, label: string, items: number, changes: Partial<ListQuery>) => {
    if (items > 0) links.push({ chart, label, items, query: narrowed(query, changes) })
  }
  for (const row of overview.byStatus) add('pipeline', row.status, row.items, { status: [row.status] })
  for (const s of overview.byStrategy) {
    add('pillar', s.strategy, s.items, { strategy: [s.strategy] })
    for (const p of s.pillars)
      if (p.pillar !== null)
        add('pillar', `${s.strategy} / ${p.pillar}`, p.items, { strategy: [s.strategy], pillar: [p.pillar] })
  }
  for (const row of overview.byCountry)
    add('country', row.country, row.items, { proposers: [row.country as never] })
  for (const row of overview.byType)
    add('type', row.modality, row.items, { modalities: [row.modality as never] })
  if (overview.interestLinked)
    for (const row of overview.interest)
      add(
        'interest',
        `${row.organisation} / ${row.stage}`,
        row.items,
        interestChanges(row.organisation, row.stage),
      )
  for (const row of overview.byQuadrant)
    add('quadrant', row.quadrant, row.items, { quadrant: [row.quadrant] })
  for (const row of overview.byStartYear)
    if (row.year !== null) add('startYear', String(row.year), row.items, { start_year: [row.year] })
  return links
}
