import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { paramMessage } from '~/portfolio/url-params'
import { getUser } from '~/auth/session.server'
import { OverviewCharts, OverviewFigures } from '~/components/dashboard/OverviewCharts'
import { MyWorkPanel } from '~/components/dashboard/MyWorkPanel'
import { FilterPanel } from '~/components/portfolio/FilterPanel'
import { viewHref } from '~/dashboard/links'
import { getDashboard } from '~/dashboard/dashboard.server'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { notFound, requirePermission } from '~/permissions/guard.server'
import { listViews, viewParamsOf } from '~/views/views.server'
import { SavedViewPicker } from '~/components/views/SavedViewPicker'
import { ListQuery, parseListQuery } from '~/portfolio/list-query'

// The home page. Signed in: the dashboard, the figures and charts of a portfolio view (the table's
// parameters, so a table link's filters work here) and the person's own work. Signed out: what the
// tool is, with the public portfolio and the sign-in a click away.

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data?.signedIn ? 'dashboard.title' : 'landing.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (!user) return { signedIn: false as const }
  requirePermission(user, 'item:read')
  const db = await getDb()
  // a saved view (?view=<id>, app/views) stands for its filters, as on the table
  const found = await viewParamsOf(db, user, new URL(request.url).searchParams)
  if (found.kind === 'not_found') notFound()
  const parsed = parseListQuery(found.params, ['cols'])
  const query = parsed.ok ? parsed.query : ListQuery.parse({})
  const views = await listViews(db, user)
  return {
    signedIn: true as const,
    ...(await getDashboard(db, user, query)),
    query,
    badParameter: parsed.ok ? null : parsed.problem,
    savedViews: views.map(({ id, name }) => ({ id, name })),
    savedView: found.view,
  }
}

export default function Home() {
  const data = useLoaderData<typeof loader>()
  return data.signedIn ? <Dashboard {...data} /> : <Landing />
}

function Landing() {
  const { t } = useTranslation()
  return (
    <section className="landing">
      <h1>{t('landing.title')}</h1>
      <p>{t('landing.what')}</p>
      <p>{t('landing.who')}</p>
      <p className="actions">
        <Link to="/public" className="button primary">
          {t('landing.public')}
        </Link>
        <Link to="/login" className="button">
          {t('app.signIn')}
        </Link>
      </p>
    </section>
  )
}

function Dashboard({
  overview,
  myWork,
  query,
  taxonomy,
  organisations,
  badParameter,
  savedViews,
  savedView,
}: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { signedIn: true }>) {
  const { t } = useTranslation()
  return (
    <div className="dashboard">
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
        <div className="actions">
          <Link to={viewHref('/items', query)} className="button">
            {t('dashboard.openTable')}
          </Link>
        </div>
      </div>
      <MyWorkPanel work={myWork} />
      <p className="muted">{t('dashboard.intro')}</p>
      {badParameter ? (
        <p className="notice warning" role="status">
          {t('list.badParameter', { message: paramMessage(t, badParameter) })}
        </p>
      ) : null}
      <SavedViewPicker views={savedViews} current={savedView?.id ?? null} />
      <FilterPanel
        query={query}
        taxonomy={taxonomy}
        columns={[]}
        organisations={organisations}
        tableOptions={false}
      />
      <h2>{t('dashboard.figures')}</h2>
      <OverviewFigures overview={overview} />
      <h2>{t('dashboard.charts')}</h2>
      <OverviewCharts overview={overview} query={query} tablePath="/items" />
    </div>
  )
}
