import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { guard, notFound } from '~/permissions/guard.server'
import { getSnapshot, listSnapshots } from '~/snapshots/snapshots.server'

// One snapshot: when and by whom it was taken, how many items it holds, and the way to its
// "changes since" report against now or another snapshot.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, null, {}, data?.snapshot.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  await guard(request, 'item:read')
  const db = await getDb()
  const snapshot = await getSnapshot(db, params.id ?? '')
  if (!snapshot) notFound()
  // "Changes since" runs forward in time: only later snapshots are offered to compare with.
  const others = (await listSnapshots(db))
    .filter((s) => s.id !== snapshot.id && s.takenAt >= snapshot.takenAt)
    .map((s) => ({ id: s.id, name: s.name, takenAt: s.takenAt }))
  return { snapshot, others }
}

export default function SnapshotPage() {
  const { t, i18n } = useTranslation()
  const { snapshot, others } = useLoaderData<typeof loader>()
  return (
    <article className="snapshot">
      <p>
        <Link to="/snapshots">← {t('snapshots.back')}</Link>
      </p>
      <h1>{snapshot.name}</h1>
      <dl className="facts">
        <dt>{t('snapshots.takenAt')}</dt>
        <dd>{formatUtc(snapshot.takenAt, i18n.language)}</dd>
        <dt>{t('snapshots.takenBy')}</dt>
        <dd>{snapshot.takenBy ?? t('snapshots.nobody')}</dd>
        <dt>{t('snapshots.items')}</dt>
        <dd>{t('snapshots.itemCount', { count: snapshot.itemCount })}</dd>
        {snapshot.meetingId ? (
          <>
            <dt>{t('snapshots.meeting')}</dt>
            <dd>{t('snapshots.forMeeting')}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link to={`/snapshots/${snapshot.id}/changes?to=now`}>
          {t('snapshots.reportLink', { name: snapshot.name })}
        </Link>
      </p>
      <section aria-labelledby="compare">
        <h2 id="compare">{t('snapshots.compareTitle')}</h2>
        <Form method="get" action={`/snapshots/${snapshot.id}/changes`} className="filter-row">
          <label htmlFor="to">{t('snapshots.compareWith')}</label>
          <select id="to" name="to" defaultValue="now">
            <option value="now">{t('snapshots.compareNow')}</option>
            {others.map((other) => (
              <option key={other.id} value={other.id}>
                {t('punctuation.aside', { text: other.name, aside: formatUtc(other.takenAt, i18n.language) })}
              </option>
            ))}
          </select>
          <button type="submit" className="primary">
            {t('snapshots.compareButton')}
          </button>
        </Form>
      </section>
    </article>
  )
}
