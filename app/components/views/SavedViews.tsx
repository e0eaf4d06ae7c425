import { useFetcher, useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useText } from '~/i18n/use-text'
import type { ViewFeedback } from '~/views/schema'

export interface ViewLink {
  id: string
  name: string
  query: string
  shared: boolean
}

/**
 * The portfolio table's saved views: open one, or save the current filters, sort and columns
 * under a name (shared with everyone for those who may share). Saving posts to /views.
 */
export function SavedViews({ views, canShare }: { views: ViewLink[]; canShare: boolean }) {
  const { t } = useText()
  const { pathname, search } = useLocation()
  const fetcher = useFetcher<ViewFeedback>()
  const notice = useRef<HTMLParagraphElement>(null)
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (fetcher.state !== 'idle' || !fetcher.data) return
    notice.current?.focus()
    if (fetcher.data.ok) form.current?.reset()
  }, [fetcher.state, fetcher.data])
  return (
    <details className="saved-views-panel">
      <summary>{t('views.choose')}</summary>
      {views.length ? (
        <ul className="view-list">
          {views.map((v) => (
            <li key={v.id}>
              {/* plain anchors whose clicks go through the router (app/components/links.ts) */}
              <a href={v.query ? `${pathname}?${v.query}` : pathname} data-discover="true">
                {v.name}
              </a>
              {v.shared ? (
                <span className="hint">{t('punctuation.parenthesis', { text: t('views.shared') })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('views.none')}</p>
      )}
      <a href="/views" data-discover="true">
        {t('views.manage')}
      </a>
      <fetcher.Form method="post" action="/views" className="save-view" ref={form}>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="query" value={search} />
        <div className="field">
          <label htmlFor="save-view-name">{t('views.name')}</label>
          <input id="save-view-name" name="name" type="text" maxLength={80} required />
        </div>
        {canShare ? (
          <label className="check">
            <input type="checkbox" name="shared" value="on" /> {t('views.share')}
          </label>
        ) : null}
        <button type="submit" className="button" disabled={fetcher.state !== 'idle'}>
          {t('views.saveButton')}
        </button>
      </fetcher.Form>
      {fetcher.data ? (
        <p className={`notice ${fetcher.data.ok ? '' : 'warning'}`} role="status" tabIndex={-1} ref={notice}>
          {fetcher.data.message}
        </p>
      ) : null}
    </details>
  )
}
