import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MeetingFields } from '~/components/meetings/MeetingFields'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { formatDate } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { correctMeetingDetails, deleteDraftMeeting } from '~/meetings/corrections.server'
import { getMeetingSummary, updateMeeting } from '~/meetings/meetings.server'
import { MeetingDetailsForm, MeetingForm, type MeetingBody } from '~/meetings/schema'
import { forbidden, guard, notFound } from '~/permissions/guard.server'

// Editing a meeting (issue 11, "Meetings that can be corrected"): a draft's title, body, date and
// place, or its deletion (after a confirmation step, ?confirm=delete); an open meeting's title and
// place only. The rules are in app/meetings/corrections.server.ts and meetings.server.ts.

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, null, {}, data?.meeting.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  await guard(request, 'meeting:manage')
  const meeting = await getMeetingSummary(await getDb(), params.id!)
  if (!meeting) notFound()
  return {
    meeting,
    open: meeting.opened_at !== null,
    confirmDelete: new URL(request.url).searchParams.get('confirm') === 'delete',
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guard(request, 'meeting:manage')
  const db = await getDb()
  const id = params.id!
  const formData = await request.formData()
  const back = `/meetings/${id}`
  if (formData.get('intent') === 'delete') {
    if (formData.get('confirmed') !== 'yes') throw redirect(`${back}/edit?confirm=delete`)
    const outcome = await deleteDraftMeeting(db, user, id)
    if (outcome.kind === 'forbidden') forbidden(outcome.action)
    if (outcome.kind === 'not_found') notFound()
    if (outcome.kind === 'open') return { result: null, problem: 'corrections.deleteOpen' as const }
    await setFlash(db, request, { key: 'feedback.meetingDeleted', values: { title: outcome.title } })
    throw redirect('/meetings')
  }
  const summary = await getMeetingSummary(db, id)
  if (!summary) notFound()
  if (summary.opened_at !== null) {
    const submission = parseWithZod(formData, { schema: MeetingDetailsForm })
    if (submission.status !== 'success') return { result: submission.reply(), problem: null }
    const outcome = await correctMeetingDetails(db, user, id, submission.value)
    if (outcome.kind === 'forbidden') forbidden(outcome.action)
    if (outcome.kind === 'not_found') notFound()
  } else {
    const submission = parseWithZod(formData, { schema: MeetingForm })
    if (submission.status !== 'success') return { result: submission.reply(), problem: null }
    const outcome = await updateMeeting(db, user, id, submission.value)
    if (outcome.kind === 'forbidden') forbidden(outcome.action)
    if (outcome.kind === 'not_found') notFound()
    // opened while this form was filled in: the next page asks again, for title and place only
    if (outcome.kind === 'open') throw redirect(`${back}/edit`)
  }
  await setFlash(db, request, { key: 'feedback.meetingSaved' })
  throw redirect(back)
}

export default function EditMeeting() {
  const { t, i18n } = useTranslation()
  const { meeting, open, confirmDelete } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  // One form in the browser: for an open meeting body and date ride along unchanged as hidden
  // fields (the action reads only title and place then, MeetingDetailsForm).
  const [form, fields] = useForm({
    lastResult: answer?.result ?? null,
    constraint: getZodConstraint(MeetingForm),
    defaultValue: {
      title: meeting.title,
      body: meeting.body,
      meeting_date: meeting.meeting_date,
      place: meeting.place,
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingForm }),
  })
  return (
    <section className="meeting-form-page">
      <p className="breadcrumbs">
        <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>
      </p>
      <h1>{open ? t('corrections.correctTitle') : t('meetings.form.editTitle')}</h1>
      {open ? (
        <p className="hint">
          {t('corrections.correctHint', {
            body: t(`meetings.body.${meeting.body as MeetingBody}`),
            date: formatDate(meeting.meeting_date, i18n.language),
          })}
        </p>
      ) : null}
      {answer?.problem ? (
        <p className="notice warning" role="alert">
          {t(answer.problem)}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate className="meeting-form">
        <input type="hidden" name="intent" value="save" />
        <MeetingFields
          fields={fields}
          fixed={open ? { body: meeting.body, meeting_date: meeting.meeting_date } : undefined}
        />
        <p className="actions">
          <button type="submit" className="primary">
            {t('meetings.form.save')}
          </button>{' '}
          <Link to={`/meetings/${meeting.id}`}>{t('corrections.cancel')}</Link>
        </p>
      </Form>
      {open ? null : confirmDelete ? (
        <Form method="post" className="confirm danger" aria-labelledby="delete-title">
          <h2 id="delete-title">{t('corrections.deleteTitle')}</h2>
          <p>{t('corrections.deleteText')}</p>
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="confirmed" value="yes" />
          <p className="actions">
            <button type="submit" className="danger">
              {t('corrections.deleteConfirm')}
            </button>{' '}
            <Link to=".">{t('corrections.cancel')}</Link>
          </p>
        </Form>
      ) : (
        <p>
          <Link to="?confirm=delete#delete-title">{t('corrections.delete')}</Link>
        </p>
      )}
    </section>
  )
}
