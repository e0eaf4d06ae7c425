import { Link, useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useText } from '~/i18n/use-text'
import type { BulkOptions } from '~/bulk/report'
import type { BulkReport } from '~/bulk/report'
import { STATUSES } from '~/portfolio/codes'

type Choice = 'agenda' | 'move' | 'follow' | 'unfollow' | 'publish' | 'unpublish'

/**
 * What to do with the ticked rows: add them to a draft meeting's agenda, move them through the
 * workflow, follow or unfollow them, or export them. Posts to /bulk (app/routes/bulk.tsx), whose
 * answer lists what was done and each item left as it was, with why; focus goes to that answer.
 */
export function BulkBar({
  options,
  refs,
  allMatching,
  view,
  onClear,
  children,
}: {
  options: BulkOptions
  refs: string[]
  /** the number of matching items when "all matching" is selected, else null */
  allMatching: number | null
  /** the table's query string without the page */
  view: string
  onClear: () => void
  children?: ReactNode
}) {
  const { t } = useText()
  const fetcher = useFetcher<BulkReport>()
  const report = useRef<HTMLDivElement>(null)
  const choices: Choice[] = [
    ...(options.agenda ? (['agenda'] as const) : []),
    ...(options.moves ? (['move'] as const) : []),
    ...(options.follow ? (['follow', 'unfollow'] as const) : []),
    ...(options.publish ? (['publish', 'unpublish'] as const) : []),
  ]
  const [choice, setChoice] = useState<Choice | ''>(choices[0] ?? '')
  const count = allMatching ?? refs.length
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data) report.current?.focus()
  }, [fetcher.state, fetcher.data])

  const exportQuery = new URLSearchParams(view)
  exportQuery.delete('pageSize')
  if (allMatching === null) exportQuery.set('ref', refs.join(','))
  const exportSuffix = exportQuery.toString() ? `?${exportQuery}` : ''

  return (
    <section className="bulk-bar" aria-label={t('bulk.label')}>
      <p className="bulk-count" aria-live="polite">
        {allMatching !== null ? t('bulk.allMatching', { total: allMatching }) : t('bulk.selected', { count })}{' '}
        {children}
        {count > 0 ? (
          <button type="button" className="link-button" onClick={onClear}>
            {t('bulk.clear')}
          </button>
        ) : null}
      </p>
      {count > 0 ? (
        <>
          <fetcher.Form method="post" action="/bulk" className="bulk-form">
            {allMatching !== null ? (
              <>
                <input type="hidden" name="all" value="on" />
                <input type="hidden" name="view" value={view} />
              </>
            ) : (
              refs.map((ref) => <input key={ref} type="hidden" name="ref" value={ref} />)
            )}
            {choices.length ? (
              <div className="field">
                <label htmlFor="bulk-action">{t('bulk.action')}</label>
                <select
                  id="bulk-action"
                  name="action"
                  value={choice}
                  onChange={(e) => setChoice(e.target.value as Choice)}
                >
                  {choices.map((c) => (
                    <option key={c} value={c}>
                      {t(`bulk.actions.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {choice === 'agenda' ? (
              options.drafts.length ? (
                <div className="field">
                  <label htmlFor="bulk-meeting">{t('bulk.meeting')}</label>
                  <select id="bulk-meeting" name="meeting" required>
                    {options.drafts.map((m) => (
                      <option key={m.id} value={m.id}>
                        {t('punctuation.aside', { text: m.title, aside: m.meeting_date })}
                      </option>
                    ))}
                  </select>
                </div>
              ) : (
                <p className="hint">{t('bulk.noDrafts')}</p>
              )
            ) : null}
            {choice === 'move' ? (
              <>
                <div className="field">
                  <label htmlFor="bulk-to">{t('bulk.to')}</label>
                  <select id="bulk-to" name="to">
                    {STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`status.${s}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="bulk-reason">{t('bulk.reason')}</label>
                  <input id="bulk-reason" name="reason" type="text" />
                </div>
              </>
            ) : null}
            {choices.length ? (
              <button
                type="submit"
                className="button"
                disabled={fetcher.state !== 'idle' || (choice === 'agenda' && !options.drafts.length)}
              >
                {t('bulk.apply')}
              </button>
            ) : null}
          </fetcher.Form>
          <p className="hint">{t('bulk.limit', { limit: options.limit })}</p>
          <nav className="export-links" aria-label={t('export.label')}>
            <a href={`/export/items.csv${exportSuffix}`} download>
              {t('bulk.exportCsv')}
            </a>
            <a href={`/export/items.xlsx${exportSuffix}`} download>
              {t('bulk.exportXlsx')}
            </a>
          </nav>
        </>
      ) : null}
      {fetcher.data ? (
        <div
          className={`notice ${fetcher.data.ok ? '' : 'warning'}`}
          role="status"
          tabIndex={-1}
          ref={report}
        >
          {fetcher.data.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
          {fetcher.data.refused.length ? (
            <ul>
              {fetcher.data.refused.map((r) => (
                <li key={r.ref}>
                  <Link to={`/items/${encodeURIComponent(r.ref)}`}>{r.ref}</Link>: {r.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {fetcher.data.next ? <Link to={fetcher.data.next.href}>{fetcher.data.next.label}</Link> : null}
        </div>
      ) : null}
    </section>
  )
}
