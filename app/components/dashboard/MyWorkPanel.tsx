import { Link } from '@remix-run/react'
import { formatDate } from '~/i18n/format'
import { messageKey } from '~/i18n/keys'
import { useTranslation } from 'react-i18next'
import type { MyWork, WorkEntry, WorkList } from '~/dashboard/my-work.server'
import { useFormats } from './OverviewCharts'
import { ItemText } from '~/components/portfolio/ItemText'
import { DotList } from '~/components/DotList'

// The signed-in person's own work, one section per list: its count, its first entries (each a
// link to its item, meeting or import) and a link to the whole list where a view can show it.

function Detail({ list, entry }: { list: WorkList['key']; entry: WorkEntry }) {
  const { t, i18n } = useTranslation()
  const { usd } = useFormats()
  const d = entry.detail
  // dates as the reader writes them (10.03.2026 in Russian), not as stored
  const day = (value: unknown) => formatDate(String(value ?? '').slice(0, 10), i18n.language)
  switch (list) {
    case 'stale':
      return <>{t('myWork.lastChanged', { date: day(d.updated_at) })}</>
    case 'yourMove':
    case 'missing':
    case 'returned':
    case 'toScore':
    case 'awaitingDecision':
      return <>{t(messageKey(`status.${String(d.status)}`))}</>
    case 'gapsToFlag':
      return <>{t('myWork.gapOf', { amount: usd(Number(d.gap_usd_m ?? 0) * 1000) })}</>
    case 'ownFlags':
      return (
        <>
          {t(messageKey(`cofinancing.stage.${String(d.stage)}`))}
          {/* "，" in Chinese */}
          {d.amount_usd_m != null ? `${t('punctuation.clauses')}${usd(Number(d.amount_usd_m) * 1000)}` : null}
        </>
      )
    case 'toVote':
      return (
        <>
          {t('myWork.voteBy', {
            date: `${String(d.deadline ?? '')
              .slice(0, 16)
              .replace('T', ' ')} UTC`,
          })}
        </>
      )
    case 'nextMeetings':
    case 'draftMeetings':
      // written as a dot list by the panel (MeetingEntry)
      return null
    case 'recentImports':
      return (
        <>
          {t('myWork.imported', {
            date: day(d.date),
            created: d.created,
            updated: d.updated,
          })}
        </>
      )
  }
}

// A meeting's line: its title, its date and a link to its pack, apart by dots that never begin or
// end a line (DotList), not in brackets like the items' details.
function MeetingEntry({ entry }: { entry: WorkEntry }) {
  const { t, i18n } = useTranslation()
  return (
    <DotList
      items={[
        <Link key="meeting" to={entry.href}>
          {entry.title}
        </Link>,
        formatDate(String(entry.detail.date ?? '').slice(0, 10), i18n.language),
        <Link key="pack" to={String(entry.detail.pack)}>
          {t('myWork.pack', { title: entry.title })}
        </Link>,
      ]}
    />
  )
}

const MEETING_LISTS: ReadonlySet<WorkList['key']> = new Set(['nextMeetings', 'draftMeetings'])

export function MyWorkPanel({ work }: { work: MyWork }) {
  const { t } = useTranslation()
  if (work.lists.length === 0) return null
  return (
    <section className="my-work" aria-labelledby="my-work-title">
      <h2 id="my-work-title">{t('myWork.title')}</h2>
      {work.lists.map((list) => (
        <section key={list.key} aria-labelledby={`my-work-${list.key}`}>
          <h3 id={`my-work-${list.key}`}>
            {t(messageKey(`myWork.list.${list.key}`), {
              count: list.total,
              total: list.more ? t('myWork.more', { count: list.total }) : list.total,
            })}
          </h3>
          {list.total === 0 ? (
            <p className="muted">{t('myWork.none')}</p>
          ) : (
            <ul>
              {list.entries.map((entry) =>
                MEETING_LISTS.has(list.key) ? (
                  <li key={entry.href}>
                    <MeetingEntry entry={entry} />
                  </li>
                ) : (
                  <li key={entry.href}>
                    <Link to={entry.href}>
                      {entry.ref ? <>{entry.ref}: </> : null}
                      {entry.titles ? <ItemText texts={entry.titles} /> : entry.title}
                    </Link>
                    <span className="muted">
                      {t('punctuation.open')}
                      <Detail list={list.key} entry={entry} />
                      {t('punctuation.close')}
                    </span>
                  </li>
                ),
              )}
            </ul>
          )}
          {list.view && list.total > 0 ? (
            <p>
              <Link to={list.view.href}>
                {list.view.exact
                  ? list.more
                    ? t('myWork.viewMore', { count: list.total })
                    : t('myWork.viewAll', { count: list.total })
                  : t(messageKey(`myWork.viewNearest.${list.key}`))}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </section>
  )
}
