import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ErrorList, Field } from '~/components/forms'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import {
  addOrganisation,
  listOrganisations,
  removeOrganisation,
  updateOrganisation,
} from '~/people/organisations.server'
import { ORGANISATION_TYPES, OrganisationForm } from '~/people/schema'
import { guard, notFound } from '~/permissions/guard.server'
import { messageKey } from '~/i18n/keys'

// The development partners' organisations, a managed list for the secretariat (docs/decisions/0020):
// add one, change a name or type, remove one nobody uses. Short names are fixed once created.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'organisations.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'organisation:manage')
  return { organisations: await listOrganisations(await getDb()) }
}

const EditForm = OrganisationForm.pick({ name: true, type: true }).extend({ id: z.string().min(1) })
const RemoveForm = z.object({ id: z.string().min(1) })

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'organisation:manage')
  const formData = await request.formData()
  const db = await getDb()
  const intent = formData.get('intent')
  if (intent === 'add') {
    const submission = parseWithZod(formData, { schema: OrganisationForm })
    if (submission.status !== 'success')
      return data({ result: submission.reply(), refused: null }, { status: 400 })
    const outcome = await addOrganisation(db, user, submission.value)
    if (outcome.kind === 'taken')
      return data(
        {
          result: submission.reply({ fieldErrors: { short_name: ['organisations.validation.taken'] } }),
          refused: null,
        },
        { status: 409 },
      )
    throw redirect('/organisations?done=added')
  }
  if (intent === 'edit') {
    const parsed = EditForm.safeParse(Object.fromEntries(formData))
    if (!parsed.success)
      return data(
        { result: null, refused: parsed.error.issues[0]?.message ?? 'validation.required' },
        { status: 400 },
      )
    const outcome = await updateOrganisation(db, user, parsed.data.id, parsed.data)
    if (outcome.kind === 'not_found') notFound()
    throw redirect('/organisations?done=changed')
  }
  const parsed = RemoveForm.safeParse(Object.fromEntries(formData))
  if (intent !== 'remove' || !parsed.success)
    return data({ result: null, refused: 'people.refused.unknownAction' }, { status: 400 })
  const outcome = await removeOrganisation(db, user, parsed.data.id)
  if (outcome.kind === 'not_found') notFound()
  if (outcome.kind === 'in_use')
    return data({ result: null, refused: 'organisations.inUse' }, { status: 409 })
  throw redirect('/organisations?done=removed')
}

export default function Organisations() {
  const { t } = useTranslation()
  const { organisations } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('done')
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult: answer?.result,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationForm }),
  })
  return (
    <section className="organisations-page">
      <p>
        <Link to="/people">{t('people.back')}</Link>
      </p>
      <h1>{t('organisations.title')}</h1>
      <p className="muted">{t('organisations.intro')}</p>
      {done ? (
        <p className="notice" role="status">
          {t(`organisations.done.${done}`, { defaultValue: t('organisations.done.changed') })}
        </p>
      ) : null}
      {answer?.refused ? (
        <p className="form-error" role="alert">
          {t(messageKey(answer.refused))}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="items organisations-table">
          <caption className="visually-hidden">{t('organisations.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organisations.shortName')}</th>
              <th scope="col">{t('organisations.nameAndType')}</th>
              <th scope="col" className="num">
                {t('organisations.people')}
              </th>
              <th scope="col" className="num">
                {t('organisations.flags')}
              </th>
              <th scope="col">{t('organisations.remove')}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.shortName}</th>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="edit" />
                    <input type="hidden" name="id" value={o.id} />
                    <label className="visually-hidden" htmlFor={`org-name-${o.id}`}>
                      {t('organisations.nameOf', { shortName: o.shortName })}
                    </label>
                    <input
                      id={`org-name-${o.id}`}
                      name="name"
                      defaultValue={o.name}
                      maxLength={200}
                      required
                    />
                    <label className="visually-hidden" htmlFor={`org-type-${o.id}`}>
                      {t('organisations.typeOf', { shortName: o.shortName })}
                    </label>
                    <select id={`org-type-${o.id}`} name="type" defaultValue={o.type}>
                      {ORGANISATION_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {t(`organisations.type.${type}`)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="submit"
                      disabled={busy}
                      aria-label={t('organisations.saveOf', { shortName: o.shortName })}
                    >
                      {t('organisations.save')}
                    </button>
                  </Form>
                </td>
                <td className="num">{o.people}</td>
                <td className="num">{o.flags}</td>
                <td>
                  {o.people === 0 && o.flags === 0 ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={o.id} />
                      <button
                        type="submit"
                        className="link-button"
                        disabled={busy}
                        aria-label={t('organisations.removeOf', { shortName: o.shortName })}
                      >
                        {t('organisations.remove')}
                      </button>
                    </Form>
                  ) : (
                    <span className="muted">{t('organisations.kept')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="panel" aria-labelledby="add-organisation">
        <h2 id="add-organisation">{t('organisations.add')}</h2>
        <Form method="post" {...getFormProps(form)} noValidate className="stack">
          <input type="hidden" name="intent" value="add" />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            field={fields.short_name}
            label={t('form.required', { label: t('organisations.shortName') })}
            hint={t('organisations.shortNameHint')}
          >
            <input {...getInputProps(fields.short_name, { type: 'text' })} />
          </Field>
          <Field field={fields.name} label={t('form.required', { label: t('organisations.name') })}>
            <input {...getInputProps(fields.name, { type: 'text' })} />
          </Field>
          <Field field={fields.type} label={t('organisations.typeLabel')}>
            <select
              {...getSelectProps(fields.type)}
              defaultValue={fields.type.initialValue ?? 'multilateral'}
            >
              {ORGANISATION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`organisations.type.${type}`)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            {t('organisations.addButton')}
          </button>
        </Form>
      </section>
    </section>
  )
}
