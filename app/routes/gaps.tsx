import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BadParameterNotice } from '~/components/portfolio/BadParameterNotice'
import { flagsOf } from '~/cofinancing/cofinancing.server'
import { Amount, StatusBadge } from '~/components/portfolio/badges'
import { getDb } from '~/db.server'
import { codeAndName, formatAmount } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { guard } from '~/permissions/guard.server'
import { COUNTRY_CODES } from '~/portfolio/codes'
import { ListQuery, parseListQuery, toSearchParams } from '~/portfolio/list-query'
import { listItems } from '~/portfolio/list.server'
import { ItemText } from '~/components/portfolio/ItemText'
import { outdatedLanguages, titlesOf } from '~/portfolio/item-text'
import { FilterField } from '~/components/forms'

// Funding gaps (issue 3): the items with a gap, largest first, with the co-financing flagged
// against each; what a development partner opens to find where to help. It takes the portfolio
// table's parameters (so a table link's filters work here), always sorted by gap, descending.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'gaps.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'item:read')
  const params = new URL(request.url).searchParams
  const parsed = parseListQuery(params, ['cols'])
  const query: ListQuery = { ...(parsed.ok ? parsed.query : ListQuery.parse({})), sort: '-gap_usd_m' }
  const db = await getDb()
  const page = await listItems(db, query)
  // Sorted by gap descending, items without a gap (none, zero or covered) come after the rest.
  const items = page.items.filter((item) => item.gap_usd_m != null && item.gap_usd_m > 0)
  const flags = await flagsOf(
    db,
    items.map((item) => item.id),
  )
  const more = items.length === page.items.length && page.page * page.pageSize < page.total
  return {
    query,
    badParameter: parsed.ok ? null : parsed.problem,
    items: items.map((item) => ({ ...item, flags: flags.get(item.id) ?? [] })),
    next: more
      ? `?${toSearchParams({ ...query, sort: undefined, page: page.page + 1 } as Partial<ListQuery>).toString()}`
      : null,
    previous:
      page.page > 1
        ? `?${toSearchParams({ ...query, sort: undefined, page: page.page - 1 } as Partial<ListQuery>).toString()}`
        : null,
    tableLink: `/items?${toSearchParams({ ...query, page: undefined } as Partial<ListQuery>).toString()}`,
  }
}

export default function Gaps() {
  const { t, i18n } = useTranslation()
  const { query, badParameter, items, next, previous, tableLink } = useLoaderData<typeof loader>()
  return (
    <div className="gaps">
      <h1>{t('gaps.title')}</h1>
      <p className="muted">{t('gaps.intro')}</p>
      <BadParameterNotice problem={badParameter} />
      {/* the fields in a row, the buttons and links below (a form that was both a column and a
          centred row stacked every field down the middle of the page) */}
      <Form method="get" className="filters" role="search" key={JSON.stringify(query)}>
        <div className="filter-row">
          <FilterField htmlFor="q" label={t('list.search')}>
            <input id="q" name="q" type="search" defaultValue={query.q ?? ''} />
          </FilterField>
          <FilterField htmlFor="proposers" label={t('field.proposers')}>
            <select id="proposers" name="proposers" defaultValue={query.proposers[0] ?? ''}>
              <option value="">{t('list.any')}</option>
              {COUNTRY_CODES.map((code) => (
                <option key={code} value={code}>
                  {codeAndName(code, t(`country.${code}`))}
                </option>
              ))}
            </select>
          </FilterField>
          <FilterField htmlFor="interest" label={t('list.interest')}>
            <select id="interest" name="interest" defaultValue={query.interest ?? ''}>
              <option value="">{t('list.interestEither')}</option>
              <option value="any">{t('list.interestAny')}</option>
              <option value="none">{t('list.interestNone')}</option>
            </select>
          </FilterField>
          {query.interest_org.map((organisation) => (
            <input key={organisation} type="hidden" name="interest_org" value={organisation} />
          ))}
          {query.interest_stage.length ? (
            <input type="hidden" name="interest_stage" value={query.interest_stage.join(',')} />
          ) : null}
        </div>
        <div className="filter-row">
          <button type="submit" className="primary">
            {t('list.apply')}
          </button>
          <Link to="/gaps">{t('list.clear')}</Link>
          <Link to={tableLink}>{t('gaps.inTable')}</Link>
        </div>
      </Form>
      {items.length === 0 ? (
        <p role="status">{t('gaps.none')}</p>
      ) : (
        <table className="items gaps-table phone-cards">
          <caption className="visually-hidden">{t('gaps.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.ref')}</th>
              <th scope="col">{t('field.title')}</th>
              <th scope="col">{t('field.proposers')}</th>
              <th scope="col">{t('field.status')}</th>
              <th scope="col" className="num">
                {t('field.cost_usd_m')}
              </th>
              <th scope="col" className="num">
                {t('field.gap_usd_m')}
              </th>
              <th scope="col">{t('gaps.interest')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <Link to={`/items/${encodeURIComponent(item.ref)}`} className="ref">
                    {item.ref}
                  </Link>
                </th>
                <td>
                  <ItemText
                    texts={titlesOf(item)}
                    outdated={outdatedLanguages(item.translations_outdated, 'title')}
                  />
                </td>
                {/* data-label: the column's name over the cell where the rows are cards (a phone) */}
                <td data-label={t('field.proposers')}>{item.proposers.join(t('punctuation.list'))}</td>
                <td data-label={t('field.status')}>
                  <StatusBadge status={item.status} />
                </td>
                <td className="num" data-label={t('field.cost_usd_m')}>
                  <Amount value={item.cost_usd_m} />
                </td>
                <td className="num" data-label={t('field.gap_usd_m')}>
                  <Amount value={item.gap_usd_m} />
                </td>
                <td data-label={t('gaps.interest')}>
                  {item.flags.length === 0 ? (
                    <span className="muted">{t('gaps.noInterest')}</span>
                  ) : (
                    <ul className="plain">
                      {item.flags.map((flag) => (
                        <li key={flag.id}>
                          {t('gaps.flag', {
                            organisation: flag.organisation,
                            instrument: t(`cofinancing.instrument.${flag.instrument}`),
                            stage: t(`cofinancing.stage.${flag.stage}`),
                            amount:
                              flag.amount_usd_m == null
                                ? t('cofinancing.noAmount')
                                : t('cofinancing.amountOf', {
                                    amount: formatAmount(flag.amount_usd_m, i18n.language),
                                  }),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {previous || next ? (
        <nav aria-label={t('list.pagination')} className="pagination">
          {previous ? <Link to={previous}>{t('list.previous')}</Link> : null}{' '}
          {next ? <Link to={next}>{t('list.next')}</Link> : null}
        </nav>
      ) : null}
    </div>
  )
}
