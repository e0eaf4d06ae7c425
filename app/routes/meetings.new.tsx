import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field } from '~/components/forms'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { pageTitle } from '~/i18n/meta'
import { createMeeting } from '~/meetings/meetings.server'
import { MEETING_BODIES, MeetingForm } from '~/meetings/schema'
import { forbidden, guard } from '~/permissions/guard.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'meetings.form.newTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'meeting:manage')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'meeting:manage')
  const submission = parseWithZod(await request.formData(), { schema: MeetingForm })
  if (submission.status !== 'success') return { result: submission.reply() }
  const db = await getDb()
  const created = await createMeeting(db, user, submission.value)
  if (created.kind === 'forbidden') forbidden(created.action)
  await setFlash(db, request, { key: 'feedback.meetingCreated' })
  throw redirect(`/meetings/${created.id}`)
}

export default function NewMeeting() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()?.result
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(MeetingForm),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingForm }),
  })
  const described = (field: { errorId: string; errors?: string[] }) =>
    field.errors?.length ? field.errorId : undefined
  return (
    <section className="meeting-form-page">
      <h1>{t('meetings.form.newTitle')}</h1>
      <Form method="post" {...getFormProps(form)} noValidate className="meeting-form">
        <Field
          label={t('meetings.form.title')}
          htmlFor={fields.title.id}
          errors={fields.title.errors}
          errorId={fields.title.errorId}
        >
          <input
            {...getInputProps(fields.title, { type: 'text' })}
            aria-describedby={described(fields.title)}
          />
        </Field>
        <Field
          label={t('meetings.body.label')}
          htmlFor={fields.body.id}
          errors={fields.body.errors}
          errorId={fields.body.errorId}
        >
          <select {...getSelectProps(fields.body)} aria-describedby={described(fields.body)}>
            <option value="">{t('meetings.form.choose')}</option>
            {MEETING_BODIES.map((body) => (
              <option key={body} value={body}>
                {t(`meetings.body.${body}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('meetings.form.date')}
          htmlFor={fields.meeting_date.id}
          errors={fields.meeting_date.errors}
          errorId={fields.meeting_date.errorId}
        >
          <input
            {...getInputProps(fields.meeting_date, { type: 'date' })}
            aria-describedby={described(fields.meeting_date)}
          />
        </Field>
        <Field
          label={t('meetings.form.place')}
          htmlFor={fields.place.id}
          errors={fields.place.errors}
          errorId={fields.place.errorId}
        >
          <input
            {...getInputProps(fields.place, { type: 'text' })}
            aria-describedby={described(fields.place)}
          />
        </Field>
        <button type="submit">{t('meetings.form.create')}</button>
      </Form>
    </section>
  )
}
