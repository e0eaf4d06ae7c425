import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BadParameterNotice } from '~/components/portfolio/BadParameterNotice'
import { flagOrganisations } from '~/cofinancing/cofinancing.server'
import { FilterPanel } from '~/components/portfolio/FilterPanel'
import { Amount, QuadrantBadge } from '~/components/portfolio/badges'
import { PriorityMatrix } from '~/components/prioritisation/PriorityMatrix'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { guard } from '~/permissions/guard.server'
import { ListQuery, parseListQuery } from '~/portfolio/list-query'
import { getTaxonomy } from '~/portfolio/taxonomy.server'
import { getPriorities } from '~/prioritisation/priorities.server'
import { ItemText } from '~/components/portfolio/ItemText'
import { outdatedLanguages } from '~/portfolio/item-text'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'

// The priority matrix and the ranked list of a portfolio view: the table's filters (and its
// parameters, so a table link works here), one read for both.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'priorities.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'item:read')
  const parsed = parseListQuery(new URL(request.url).searchParams, ['cols'])
  const query = parsed.ok ? parsed.query : ListQuery.parse({})
  const db = await getDb()
  const [priorities, taxonomy, organisations] = await Promise.all([
    getPriorities(db, query),
    getTaxonomy(db),
    flagOrganisations(db),
  ])
  return { ...priorities, query, taxonomy, organisations, badParameter: parsed.ok ? null : parsed.problem }
}

export default function Priorities() {
  const { t } = useTranslation()
  const name = useTaxonomyName()
  const { items, total, truncated, pillars, query, taxonomy, organisations, badParameter } =
    useLoaderData<typeof loader>()
  const unscored = items.filter((i) => i.importance == null || i.ease == null).length
  return (
    <div className="priorities">
      <h1>{t('priorities.title')}</h1>
      <p className="muted">{t('priorities.intro')}</p>
      <BadParameterNotice problem={badParameter} />
      <FilterPanel
        query={query}
        taxonomy={taxonomy}
        columns={[]}
        organisations={organisations}
        tableOptions={false}
      />
      {items.length === 0 ? (
        <p role="status">{t('priorities.none')}</p>
      ) : (
        <>
          <h2>{t('priorities.matrix')}</h2>
          {truncated ? (
            <p className="notice warning">{t('priorities.tooMany', { shown: items.length, total })}</p>
          ) : null}
          {unscored > 0 ? (
            <p className="muted">{t('priorities.unscoredCount', { count: unscored })}</p>
          ) : null}
          <PriorityMatrix items={items} pillars={pillars} />
          <h2 id="ranked">{t('priorities.ranked')}</h2>
          <table className="items ranked">
            <caption className="visually-hidden">{t('priorities.rankedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('priorities.rank')}</th>
                <th scope="col">{t('field.ref')}</th>
                <th scope="col">{t('field.title')}</th>
                <th scope="col">{t('field.pillar')}</th>
                <th scope="col">{t('field.quadrant')}</th>
                <th scope="col">{t('priorities.importance')}</th>
                <th scope="col">{t('priorities.ease')}</th>
                <th scope="col">{t('priorities.scoredBy')}</th>
                <th scope="col">{t('field.cost_usd_m')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => (
                <tr key={item.ref}>
                  <td className="num">{index + 1}</td>
                  <th scope="row">
                    <Link to={`/items/${encodeURIComponent(item.ref)}`} className="ref">
                      {item.ref}
                    </Link>
                  </th>
                  <td>
                    <ItemText texts={item.titles} outdated={outdatedLanguages(item.outdated, 'title')} />
                  </td>
                  <td>{item.pillar == null ? '' : name('pillar', item.pillar)}</td>
                  <td>
                    <QuadrantBadge quadrant={item.quadrant} />
                  </td>
                  <td className="num">{item.importance ?? '—'}</td>
                  <td className="num">{item.ease ?? '—'}</td>
                  <td>
                    {item.scoredBy > 0
                      ? item.scoredBy
                      : item.importance != null && item.ease != null
                        ? t('priorities.scoredByDirect')
                        : '—'}
                  </td>
                  <td className="num">
                    <Amount value={item.cost_usd_m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
