import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field } from '~/components/forms'
import { KpiDescriptionFields } from '~/components/monitoring/KpiDescriptionFields'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { addKpi, strategiesOf } from '~/monitoring/framework.server'
import { NewKpiForm } from '~/monitoring/schema'
import { forbidden, guard } from '~/permissions/guard.server'

// GET/POST /kpis/new: the secretariat adds a KPI, to this strategy or another one.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'kpi.create.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'kpi:manage')
  return { strategies: await strategiesOf(await getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'kpi:manage')
  const parsed = NewKpiForm.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ errors: parsed.error.flatten().fieldErrors }, { status: 400 })
  const outcome = await addKpi(await getDb(), user, parsed.data)
  if (outcome.kind === 'forbidden') forbidden(outcome.action)
  if (outcome.kind !== 'saved')
    return data({ errors: { code: ['kpi.validation.codeTaken'] } }, { status: 409 })
  throw redirect(`/kpis/${encodeURIComponent(outcome.code)}`)
}

const TEXT_FIELDS = ['code', 'strategy', 'recommendation'] as const

export default function NewKpi() {
  const { t } = useTranslation()
  const { strategies } = useLoaderData<typeof loader>()
  const feedback = useActionData<typeof action>()
  const errors = (name: string): string[] | undefined =>
    (feedback?.errors as Record<string, string[] | undefined> | undefined)?.[name]
  return (
    <section className="kpi-new">
      <p>
        <Link to="/kpis">{t('kpi.page.back')}</Link>
      </p>
      <h1>{t('kpi.create.title')}</h1>
      <p>{t('kpi.create.intro')}</p>
      <Form method="post" className="stacked">
        {TEXT_FIELDS.map((name) => (
          <Field
            key={name}
            label={t(`kpi.field.${name}`)}
            htmlFor={`new-${name}`}
            errors={errors(name)}
            errorId={`new-${name}-error`}
          >
            <input
              id={`new-${name}`}
              name={name}
              list={name === 'strategy' ? 'strategies' : undefined}
              required
              aria-invalid={errors(name) ? true : undefined}
              aria-describedby={errors(name) ? `new-${name}-error` : undefined}
            />
          </Field>
        ))}
        <datalist id="strategies">
          {strategies.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <KpiDescriptionFields idPrefix="new" errorsFor={errors} />
        <button type="submit">{t('kpi.create.submit')}</button>
      </Form>
    </section>
  )
}
