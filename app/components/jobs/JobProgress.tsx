import { useFetcher, useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobView } from '~/jobs/jobs.server'

/** How often a running job is asked about. */
const POLL_MS = 1_000

/**
 * A job's progress bar with its counts, kept current by asking /jobs/:id (a small JSON answer)
 * through a fetcher once a second; once the job has ended, the page's own data is reloaded so it
 * shows the result. The bar does not animate its changes when the reader prefers reduced motion
 * (app.css). Without JavaScript the page says to reload.
 */
export function JobProgress({ job }: { job: JobView }) {
  const { t } = useTranslation()
  const fetcher = useFetcher<{ job: JobView }>()
  const revalidator = useRevalidator()
  const current = fetcher.data?.job ?? job
  const running = current.state === 'queued' || current.state === 'running'
  const ended = useRef(false)

  useEffect(() => {
    if (!running) return
    const timer = setTimeout(() => fetcher.load(`/jobs/${job.id}?poll=1`), POLL_MS)
    return () => clearTimeout(timer)
    // fetcher.load is stable enough; a new answer (current) schedules the next look
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [running, current.done, current.state, fetcher.data, job.id])

  useEffect(() => {
    if (running || ended.current || job.state === current.state) return
    ended.current = true
    revalidator.revalidate()
  }, [running, current.state, job.state, revalidator])

  if (current.state === 'failed')
    return (
      <p className="notice warning" role="alert">
        {t('jobs.failed', { attempts: current.attempts })}
      </p>
    )
  if (!running) return null
  const percent = current.total > 0 ? Math.round((current.done / current.total) * 100) : 0
  return (
    <div className="job-progress">
      <p id={`job-${job.id}-label`}>
        {current.state === 'queued'
          ? t('jobs.queued')
          : current.total > 0
            ? t('jobs.counts', { done: current.done, total: current.total })
            : t('jobs.running')}
      </p>
      <progress
        aria-labelledby={`job-${job.id}-label`}
        max={current.total || undefined}
        value={current.total > 0 ? current.done : undefined}
      >
        {percent}%
      </progress>
      <noscript>
        <p className="hint">{t('jobs.reload')}</p>
      </noscript>
    </div>
  )
}
