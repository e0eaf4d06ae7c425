import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getActivity, pillarNames } from '~/activity/activity.server'
import { visibleHistory } from '~/prioritisation/visibility'
import { activitySearchParams, parseActivityQuery } from '~/activity/query'
import { FilterField } from '~/components/forms'
import { Choices } from '~/components/portfolio/FilterPanel'
import { EventText } from '~/components/workflow/History'
import { getDb } from '~/db.server'
import { codeAndName, formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { guard } from '~/permissions/guard.server'
import { COUNTRY_CODES } from '~/portfolio/codes'
import { paramMessage } from '~/portfolio/url-params'
import { EVENT_KINDS } from '~/history/events'
import { ItemText } from '~/components/portfolio/ItemText'
import { outdatedLanguages } from '~/portfolio/item-text'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'

// Recent changes across the portfolio (app/activity), filtered by proposer country, pillar, kind
// and date. A plain GET form: the filtered view is the URL.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activity.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'activity:read')
  const parsed = parseActivityQuery(new URL(request.url).searchParams)
  const db = await getDb()
  const [page, pillars] = await Promise.all([getActivity(db, parsed.query), pillarNames(db)])
  const filters = { ...parsed.query, before: undefined }
  return {
    ...page,
    entries: visibleHistory(user, page.entries),
    query: parsed.query,
    problem: parsed.ok ? null : parsed.problem,
    pillars,
    olderLink: page.older ? `?${activitySearchParams({ ...filters, before: page.older }).toString()}` : null,
    newestLink: parsed.query.before ? `?${activitySearchParams(filters).toString()}` : null,
  }
}

export default function Activity() {
  const { t, i18n } = useTranslation()
  const name = useTaxonomyName()
  const { entries, query, problem, pillars, olderLink, newestLink } = useLoaderData<typeof loader>()
  const error = problem ? { field: problem.param, message: paramMessage(t, problem) } : null
  const errorFor = (field: string) =>
    error?.field === field ? (
      <span id={`${field}-error`} className="field-errors" role="alert">
        {error.message}
      </span>
    ) : null
  // a date box with its label, and its problem below it when the link's date was refused
  const dateFilter = (field: 'from' | 'to') => (
    <>
      <FilterField htmlFor={field} label={t(`activity.${field}`)}>
        <input
          id={field}
          name={field}
          type="date"
          defaultValue={query[field] ?? ''}
          aria-invalid={error?.field === field || undefined}
          aria-describedby={error?.field === field ? `${field}-error` : undefined}
        />
      </FilterField>
      {errorFor(field)}
    </>
  )
  return (
    <div className="activity">
      <h1>{t('activity.title')}</h1>
      <p className="muted">{t('activity.intro')}</p>
      {error && !['from', 'to'].includes(error.field) ? (
        <p className="notice warning" role="status">
          {t('list.badParameter', { message: error.message })}
        </p>
      ) : null}
      <Form
        method="get"
        className="filters"
        role="search"
        aria-label={t('activity.filters')}
        key={JSON.stringify(query)}
      >
        <div className="filter-row">
          <Choices
            name="proposers"
            legend={t('activity.country')}
            options={COUNTRY_CODES.map((code) => ({
              value: code,
              label: codeAndName(code, t(`country.${code}`)),
            }))}
            selected={query.proposers}
          />
          <Choices
            name="pillar"
            legend={t('activity.pillar')}
            options={pillars.map((value) => ({ value, label: name('pillar', value) }))}
            selected={query.pillar}
          />
          <Choices
            name="kind"
            legend={t('activity.kind')}
            options={EVENT_KINDS.map((kind) => ({ value: kind, label: t(`activity.kindName.${kind}`) }))}
            selected={query.kind}
          />
          {dateFilter('from')}
          {dateFilter('to')}
          <button type="submit" className="primary">
            {t('activity.apply')}
          </button>
          <Link to="/activity">{t('activity.clear')}</Link>
        </div>
      </Form>
      {entries.length === 0 ? (
        <p role="status">{t('activity.none')}</p>
      ) : (
        <table className="items activity-table">
          <caption className="visually-hidden">{t('activity.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('activity.when')}</th>
              <th scope="col">{t('activity.item')}</th>
              <th scope="col">{t('activity.what')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const href = `/items/${encodeURIComponent(entry.ref)}`
              return (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{formatUtc(entry.at, i18n.language)}</time>
                  </td>
                  <td>
                    <Link to={href}>{entry.ref}</Link>{' '}
                    <span className="muted">
                      <ItemText texts={entry.titles} outdated={outdatedLanguages(entry.outdated, 'title')} />
                    </span>
                  </td>
                  <td>
                    <EventText entry={entry} itemHref={href} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={t('list.pagination')}>
        {newestLink ? <Link to={newestLink}>{t('activity.newest')}</Link> : null}
        {olderLink ? <Link to={olderLink}>{t('activity.older')}</Link> : null}
      </nav>
    </div>
  )
}
