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
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpenForm }),
  })
  const described = (field: { errorId: string; errors?: string[] }, hint?: string) =>
    [field.errors?.length ? field.errorId : null, hint].filter(Boolean).join(' ') || undefined
  return (
    <section className="procedure-form-page">
      <h1>{t('procedures.new')}</h1>
      <p>{t('procedures.newIntro')}</p>
      <Form method="post" {...getFormProps(form)} noValidate className="procedure-form">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t('procedures.form.title')}
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
          label={t('procedures.form.deadline')}
          htmlFor={fields.deadline.id}
          hint={t('procedures.form.deadlineHint')}
          hintId="deadline-hint"
          errors={fields.deadline.errors}
          errorId={fields.deadline.errorId}
        >
          <input
            {...getInputProps(fields.deadline, { type: 'datetime-local' })}
            aria-describedby={described(fields.deadline, 'deadline-hint')}
          />
        </Field>
        <Field
          label={t('procedures.form.refs')}
          htmlFor={fields.refs.id}
          hint={t('procedures.form.refsHint')}
          hintId="refs-hint"
          errors={fields.refs.errors}
          errorId={fields.refs.errorId}
        >
          <textarea
            {...getTextareaProps(fields.refs)}
            rows={4}
            className="wide"
            aria-describedby={described(fields.refs, 'refs-hint')}
          />
        </Field>
        <button type="submit" className="primary">
          {t('procedures.form.open')}
        </button>
      </Form>
    </section>
  )
}
