import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { guard } from '~/permissions/guard.server'
import { can } from '~/permissions/permissions'
import { listProcedures } from '~/procedures/procedures.server'
import { votedOf } from '~/procedures/rules'

// Written procedures (app/procedures, docs/decisions/0029): the committee's decisions by vote,
// without a meeting. Everyone who reads meetings reads them; the secretariat opens them.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'procedures.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'procedure:read')
  return { procedures: await listProcedures(await getDb()), canManage: can(user, 'procedure:manage') }
}

export default function Procedures() {
  const { t, i18n } = useTranslation()
  const { procedures, canManage } = useLoaderData<typeof loader>()
  return (
    <section className="procedures-page">
      <h1>{t('procedures.title')}</h1>
      <p>{t('procedures.intro')}</p>
      {canManage ? (
        <p>
          <Link to="/procedures/new" className="button">
            {t('procedures.new')}
          </Link>
        </p>
      ) : null}
      {procedures.length === 0 ? (
        <p className="muted">{t('procedures.none')}</p>
      ) : (
        <table className="data-table">
          <caption>{t('procedures.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procedures.form.title')}</th>
              <th scope="col">{t('procedures.form.deadline')}</th>
              <th scope="col">{t('procedures.items')}</th>
              <th scope="col">{t('procedures.votes')}</th>
              <th scope="col">{t('procedures.state')}</th>
            </tr>
          </thead>
          <tbody>
            {procedures.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/procedures/${p.id}`}>{p.title}</Link>
                </td>
                <td>
                  <time dateTime={p.deadline}>{formatUtc(p.deadline, i18n.language)}</time>
                </td>
                <td className="num">{p.items}</td>
                <td>{t('procedures.votedOf', { voted: votedOf(p.tally), members: p.tally.members })}</td>
                <td>{p.outcome ? t(`procedures.outcome.${p.outcome}`) : t('procedures.open')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
