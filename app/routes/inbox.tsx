import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { getInbox, markRead, type InboxEntry } from '~/notifications/inbox.server'
import { notificationText } from '~/notifications/messages'
import { guard } from '~/permissions/guard.server'
import { nowIso } from '~/portfolio/items.server'
import { ItemText } from '~/components/portfolio/ItemText'
import { outdatedLanguages } from '~/portfolio/item-text'

// The signed-in person's inbox (app/notifications): mentions, edits, status changes and new
// co-financing interest on the items they follow; marking one or all as read.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'notifications.title')

const InboxQuery = z.object({
  show: z.enum(['all', 'unread']).catch('all'),
  before: z.string().max(100).optional().catch(undefined),
})

const ReadForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: z.string().uuid() }),
  z.object({ intent: z.literal('read-all') }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'inbox:read')
  const params = new URL(request.url).searchParams
  const query = InboxQuery.parse({
    show: params.get('show') ?? undefined,
    before: params.get('before') ?? undefined,
  })
  const page = await getInbox(await getDb(), user.id, {
    unreadOnly: query.show === 'unread',
    before: query.before,
  })
  return { ...page, show: query.show, paged: !!query.before }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'inbox:read')
  const parsed = ReadForm.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ done: null }, { status: 400 })
  const db = await getDb()
  if (parsed.data.intent === 'read-all') {
    await markRead(db, user.id, 'all', nowIso())
    await setFlash(db, request, { key: 'feedback.readAll' })
    return { done: true }
  }
  await markRead(db, user.id, [parsed.data.id], nowIso())
  await setFlash(db, request, { key: 'feedback.readOne' })
  return { done: true }
}

export default function Inbox() {
  const { t, i18n } = useTranslation()
  const { entries, unread, older, show, paged } = useLoaderData<typeof loader>()
  const busy = useNavigation().state !== 'idle'
  const base = show === 'unread' ? '?show=unread' : '?'
  return (
    <div className="inbox">
      <h1>{t('notifications.title')}</h1>
      <p className="muted">{t('notifications.intro')}</p>
      <div className="inbox-bar">
        <p role="status" className="unread-count">
          {t('notifications.unreadCount', { count: unread })}
        </p>
        <nav aria-label={t('notifications.show')} className="segmented">
          <Link to="/inbox" aria-current={show === 'all' ? 'page' : undefined}>
            {t('notifications.showAll')}
          </Link>
          <Link to="/inbox?show=unread" aria-current={show === 'unread' ? 'page' : undefined}>
            {t('notifications.showUnread')}
          </Link>
        </nav>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" disabled={busy}>
              {t('notifications.markAllRead')}
            </button>
          </Form>
        ) : null}
      </div>
      {entries.length === 0 ? (
        <p>{show === 'unread' ? t('notifications.noneUnread') : t('notifications.none')}</p>
      ) : (
        <ol className="inbox-list">
          {entries.map((entry) => (
            <li key={entry.id} className={entry.read ? 'read' : 'unread'}>
              <div className="inbox-entry">
                {entry.read ? null : (
                  <span className="visually-hidden">
                    {t('punctuation.labelled', { label: t('notifications.unread'), value: '' })}
                  </span>
                )}
                {/* through /inbox/:id, which marks the entry read on the way to its item */}
                <Link to={`/inbox/${entry.id}`}>
                  <EntryText entry={entry} />
                </Link>
                <span className="muted">
                  {' · '}
                  <ItemText texts={entry.titles} outdated={outdatedLanguages(entry.outdated, 'title')} />
                </span>
                <div className="inbox-meta">
                  <time dateTime={entry.at}>{formatUtc(entry.at, i18n.language)}</time>
                  {entry.read ? null : (
                    <Form method="post">
                      <input type="hidden" name="id" value={entry.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="read"
                        className="link-button"
                        disabled={busy}
                        aria-label={t('notifications.markReadOf', { ref: entry.ref })}
                      >
                        {t('notifications.markRead')}
                      </button>
                    </Form>
                  )}
                </div>
                {entry.kind === 'mention' ? (
                  entry.details.comment === null ? (
                    <p className="muted">{t('notifications.commentDeleted')}</p>
                  ) : (
                    // renderComment's output: markup without user HTML, links limited to http(s) and mailto
                    <blockquote
                      className="inbox-quote comment-body"
                      dangerouslySetInnerHTML={{ __html: String(entry.details.html) }}
                    />
                  )
                ) : null}
                {entry.kind === 'transition' && entry.details.reason ? (
                  <p className="reason">{t('history.reason', { reason: String(entry.details.reason) })}</p>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      <nav className="pager" aria-label={t('list.pagination')}>
        {paged ? (
          <Link to={show === 'unread' ? '/inbox?show=unread' : '/inbox'}>{t('notifications.newest')}</Link>
        ) : null}
        {older ? (
          <Link to={`${base}${base === '?' ? '' : '&'}before=${encodeURIComponent(older)}`}>
            {t('notifications.older')}
          </Link>
        ) : null}
      </nav>
    </div>
  )
}

function EntryText({ entry }: { entry: InboxEntry }) {
  const { t } = useTranslation()
  return <>{notificationText(t, entry)}</>
}
