import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { lackValues } from '~/iati/lack-text'
import { Link, useLoaderData } from '@remix-run/react'
import { StartJobButton } from '~/components/jobs/StartJobButton'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { BadParameterNotice } from '~/components/portfolio/BadParameterNotice'
import { DotList } from '~/components/DotList'
import { config } from '~/config.server'
import { getDb } from '~/db.server'
import { ItemText } from '~/components/portfolio/ItemText'
import { checkIati } from '~/iati/export.server'
import { EXPORT_DIRECT_ROWS } from '~/jobs/limits'
import { pageTitle } from '~/i18n/meta'
import { can } from '~/permissions/permissions'
import { guard } from '~/permissions/guard.server'
import { ListQuery, parseListQuery, toSearchParams } from '~/portfolio/list-query'

// The IATI check (issue 12): for the portfolio table's view, what each item lacks for a good IATI
// activity, core fields first, then the rules, each with a link to fix it; the items the check
// blocks are left out of the file (docs/decisions/0032-iati-export.md). It counts every item of
// the view but lists at most CHECK_LISTED of them, so a whole large register stays one page.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'iatiExport.check.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'iati:export')
  const parsed = parseListQuery(new URL(request.url).searchParams, ['cols'])
  const query = parsed.ok ? parsed.query : ListQuery.parse({})
  const check = await checkIati(await getDb(), config(), query)
  const { page: _page, pageSize: _size, ...filters } = query
  const search = toSearchParams(filters).toString()
  return {
    check,
    search: search ? `?${search}` : '',
    badParameter: parsed.ok ? null : parsed.problem,
    canManage: can(user, 'iati:manage'),
  }
}

export default function IatiCheck() {
  const { t } = useTranslation()
  const { check, search, badParameter, canManage } = useLoaderData<typeof loader>()
  const lacking = check.items.filter((item) => item.lacks.length > 0)
  return (
    <section className="iati-check">
      <p>
        <Link to={`/items${search}`}>{t('list.title')}</Link>
      </p>
      <h1>{t('iatiExport.check.title')}</h1>
      <p className="muted">{t('iatiExport.check.intro')}</p>
      <BadParameterNotice problem={badParameter} />
      {check.missingSettings.length > 0 ? (
        // no file until the publisher is set: said first, with the way to set it for whoever may
        <p className="notice warning" role="alert">
          {t('iatiExport.check.missingSettings', {
            fields: check.missingSettings
              .map((f) => t(`iatiExport.settings.${f}`))
              .join(t('punctuation.list')),
          })}{' '}
          {canManage ? (
            <Link to="/iati/settings">{t('iatiExport.check.fillSettings')}</Link>
          ) : (
            t('iatiExport.check.settingsBySecretariat')
          )}
        </p>
      ) : null}
      <p role="status">
        {t(
          check.missingSettings.length > 0 ? 'iatiExport.check.summaryOnceSet' : 'iatiExport.check.summary',
          {
            exportable: check.exportable,
            total: check.total,
          },
        )}
      </p>
      <nav className="export-links" aria-label={t('iatiExport.check.title')}>
        {check.missingSettings.length > 0 ? null : check.total > EXPORT_DIRECT_ROWS ? (
          // a big view's file is prepared by a background job (docs/decisions/0035)
          <StartJobButton
            kind="export_iati"
            search={search.replace(/^\?/, '')}
            label={t('iatiExport.check.download')}
            title={t('jobs.backgroundHint', { limit: EXPORT_DIRECT_ROWS })}
          />
        ) : (
          <a href={`/export/iati.xml${search}`} download>
            {t('iatiExport.check.download')}
          </a>
        )}
        {canManage ? <Link to="/iati/settings">{t('iatiExport.check.settings')}</Link> : null}
      </nav>
      {check.lacking > lacking.length ? (
        <p className="notice">
          {t('iatiExport.check.more', { shown: lacking.length, count: check.lacking })}
        </p>
      ) : null}
      {lacking.length === 0 ? (
        <p>{t('iatiExport.check.allReady')}</p>
      ) : (
        <div className="table-wrap">
          <table className="items iati-check-table phone-cards">
            <caption className="visually-hidden">{t('iatiExport.check.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('iatiExport.check.item')}</th>
                <th scope="col">{t('iatiExport.check.state')}</th>
                <th scope="col">{t('iatiExport.check.lacks')}</th>
              </tr>
            </thead>
            <tbody>
              {lacking.map((item) => (
                <tr key={item.ref} data-ref={item.ref}>
                  <th scope="row">
                    <Link to={`/items/${encodeURIComponent(item.ref)}`}>{item.ref}</Link>
                    <br />
                    <span className="muted">
                      <ItemText texts={item.titles} />
                    </span>
                  </th>
                  {/* data-label: the column's name over the cell where the table is cards (a phone) */}
                  <td data-label={t('iatiExport.check.state')}>
                    {item.blocked ? (
                      <strong className="badge warning">{t('iatiExport.check.blocked')}</strong>
                    ) : (
                      t('iatiExport.check.advice')
                    )}
                  </td>
                  <td data-label={t('iatiExport.check.lacks')}>
                    {/* each group's name over its list: a lack's own text says "Sector: …", so a
                        "Core field: " before it would nest two colons */}
                    <dl className="iati-lacks">
                      {(['core', 'rule'] as const).map((group) => {
                        const lacks = item.lacks.filter((lack) => lack.group === group)
                        return lacks.length ? (
                          <Fragment key={group}>
                            <dt className="muted">{t(`iatiExport.check.${group}`)}</dt>
                            <dd>
                              <ul>
                                {lacks.map((lack) => (
                                  <li key={lack.code}>
                                    {t(`iatiExport.lack.${lack.code}`, lackValues(t, lack))}
                                  </li>
                                ))}
                              </ul>
                            </dd>
                          </Fragment>
                        ) : null
                      })}
                    </dl>
                    {item.indicativeDates ? (
                      <p className="muted">{t('iatiExport.check.indicative')}</p>
                    ) : null}
                    <DotList
                      items={[
                        <Link key="fix" to={`/items/${encodeURIComponent(item.ref)}/edit`}>
                          {t('iatiExport.check.fix', { ref: item.ref })}
                        </Link>,
                        canManage &&
                        item.lacks.some((l) => l.code === 'sector' || l.code === 'sectorCode') ? (
                          <Link key="areas" to="/iati/settings#areas">
                            {t('iatiExport.check.fixAreas')}
                          </Link>
                        ) : null,
                      ]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
