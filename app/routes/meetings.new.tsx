import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MeetingFields } from '~/components/meetings/MeetingFields'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { pageTitle } from '~/i18n/meta'
import { createMeeting } from '~/meetings/meetings.server'
import { MeetingForm } from '~/meetings/schema'
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
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingForm }),
  })
  return (
    <section className="meeting-form-page">
      <h1>{t('meetings.form.newTitle')}</h1>
      <Form method="post" {...getFormProps(form)} noValidate className="meeting-form">
        <MeetingFields fields={fields} choose />
        <button type="submit">{t('meetings.form.create')}</button>
      </Form>
    </section>
  )
}
