import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '~/components/ScrollRegion'
import { getDb } from '~/db.server'
import { formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { ACCESS_EVENTS } from '~/people/access-events'
import { listAccessLog, type AccessLogEntry } from '~/people/access-log.server'
import { AccessLogQuery } from '~/people/schema'
import { guard } from '~/permissions/guard.server'
import type { Role } from '~/permissions/permissions'

// The access log for the secretariat: every change to people and access, newest first, filtered
// by kind, person (name or e-mail, who did it or whom it concerns) and UTC day.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'accessLog.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'access-log:read')
  const params = new URL(request.url).searchParams
  const filter = AccessLogQuery.parse(Object.fromEntries(params))
  const page = await listAccessLog(await getDb(), filter)
  const olderParams = new URLSearchParams(params)
  if (page.older) olderParams.set('before', page.older)
  const newestParams = new URLSearchParams(params)
  newestParams.delete('before')
  return {
    ...page,
    filter,
    olderLink: page.older ? `?${olderParams.toString()}` : null,
    newestLink: filter.before ? `?${newestParams.toString()}` : null,
  }
}

function Details({ entry }: { entry: AccessLogEntry }) {
  const { t } = useTranslation()
  const d = entry.details as Record<string, unknown>
  const parts: string[] = []
  const scope = (s: unknown) => {
    const v = (s ?? {}) as { role?: string; countries?: string[]; organisation?: string | null }
    const extra = v.countries?.join(', ') || v.organisation
    return `${v.role ? t(`role.${v.role as Role}`) : ''}${extra ? ` · ${extra}` : ''}`
  }
  if (entry.event === 'role_changed')
    parts.push(t('accessLog.fromTo', { from: scope(d.from), to: scope(d.to) }))
  if (entry.event === 'invited' || entry.event === 'created') parts.push(scope(d))
  if (typeof d.short_name === 'string') parts.push(d.short_name)
  if (typeof d.sessions_ended === 'number')
    parts.push(t('accessLog.sessionsEnded', { count: d.sessions_ended }))
  if (typeof d.other_sessions_ended === 'number')
    parts.push(t('accessLog.sessionsEnded', { count: d.other_sessions_ended }))
  if (typeof d.count === 'number') parts.push(t('accessLog.sessionsEnded', { count: d.count }))
  if (typeof d.name === 'string' && entry.event.startsWith('token')) parts.push(d.name)
  if (d.via === 'command_line') parts.push(t('accessLog.commandLine'))
  return <>{parts.filter(Boolean).join('; ')}</>
}

export default function AccessLog() {
  const { t, i18n } = useTranslation()
  const { entries, filter, olderLink, newestLink } = useLoaderData<typeof loader>()
  const who = (p: AccessLogEntry['actor']) => (p ? `${p.name} <${p.email}>` : null)
  return (
    <div className="access-log">
      <p>
        <Link to="/people">{t('people.back')}</Link>
      </p>
      <h1>{t('accessLog.title')}</h1>
      <p className="muted">{t('accessLog.intro')}</p>
      <Form method="get" className="filters" role="search" aria-label={t('accessLog.filters')}>
        <div className="filter-row">
          <div className="field">
            <label htmlFor="log-event">{t('accessLog.event')}</label>
            <select id="log-event" name="event" defaultValue={filter.event ?? ''}>
              <option value="">{t('people.any')}</option>
              {ACCESS_EVENTS.map((event) => (
                <option key={event} value={event}>
                  {t(`accessLog.events.${event}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="log-person">{t('accessLog.person')}</label>
            <input id="log-person" name="person" type="search" defaultValue={filter.person ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="log-from">{t('accessLog.from')}</label>
            <input id="log-from" name="from" type="date" defaultValue={filter.from ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="log-to">{t('accessLog.to')}</label>
            <input id="log-to" name="to" type="date" defaultValue={filter.to ?? ''} />
          </div>
        </div>
        <p className="actions">
          <button type="submit">{t('people.applyFilters')}</button>
          <Link to="/access-log">{t('people.clearFilters')}</Link>
        </p>
      </Form>
      {entries.length === 0 ? (
        <p role="status">{t('accessLog.none')}</p>
      ) : (
        <ScrollRegion className="table-wrap" label={t('accessLog.caption')}>
          <table className="items access-log-table">
            <caption className="visually-hidden">{t('accessLog.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accessLog.at')}</th>
                <th scope="col">{t('accessLog.event')}</th>
                <th scope="col">{t('accessLog.subject')}</th>
                <th scope="col">{t('accessLog.actor')}</th>
                <th scope="col">{t('accessLog.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatUtc(entry.at, i18n.language)}</td>
                  <th scope="row">{t(`accessLog.events.${entry.event}`, { defaultValue: entry.event })}</th>
                  <td>{who(entry.subject) ?? <span className="muted">—</span>}</td>
                  <td>{who(entry.actor) ?? <span className="muted">{t('accessLog.noActor')}</span>}</td>
                  <td>
                    <Details entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p className="pager">
        {newestLink ? <Link to={newestLink}>{t('accessLog.newest')}</Link> : null}
        {olderLink ? <Link to={olderLink}>{t('accessLog.older')}</Link> : null}
      </p>
    </div>
  )
}
