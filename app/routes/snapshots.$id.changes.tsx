import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChangeReportView } from '~/components/snapshots/ChangeReport'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { guard, notFound } from '~/permissions/guard.server'
import { ReportTarget } from '~/snapshots/schema'
import { changesSince } from '~/snapshots/snapshots.server'

// "What changed since" a snapshot (issue 4): against the portfolio now (`?to=now`, the default)
// or another snapshot (`?to=<id>`), grouped by kind of change (app/snapshots/diff.ts).

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, 'snapshots.report.title', { name: data?.report.from.name ?? '' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  await guard(request, 'item:read')
  const db = await getDb()
  const to = ReportTarget.parse(new URL(request.url).searchParams.get('to') ?? 'now')
  const report = await changesSince(db, params.id ?? '', to)
  if (!report) notFound()
  return { report }
}

export default function SnapshotChanges() {
  const { t } = useTranslation()
  const { report } = useLoaderData<typeof loader>()
  return (
    <article className="snapshot-changes">
      <p>
        <Link to={`/snapshots/${report.from.id}`}>← {report.from.name}</Link>
      </p>
      <h1>{t('snapshots.report.title', { name: report.from.name })}</h1>
      <ChangeReportView report={report} />
    </article>
  )
}
