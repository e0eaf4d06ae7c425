import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { JobProgress } from '~/components/jobs/JobProgress'
import { getDb } from '~/db.server'
import { formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { getJob } from '~/jobs/jobs.server'
import type { OpenOutcome } from '~/meetings/meetings.server'
import type { missingSettings } from '~/iati/publisher'
import { requireUser } from '~/auth/session.server'

// /jobs/:id: a background job's progress, then its result (docs/decisions/0035-background-jobs.md).
// The same loader answers the progress bar's polling (JobProgress), so that answer stays small:
// the job's state, counts and result, never a file's bytes (those are at /jobs/:id/file).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'jobs.title')

const Params = z.object({ id: z.string().uuid() })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const parsed = Params.safeParse(params)
  const outcome = parsed.success
    ? await getJob(await getDb(), user, parsed.data.id)
    : { kind: 'not_found' as const }
  if (outcome.kind === 'not_found') throw data({ job: null }, { status: 404 })
  // A snapshot taken: its own page is the result (the progress bar's polling stays here).
  const value = outcome.job.value
  if (
    value?.kind === 'snapshot' &&
    value.outcome.kind === 'taken' &&
    !new URL(request.url).searchParams.has('poll')
  )
    throw redirect(`/snapshots/${value.outcome.id}`)
  // A meeting opened: back to the meeting, which then says it is open (0047). Not a flash: the
  // root's loader runs beside this one when the progress bar reloads the page, and could take it first.
  if (
    value?.kind === 'meeting_open' &&
    value.outcome.kind === 'opened' &&
    !new URL(request.url).searchParams.has('poll')
  )
    throw redirect(`/meetings/${value.meeting}?opened=1`)
  return { job: outcome.job }
}

type MissingSetting = ReturnType<typeof missingSettings>[number]

/** Why an opening job did not open its meeting, as the meeting page would say it. */
function openingRefusal(outcome: OpenOutcome) {
  switch (outcome.kind) {
    case 'empty':
      return 'meetings.page.openEmpty' as const
    case 'archived':
      return 'meetings.page.openArchived' as const
    case 'open':
      return 'meetings.page.alreadyOpen' as const
    case 'not_found':
      return 'meetings.page.notFound' as const
    case 'forbidden':
      return 'error.forbiddenTitle' as const
    default:
      return null
  }
}

export default function Job() {
  const { t, i18n } = useTranslation()
  const { job } = useLoaderData<typeof loader>()
  const value = job.value
  return (
    <section className="job-page">
      <h1>{t(`jobs.kind.${job.kind}`)}</h1>
      <JobProgress key={job.id + job.state} job={job} />
      {job.state === 'done' && job.file ? (
        <p>
          <a href={`/jobs/${job.id}/file`} download={job.file.name}>
            {t('jobs.download', { name: job.file.name })}
          </a>{' '}
          {job.expiresAt ? (
            <span className="hint">{t('jobs.kept', { until: formatUtc(job.expiresAt, i18n.language) })}</span>
          ) : null}
        </p>
      ) : null}
      {value?.kind === 'snapshot' && value.outcome.kind === 'taken' ? (
        <p>
          <Link to={`/snapshots/${value.outcome.id}`}>
            {t('jobs.openSnapshot', { count: value.outcome.itemCount })}
          </Link>
        </p>
      ) : null}
      {value?.kind === 'meeting_open' ? (
        <>
          {openingRefusal(value.outcome) ? (
            <p className="notice warning" role="alert">
              {t(openingRefusal(value.outcome)!, {
                refs: value.outcome.kind === 'archived' ? value.outcome.refs.join(', ') : '',
              })}
            </p>
          ) : null}
          <p>
            <Link to={`/meetings/${value.meeting}`}>{t('jobs.openMeeting')}</Link>
          </p>
        </>
      ) : null}
      {value?.kind === 'export_iati' ? (
        <p className={value.outcome === 'written' ? undefined : 'notice warning'} role="status">
          {value.outcome === 'written'
            ? t('iatiExport.written', { written: value.written, leftOut: value.leftOut })
            : value.outcome === 'empty'
              ? t('iatiExport.empty', { count: value.leftOut })
              : t('iatiExport.check.missingSettings', {
                  fields: value.missing
                    .map((f) => t(`iatiExport.settings.${f as MissingSetting}`))
                    .join(', '),
                })}
        </p>
      ) : null}
      {value?.kind === 'meeting_pack' && !value.found ? (
        <p className="notice warning" role="alert">
          {t('meetings.page.notFound')}
        </p>
      ) : null}
    </section>
  )
}
