import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field } from '~/components/forms'
import { getDb } from '~/db.server'
import { formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { forbidden, guard } from '~/permissions/guard.server'
import { can } from '~/permissions/permissions'
import { SnapshotForm } from '~/snapshots/schema'
import { startJob } from '~/jobs/start.server'
import { listSnapshots } from '~/snapshots/snapshots.server'

// Snapshots (issue 4, docs/decisions/0013-snapshots.md): the list for everyone who reads items,
// and the secretariat's form to take one by name.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'snapshots.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'item:read')
  const db = await getDb()
  return { snapshots: await listSnapshots(db), canTake: can(user, 'snapshot:take') }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'snapshot:take')
  const submission = parseWithZod(await request.formData(), { schema: SnapshotForm })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  if (!submission.value.name.trim())
    return data(
      { result: submission.reply({ fieldErrors: { name: ['snapshots.nameRequired'] } }) },
      { status: 400 },
    )
  // Copying every item is a background job (docs/decisions/0035): its page links to the snapshot.
  const started = await startJob(await getDb(), user, 'snapshot', { name: submission.value.name })
  if (started.kind === 'forbidden') forbidden(started.action)
  throw redirect(`/jobs/${started.id}`)
}

export default function Snapshots() {
  const { t, i18n } = useTranslation()
  const { snapshots, canTake } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()?.result ?? null
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SnapshotForm }),
  })
  return (
    <div className="snapshots">
      <h1>{t('snapshots.title')}</h1>
      <p className="muted">{t('snapshots.intro')}</p>
      {canTake ? (
        <section aria-labelledby="take-snapshot" className="panel">
          <h2 id="take-snapshot">{t('snapshots.take')}</h2>
          <Form method="post" {...getFormProps(form)} noValidate>
            <ErrorList id={form.errorId} errors={form.errors} />
            <Field
              field={fields.name}
              label={t('form.required', { label: t('snapshots.name') })}
              hint={t('snapshots.nameHint')}
            >
              <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="off" maxLength={200} />
            </Field>
            <button type="submit" className="primary" disabled={busy}>
              {t('snapshots.takeButton')}
            </button>
          </Form>
        </section>
      ) : null}
      {snapshots.length === 0 ? (
        <p role="status">{t('snapshots.none')}</p>
      ) : (
        <table className="items snapshots-table">
          <caption>{t('snapshots.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('snapshots.name')}</th>
              <th scope="col">{t('snapshots.takenAt')}</th>
              <th scope="col">{t('snapshots.takenBy')}</th>
              <th scope="col" className="num">
                {t('snapshots.items')}
              </th>
              <th scope="col">{t('snapshots.changesSinceNow')}</th>
            </tr>
          </thead>
          <tbody>
            {snapshots.map((snapshot) => (
              <tr key={snapshot.id}>
                <th scope="row">
                  <Link to={`/snapshots/${snapshot.id}`}>{snapshot.name}</Link>
                  {snapshot.meetingId ? <span className="muted"> · {t('snapshots.forMeeting')}</span> : null}
                </th>
                <td>{formatUtc(snapshot.takenAt, i18n.language)}</td>
                <td>{snapshot.takenBy ?? <span className="muted">{t('snapshots.nobody')}</span>}</td>
                <td className="num">{snapshot.itemCount}</td>
                <td>
                  <Link
                    to={`/snapshots/${snapshot.id}/changes?to=now`}
                    aria-label={t('snapshots.reportLinkLabel', { name: snapshot.name })}
                  >
                    {t('snapshots.compareNow')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
