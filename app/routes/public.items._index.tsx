import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BadParameterNotice } from '~/components/portfolio/BadParameterNotice'
import { FilterPanel } from '~/components/portfolio/FilterPanel'
import { ItemTable } from '~/components/portfolio/ItemTable'
import { Pagination } from '~/components/portfolio/Pagination'
import { viewHref } from '~/dashboard/links'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { PUBLIC_COLUMNS } from '~/portfolio/columns'
import { viewHasRowFilters } from '~/portfolio/list.server'
import { getPublicTable } from '~/publication/public-pages.server'
import { publicPageQuery } from '~/publication/public.server'

// The public portfolio's table, no sign-in: the published items with the table's filters, sort and
// paging, public fields only; each row opens its public item page.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'publicSite.tableTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const view = publicPageQuery(new URL(request.url).searchParams)
  // "no item matches these filters" to a visitor who set none, when nothing is published yet, misleads
  const filtered = viewHasRowFilters({ ...view.query, published: undefined })
  return { ...(await getPublicTable(await getDb(), view.query)), ...view, filtered }
}

export default function PublicTable() {
  const { t } = useTranslation()
  const { page, taxonomy, query, badParameter, filtered } = useLoaderData<typeof loader>()
  const from = (page.page - 1) * page.pageSize
  return (
    <div className="portfolio public">
      <div className="page-head">
        <h1>{t('publicSite.tableTitle')}</h1>
        <div className="actions">
          <Link to={viewHref('/public', { ...query, published: undefined })} className="button">
            {t('publicSite.openCharts')}
          </Link>
        </div>
      </div>
      <BadParameterNotice problem={badParameter} />
      <FilterPanel
        query={query}
        taxonomy={taxonomy}
        columns={[]}
        organisations={[]}
        tableOptions={false}
        publicView
      />
      <p className="result-count" role="status">
        {page.total === 0
          ? t(filtered ? 'publicSite.none' : 'publicSite.noneYet')
          : page.items.length === 0
            ? t('list.pastEnd', { total: page.total })
            : t('list.showing', { from: from + 1, to: from + page.items.length, total: page.total })}
      </p>
      {page.items.length ? (
        <ItemTable
          items={page.items.map((item) => ({
            ...item,
            interest: [],
            updated_at: '',
            archived: false,
            published: true,
          }))}
          query={query}
          columns={PUBLIC_COLUMNS}
          itemsPath="/public/items"
        />
      ) : null}
      <Pagination page={page.page} pageSize={page.pageSize} total={page.total} />
    </div>
  )
}
