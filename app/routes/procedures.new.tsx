import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field } from '~/components/forms'
import { config } from '~/config.server'
import { getDb } from '~/db.server'
import { message } from '~/i18n/message'
import { pageTitle } from '~/i18n/meta'
import { forbidden, guard } from '~/permissions/guard.server'
import { openProcedure } from '~/procedures/procedures.server'
import { OpenForm } from '~/procedures/schema'

// Opening a written procedure: the secretariat puts items under review to the committee with a
// deadline (app/procedures). `?refs=` prefills the items (from a table selection or an agenda).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'procedures.new')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'procedure:manage')
  return { refs: new URL(request.url).searchParams.get('refs') ?? '' }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'procedure:manage')
  const submission = parseWithZod(await request.formData(), { schema: OpenForm })
  if (submission.status !== 'success') return { result: submission.reply() }
  const opened = await openProcedure(await getDb(), user, submission.value, config().PROCEDURE_RULE)
  switch (opened.kind) {
    case 'forbidden':
      return forbidden(opened.action)
    case 'opened':
      throw redirect(`/procedures/${opened.id}`)
    case 'deadline_past':
      return {
        result: submission.reply({ fieldErrors: { deadline: ['procedures.validation.deadlinePast'] } }),
      }
    case 'no_members':
      return { result: submission.reply({ formErrors: ['procedures.validation.noMembers'] }) }
    default:
      return {
        result: submission.reply({
          fieldErrors: {
            refs: [message(`procedures.validation.${opened.kind}`, { refs: opened.refs.join(', ') })],
          },
        }),
      }
  }
}

export default function NewProcedure() {
  const { t } = useTranslation()
  const { refs } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()?.result
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { refs },
    constraint: getZodConstraint(OpenForm),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpenForm }),
  })
  return (
    <section className="procedure-form-page">
      <h1>{t('procedures.new')}</h1>
      <p>{t('procedures.newIntro')}</p>
      <Form method="post" {...getFormProps(form)} noValidate className="procedure-form">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field field={fields.title} label={t('procedures.form.title')}>
          <input {...getInputProps(fields.title, { type: 'text' })} />
        </Field>
        <Field
          field={fields.deadline}
          label={t('procedures.form.deadline')}
          hint={t('procedures.form.deadlineHint')}
        >
          <input {...getInputProps(fields.deadline, { type: 'datetime-local' })} />
        </Field>
        <Field field={fields.refs} label={t('procedures.form.refs')} hint={t('procedures.form.refsHint')}>
          <textarea {...getTextareaProps(fields.refs)} rows={4} className="wide" />
        </Field>
        <button type="submit" className="primary">
          {t('procedures.form.open')}
        </button>
      </Form>
    </section>
  )
}
