import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field } from '~/components/forms'
import { ScopeFields } from '~/components/people/ScopeFields'
import { getDb } from '~/db.server'
import { LANGUAGE_NAMES } from '~/i18n/languages'
import { pageTitle } from '~/i18n/meta'
import { invitePerson } from '~/people/invitations.server'
import { listOrganisations } from '~/people/organisations.server'
import { InviteForm, PREFERRED_LANGUAGES } from '~/people/schema'
import { guard } from '~/permissions/guard.server'

// Inviting a person (issue 8): an invited account and an e-mail through the outbox with a
// one-time link valid 7 days (docs/decisions/0020).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'people.inviteTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'people:manage')
  return { organisations: await listOrganisations(await getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'people:manage')
  const submission = parseWithZod(await request.formData(), { schema: InviteForm })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const outcome = await invitePerson(await getDb(), user, submission.value, { mail: true })
  switch (outcome.kind) {
    case 'invited':
      throw redirect(`/people/${outcome.userId}?done=invited`)
    case 'email_taken':
      return data(
        { result: submission.reply({ fieldErrors: { email: ['people.validation.emailTaken'] } }) },
        { status: 409 },
      )
    case 'unknown_organisation':
      return data(
        {
          result: submission.reply({
            fieldErrors: { organisation: ['people.validation.unknownOrganisation'] },
          }),
        },
        { status: 400 },
      )
    default:
      // 'forbidden' cannot pass the guard above; the other kinds belong to --password-stdin
      throw data({ forbidden: 'people:manage' }, { status: 403 })
  }
}

export default function Invite() {
  const { t, i18n } = useTranslation()
  const { organisations } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()?.result
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteForm }),
  })
  return (
    <section className="invite-page">
      <p>
        <Link to="/people">{t('people.back')}</Link>
      </p>
      <h1>{t('people.inviteTitle')}</h1>
      <p className="muted">{t('people.inviteIntro')}</p>
      <Form method="post" {...getFormProps(form)} noValidate className="stack person-form">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field field={fields.email} label={t('form.required', { label: t('people.email') })}>
          <input {...getInputProps(fields.email, { type: 'email' })} autoComplete="off" />
        </Field>
        <Field field={fields.name} label={t('form.required', { label: t('people.name') })}>
          <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="off" />
        </Field>
        <Field field={fields.language} label={t('people.language')}>
          {/* the language the secretariat is working in: most people invited share it; the person can change it when accepting */}
          <select
            {...getSelectProps(fields.language)}
            defaultValue={fields.language.initialValue ?? i18n.language}
          >
            {PREFERRED_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </Field>
        <ScopeFields
          idPrefix="invite"
          organisations={organisations}
          defaults={{
            role: typeof fields.role.initialValue === 'string' ? fields.role.initialValue : '',
            countries: Array.isArray(fields.countries.initialValue)
              ? fields.countries.initialValue.filter((v): v is string => typeof v === 'string')
              : typeof fields.countries.initialValue === 'string'
                ? [fields.countries.initialValue]
                : [],
            organisation:
              typeof fields.organisation.initialValue === 'string' ? fields.organisation.initialValue : '',
          }}
          errors={{
            role: fields.role.errors,
            countries: fields.countries.errors,
            organisation: fields.organisation.errors,
          }}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('people.sendInvitation')}
        </button>
      </Form>
    </section>
  )
}
