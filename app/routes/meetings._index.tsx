import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { formatDate, formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { listMeetings } from '~/meetings/meetings.server'
import { guard } from '~/permissions/guard.server'
import { can } from '~/permissions/permissions'
import type { MeetingBody } from '~/meetings/schema'

// The meetings (docs/decisions/0014-meetings.md): everyone who reads items reads them; the
// secretariat creates them.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'meetings.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'meeting:read')
  return { meetings: await listMeetings(await getDb()), canManage: can(user, 'meeting:manage') }
}

export default function Meetings() {
  const { t, i18n } = useTranslation()
  const { meetings, canManage } = useLoaderData<typeof loader>()
  return (
    <section className="meetings-page">
      <h1>{t('meetings.title')}</h1>
      <p>{t('meetings.intro')}</p>
      <p>
        <Link to="/procedures">{t('procedures.fromMeetings')}</Link>
      </p>
      {canManage ? (
        <p>
          <Link to="/meetings/new" className="button">
            {t('meetings.new')}
          </Link>
        </p>
      ) : null}
      {meetings.length === 0 ? (
        <p className="muted">{t('meetings.none')}</p>
      ) : (
        <table className="data-table">
          <caption>{t('meetings.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.form.date')}</th>
              <th scope="col">{t('meetings.form.title')}</th>
              <th scope="col">{t('meetings.body.label')}</th>
              <th scope="col">{t('meetings.form.place')}</th>
              <th scope="col">{t('meetings.state')}</th>
              <th scope="col">{t('meetings.agendaItems')}</th>
              <th scope="col">{t('meetings.decisionsCount')}</th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr key={m.id}>
                <td>{formatDate(m.meeting_date, i18n.language)}</td>
                <td>
                  <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                </td>
                <td>{t(`meetings.body.${m.body as MeetingBody}`)}</td>
                <td>{m.place}</td>
                <td>
                  {m.opened_at
                    ? t('punctuation.aside', {
                        text: t('meetings.open'),
                        aside: formatUtc(m.opened_at, i18n.language),
                      })
                    : t('meetings.draft')}
                </td>
                <td>{m.agenda_count}</td>
                <td>{m.decision_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
