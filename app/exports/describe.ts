import type { TFunction } from 'i18next'
import { ARCHIVED_LABELS, sortOf, type ListQuery } from '../portfolio/list-query'
import { NO_TAXONOMY_NAMES, taxonomyName, type TaxonomyNames } from '../i18n/taxonomy'

// A view's filters and sort in words, for the "About this export" sheet: a reader of the file
// months later sees which items it holds without decoding a URL.

export type Description = Array<[label: string, value: string]>

/** The view's filters (only those set) and its sort; "None: every item" when nothing narrows it. */
export function describeView(
  query: ListQuery,
  t: TFunction,
  names: TaxonomyNames = NO_TAXONOMY_NAMES,
): Description {
  const lines: Description = []
  if (query.q) lines.push([t('export.about.search'), query.q])
  for (const key of ['strategy', 'pillar', 'area'] as const) {
    // names may contain commas: separated by semicolons, as in the interchange format
    if (query[key].length)
      lines.push([t(`field.${key}`), query[key].map((name) => taxonomyName(names, key, name)).join('; ')])
  }
  if (query.modalities.length)
    lines.push([
      t('field.modalities'),
      query.modalities.map((m) => t(`modality.${m}`)).join(t('punctuation.list')),
    ])
  if (query.proposers.length)
    lines.push([
      t('field.proposers'),
      query.proposers
        .map((c) => t('punctuation.aside', { text: c, aside: t(`country.${c}`) }))
        .join(t('punctuation.list')),
    ])
  if (query.status.length)
    lines.push([t('field.status'), query.status.map((s) => t(`status.${s}`)).join(t('punctuation.list'))])
  if (query.quadrant.length)
    lines.push([
      t('field.quadrant'),
      query.quadrant.map((q) => t(`quadrant.${q}`)).join(t('punctuation.list')),
    ])
  const filters: Description = lines.length
    ? lines
    : [[t('export.about.filters'), t('export.about.noFilters')]]
  const archived = ARCHIVED_LABELS[query.archived]
  const { key, descending } = sortOf(query)
  return [
    ...filters,
    [t('export.about.archived'), t(archived)],
    [
      t('export.about.sort'),
      t('export.about.sortValue', {
        column: t(`field.${key}`),
        direction: t(descending ? 'list.sortedDesc' : 'list.sortedAsc'),
      }),
    ],
  ]
}
