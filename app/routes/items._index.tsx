import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { useEffect, useMemo, useRef } from 'react'
import { useText } from '~/i18n/use-text'
import { flagOrganisations } from '~/cofinancing/cofinancing.server'
import { ExportLinks } from '~/components/portfolio/ExportLinks'
import { FilterPanel } from '~/components/portfolio/FilterPanel'
import { SelectableItemTable } from '~/components/bulk/SelectableItemTable'
import { SavedViews } from '~/components/views/SavedViews'
import { bulkOptions } from '~/bulk/bulk.server'
import { listViews } from '~/views/views.server'
import { Pagination } from '~/components/portfolio/Pagination'
import { getDb } from '~/db.server'
import { can } from '~/permissions/permissions'
import { guard } from '~/permissions/guard.server'
import { visibleColumns } from '~/portfolio/columns'
import { listTableRows } from '~/portfolio/table-rows.server'
import { packRows, unpackRows } from '~/portfolio/table-rows'
import { ListQuery, parseListQuery } from '~/portfolio/list-query'
import { getTaxonomy, taxonomyNameTree } from '~/portfolio/taxonomy.server'
import { pageTitle } from '~/i18n/meta'
import { resolveLanguage } from '~/i18n/language.server'
import { paramMessage } from '~/portfolio/url-params'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'list.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'item:read')
  const params = new URL(request.url).searchParams
  const parsed = parseListQuery(params, ['cols'])
  const query = parsed.ok ? parsed.query : ListQuery.parse({})
  const reader = resolveLanguage(request, user)
  const db = await getDb()
  const [page, taxonomy, organisations, bulk, views] = await Promise.all([
    listTableRows(db, query, reader),
    getTaxonomy(db),
    flagOrganisations(db),
    bulkOptions(db, user),
    listViews(db, user),
  ])
  const { items, ...counts } = page
  return {
    // the rows as one JSON text: far cheaper for Remix's turbo-stream to send (decision 0059)
    page: { ...counts, rows: packRows(items) },
    query,
    // the filter panel's names, without the ids (decision 0055)
    taxonomy: taxonomyNameTree(taxonomy),
    organisations,
    columns: visibleColumns(params.getAll('cols').join(',')),
    badParameter: parsed.ok ? null : parsed.problem,
    canCreate: can(user, 'item:create'),
    canImport: can(user, 'item:import'),
    bulk,
    views: views.map(({ id, name, query, shared }) => ({ id, name, query, shared })),
    canShare: can(user, 'view:share'),
    canScore: can(user, 'score:write'),
  }
}

export default function Portfolio() {
  const { t } = useText()
  const {
    page,
    query,
    taxonomy,
    organisations,
    columns,
    badParameter,
    canCreate,
    canImport,
    bulk,
    views,
    canShare,
    canScore,
  } = useLoaderData<typeof loader>()
  const { search } = useLocation()
  const items = useMemo(() => unpackRows(page.rows), [page.rows])
  const summary = useRef<HTMLParagraphElement>(null)
  const shown = useRef(search)
  useEffect(() => {
    // The filter form is rebuilt for each view; rather than leave focus on nothing (the top of
    // the page), put it on the result count, just above the table.
    if (shown.current !== search && (document.activeElement === document.body || !document.activeElement))
      summary.current?.focus()
    shown.current = search
  }, [search])
  const from = (page.page - 1) * page.pageSize
  return (
    <div className="portfolio">
      {/* plain anchors whose clicks go through the router (app/components/links.ts) */}
      <div className="page-head">
        <h1>{t('list.title')}</h1>
        <div className="actions">
          {canScore ? (
            <a href={`/scoring${search}`} className="button" data-discover="true">
              {t('grid.open')}
            </a>
          ) : null}
          {canImport ? (
            <a href="/import" className="button" data-discover="true">
              {t('list.import')}
            </a>
          ) : null}
          {canCreate ? (
            <a href="/items/new" className="button primary" data-discover="true">
              {t('list.newItem')}
            </a>
          ) : null}
        </div>
      </div>
      {badParameter ? (
        <p className="notice warning" role="status">
          {t('list.badParameter', { message: paramMessage(t, badParameter) })}
        </p>
      ) : null}
      <FilterPanel query={query} taxonomy={taxonomy} columns={columns} organisations={organisations} />
      <SavedViews views={views} canShare={canShare} />
      <div className="result-bar">
        <p className="result-count" role="status" aria-live="polite" tabIndex={-1} ref={summary}>
          {page.total === 0
            ? t('list.none')
            : items.length === 0
              ? t('list.pastEnd', { total: page.total })
              : t('list.showing', { from: from + 1, to: from + items.length, total: page.total })}
        </p>
        {page.total > 0 ? <ExportLinks total={page.total} /> : null}
      </div>
      {items.length ? (
        <SelectableItemTable items={items} query={query} columns={columns} total={page.total} bulk={bulk} />
      ) : null}
      <Pagination page={page.page} pageSize={page.pageSize} total={page.total} />
    </div>
  )
}
