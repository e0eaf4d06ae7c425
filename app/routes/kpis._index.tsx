import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DotList } from '~/components/DotList'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { listFramework, strategiesOf } from '~/monitoring/framework.server'
import { nameIn } from '~/monitoring/names'
import { guard } from '~/permissions/guard.server'
import { can } from '~/permissions/permissions'

// GET /kpis: the monitoring framework (app/monitoring, docs/decisions/0033): every strategy's
// recommendations and KPIs, with links to the reporting rounds and the scorecard.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'kpi.framework.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'kpi:read')
  const strategy = new URL(request.url).searchParams.get('strategy') || null
  const db = await getDb()
  return {
    strategy,
    strategies: await strategiesOf(db),
    kpis: await listFramework(db, strategy ? { strategy } : {}),
    canManage: can(user, 'kpi:manage'),
  }
}

export default function Framework() {
  const { t, i18n } = useTranslation()
  const { strategy, strategies, kpis, canManage } = useLoaderData<typeof loader>()
  const groups = [...new Set(kpis.map((k) => k.strategy))]
  return (
    <section className="kpis-page">
      <h1>{t('kpi.framework.title')}</h1>
      <p>{t('kpi.framework.intro')}</p>
      <DotList
        items={[
          <Link key="scorecard" to="/scorecard">
            {t('kpi.framework.scorecard')}
          </Link>,
          <Link key="rounds" to="/reports">
            {t('kpi.framework.rounds')}
          </Link>,
          canManage ? (
            <Link key="add" to="/kpis/new" className="button">
              {t('kpi.framework.add')}
            </Link>
          ) : null,
        ]}
      />
      {strategies.length > 1 ? (
        <Form method="get" className="filters">
          <label htmlFor="strategy">{t('kpi.field.strategy')}</label>{' '}
          <select id="strategy" name="strategy" defaultValue={strategy ?? ''}>
            <option value="">{t('kpi.framework.allStrategies')}</option>
            {strategies.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{t('kpi.framework.show')}</button>
        </Form>
      ) : null}
      {kpis.length === 0 ? <p role="status">{t('kpi.framework.empty')}</p> : null}
      {groups.map((group) => (
        <table key={group} className="data-table">
          <caption>{t('kpi.framework.caption', { strategy: group })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpi.field.code')}</th>
              <th scope="col">{t('kpi.field.name')}</th>
              <th scope="col">{t('kpi.field.recommendation')}</th>
              <th scope="col">{t('kpi.field.frequency')}</th>
              <th scope="col">{t('kpi.field.unit')}</th>
              <th scope="col">{t('kpi.field.responsible')}</th>
              <th scope="col">{t('kpi.field.supporting')}</th>
            </tr>
          </thead>
          <tbody>
            {kpis
              .filter((k) => k.strategy === group)
              .map((k) => (
                <tr key={k.code}>
                  <td>{k.code}</td>
                  <td>
                    <Link to={`/kpis/${encodeURIComponent(k.code)}`}>{nameIn(k.name, i18n.language)}</Link>
                  </td>
                  <td>{nameIn(k.recommendation, i18n.language)}</td>
                  <td>{t(`kpi.frequency.${k.frequency}`)}</td>
                  <td>{k.unit ?? ''}</td>
                  <td>{k.responsible.join('; ')}</td>
                  <td>{k.supporting.join('; ')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </section>
  )
}
