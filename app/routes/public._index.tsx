import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BadParameterNotice } from '~/components/portfolio/BadParameterNotice'
import { OverviewCharts, OverviewFigures } from '~/components/dashboard/OverviewCharts'
import { FilterPanel } from '~/components/portfolio/FilterPanel'
import { viewHref } from '~/dashboard/links'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { viewHasRowFilters } from '~/portfolio/list.server'
import { getPublicPortfolio } from '~/publication/public-pages.server'
import { publicPageQuery } from '~/publication/public.server'

// The public portfolio's front page, no sign-in: the dashboard's figures and charts over the
// published items (its bars open the public table), with the table's filters.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'publicSite.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const view = publicPageQuery(new URL(request.url).searchParams)
  // as on the public table: with nothing published yet, seven empty charts say only "no item"
  const filtered = viewHasRowFilters({ ...view.query, published: undefined })
  return { ...(await getPublicPortfolio(await getDb(), view.query)), ...view, filtered }
}

export default function PublicPortfolio() {
  const { t } = useTranslation()
  const { overview, taxonomy, query, badParameter, filtered } = useLoaderData<typeof loader>()
  return (
    <div className="dashboard public">
      <div className="page-head">
        <h1>{t('publicSite.title')}</h1>
        <div className="actions">
          <Link
            to={viewHref('/public/items', { ...query, published: undefined, archived: 'exclude' })}
            className="button primary"
          >
            {t('publicSite.openTable')}
          </Link>
        </div>
      </div>
      <p>{t('publicSite.intro')}</p>
      {overview.total.items === 0 && !filtered ? (
        <p className="notice" role="status">
          {t('publicSite.noneYet')}
        </p>
      ) : null}
      <BadParameterNotice problem={badParameter} />
      <FilterPanel
        query={query}
        taxonomy={taxonomy}
        columns={[]}
        organisations={[]}
        tableOptions={false}
        publicView
      />
      <h2>{t('dashboard.figures')}</h2>
      <OverviewFigures overview={overview} />
      <h2>{t('dashboard.charts')}</h2>
      <OverviewCharts
        overview={overview}
        query={{ ...query, published: undefined }}
        tablePath="/public/items"
        publicView
      />
    </div>
  )
}
