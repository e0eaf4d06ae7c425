import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { formatDate, formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { defaultPeriod, parsePeriod, periodText } from '~/monitoring/codes'
import { getRound } from '~/monitoring/reports.server'
import { guard } from '~/permissions/guard.server'

// GET /reports?period=2025: a period's reporting round, every member country's report state,
// overdue ones flagged (docs/decisions/0033-monitoring-framework.md).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'kpi.rounds.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'kpi:read')
  const asked = new URL(request.url).searchParams.get('period')
  const parsed = asked ? parsePeriod(asked) : null
  const period = parsed ?? defaultPeriod(new Date().toISOString())
  return {
    period: periodText(period),
    invalid: asked !== null && parsed === null,
    round: await getRound(await getDb(), period),
    // a working group's own countries, so it finds its reports first
    own: user.role === 'working_group' ? user.countries : [],
  }
}

export default function Rounds() {
  const { t, i18n } = useTranslation()
  const { period, invalid, round, own } = useLoaderData<typeof loader>()
  const yours = round.reports.filter((r) => own.includes(r.country))
  return (
    <section className="reports-page">
      <p>
        <Link to="/kpis">{t('kpi.page.back')}</Link>
      </p>
      <h1>{t('kpi.rounds.title')}</h1>
      <p>{t('kpi.rounds.intro')}</p>
      <Form method="get" className="filters">
        <label htmlFor="period">{t('kpi.field.period')}</label>{' '}
        <input
          id="period"
          name="period"
          defaultValue={period}
          aria-describedby="period-hint"
          aria-invalid={invalid ? true : undefined}
          size={8}
        />{' '}
        <span id="period-hint" className="hint">
          {t('kpi.rounds.periodHint')}
        </span>{' '}
        <button type="submit">{t('kpi.rounds.choose')}</button>
        {invalid ? (
          <p className="field-errors" role="alert">
            {t('kpi.validation.period')}
          </p>
        ) : null}
      </Form>
      {yours.length > 0 ? (
        <p className="notice">
          {/* joined with the language's punctuation (decision 0024): Chinese writes 哈萨克斯坦（未开始） */}
          {t('punctuation.labelled', { label: t('kpi.rounds.yours', { period }), value: '' })}
          {yours.map((r, i) => (
            <span key={r.country}>
              {i > 0 ? t('punctuation.list') : null}
              <Link to={`/reports/${period}/${r.country}`}>{t(`country.${r.country}`)}</Link>
              {t('punctuation.parenthesis', { text: t(`kpi.state.${r.state}`) })}
            </span>
          ))}
        </p>
      ) : null}
      <table className="data-table">
        <caption>
          {t('kpi.rounds.caption', { period, date: formatDate(round.dueDate, i18n.language) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('kpi.field.country')}</th>
            <th scope="col">{t('kpi.field.state')}</th>
            <th scope="col">{t('kpi.field.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {round.reports.map((r) => (
            <tr key={r.country}>
              <th scope="row">
                <Link
                  to={`/reports/${period}/${r.country}`}
                  aria-label={t('kpi.rounds.open', { country: t(`country.${r.country}`) })}
                >
                  {t(`country.${r.country}`)}
                </Link>
              </th>
              <td>
                {t(`kpi.state.${r.state}`)}
                {r.overdue ? (
                  <>
                    {' '}
                    <strong className="badge overdue">{t('kpi.overdue')}</strong>
                  </>
                ) : null}
              </td>
              <td>{r.updatedAt ? formatUtc(r.updatedAt, i18n.language) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
