import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '~/components/ScrollRegion'
import { Field } from '~/components/forms'
import { KpiDescriptionFields } from '~/components/monitoring/KpiDescriptionFields'
import { getDb } from '~/db.server'
import { formatNumber } from '~/i18n/format'
import { message } from '~/i18n/message'
import { pageTitle } from '~/i18n/meta'
import { TARGET_SCOPES } from '~/monitoring/codes'
import { getKpi, setItemLink, setTarget, updateKpi, type KpiOutcome } from '~/monitoring/framework.server'
import { nameIn } from '~/monitoring/names'
import { KpiForm, TargetForm } from '~/monitoring/schema'
import { forbidden, guard, notFound } from '~/permissions/guard.server'
import { can } from '~/permissions/permissions'

// GET/POST /kpis/:code: one KPI: its description, baselines and targets (the secretariat edits
// them) and the items contributing to it (linked by whoever may edit the item).

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'kpi.page.title', { code: data?.kpi.code ?? '', name: data?.kpi.name.en ?? '' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guard(request, 'kpi:read')
  const kpi = await getKpi(await getDb(), params.code ?? '')
  if (!kpi) notFound()
  return { kpi, canManage: can(user, 'kpi:manage'), canLink: can(user, 'item:edit') }
}

type Errors = Record<string, string[] | undefined>
interface Feedback {
  intent: string
  errors: Errors
}

const invalid = (intent: string, errors: Errors, status = 400) =>
  data<Feedback>({ intent, errors }, { status })

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guard(request, 'kpi:read')
  const code = params.code ?? ''
  const form = Object.fromEntries(await request.formData())
  const intent = String(form.intent ?? '')
  const db = await getDb()
  const back = `/kpis/${encodeURIComponent(code)}`
  if (intent === 'describe' || intent === 'target') {
    let outcome: KpiOutcome
    if (intent === 'describe') {
      const parsed = KpiForm.safeParse(form)
      if (!parsed.success) return invalid(intent, parsed.error.flatten().fieldErrors)
      outcome = await updateKpi(db, user, code, parsed.data)
    } else {
      const parsed = TargetForm.safeParse(form)
      if (!parsed.success) return invalid(intent, parsed.error.flatten().fieldErrors)
      outcome = await setTarget(db, user, code, parsed.data)
    }
    if (outcome.kind === 'forbidden') forbidden(outcome.action)
    if (outcome.kind === 'not_found') notFound()
    throw redirect(`${back}?done=saved`)
  }
  if (intent === 'link' || intent === 'unlink') {
    const ref = String(form.ref ?? '').trim()
    const outcome = await setItemLink(db, user, code, ref, intent === 'link')
    if (outcome.kind === 'forbidden') forbidden(outcome.action)
    if (outcome.kind === 'not_found')
      return invalid(intent, { ref: [message('kpi.page.linkNotFound', { ref })] }, 404)
    throw redirect(`${back}?done=saved`)
  }
  return data<Feedback>({ intent, errors: {} }, { status: 400 })
}

export default function KpiPage() {
  const { t, i18n } = useTranslation()
  const { kpi, canManage, canLink } = useLoaderData<typeof loader>()
  const feedback = useActionData<typeof action>()
  const [params] = useSearchParams()
  const errors = (intent: string, name: string) =>
    feedback && 'intent' in feedback && feedback.intent === intent ? feedback.errors[name] : undefined
  const num = (v: number | null) => (v === null ? '' : formatNumber(v, i18n.language))
  return (
    <section className="kpi-page">
      <p>
        <Link to="/kpis">{t('kpi.page.back')}</Link>
      </p>
      <h1>{t('kpi.page.title', { code: kpi.code, name: nameIn(kpi.name, i18n.language) })}</h1>
      {params.get('done') === 'saved' ? (
        <p className="notice" role="status">
          {t('kpi.page.saved')}
        </p>
      ) : null}
      <h2>{t('kpi.page.description')}</h2>
      <dl className="details">
        <dt>{t('kpi.field.strategy')}</dt>
        <dd>{kpi.strategy}</dd>
        <dt>{t('kpi.field.recommendation')}</dt>
        <dd>{nameIn(kpi.recommendation, i18n.language)}</dd>
        <dt>{t('kpi.field.name_en')}</dt>
        <dd>{kpi.name.en}</dd>
        <dt>{t('kpi.field.name_zh')}</dt>
        <dd lang="zh-Hans">{kpi.name.zh ?? ''}</dd>
        <dt>{t('kpi.field.name_ru')}</dt>
        <dd lang="ru">{kpi.name.ru ?? ''}</dd>
        <dt>{t('kpi.field.frequency')}</dt>
        <dd>{t(`kpi.frequency.${kpi.frequency}`)}</dd>
        <dt>{t('kpi.field.unit')}</dt>
        <dd>{kpi.unit ?? ''}</dd>
        <dt>{t('kpi.field.direction')}</dt>
        <dd>{t(`kpi.direction.${kpi.direction}`)}</dd>
        <dt>{t('kpi.field.responsible')}</dt>
        <dd>{kpi.responsible.join('; ')}</dd>
        <dt>{t('kpi.field.supporting')}</dt>
        <dd>{kpi.supporting.join('; ')}</dd>
      </dl>
      {canManage ? (
        <details>
          <summary>{t('kpi.page.edit')}</summary>
          <Form method="post" className="stacked">
            <input type="hidden" name="intent" value="describe" />
            <KpiDescriptionFields
              idPrefix="kpi"
              values={{
                name_en: kpi.name.en,
                name_zh: kpi.name.zh ?? '',
                name_ru: kpi.name.ru ?? '',
                unit: kpi.unit ?? '',
                direction: kpi.direction,
                frequency: kpi.frequency,
                responsible: kpi.responsible.join('\n'),
                supporting: kpi.supporting.join('\n'),
              }}
              errorsFor={(name) => errors('describe', name)}
            />
            <button type="submit">{t('kpi.page.saveDescription')}</button>
          </Form>
        </details>
      ) : null}

      <h2>{t('kpi.page.targets')}</h2>
      <p>{t('kpi.page.targetsIntro')}</p>
      {kpi.targets.length === 0 ? (
        <p className="muted">{t('kpi.page.noTargets')}</p>
      ) : (
        <ScrollRegion label={t('kpi.page.targets')}>
          <table className="data-table">
            <caption>{t('kpi.page.targets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kpi.field.scope')}</th>
                <th scope="col">{t('kpi.field.baseline')}</th>
                <th scope="col">{t('kpi.field.baseline_year')}</th>
                <th scope="col">{t('kpi.field.target')}</th>
                <th scope="col">{t('kpi.field.target_year')}</th>
              </tr>
            </thead>
            <tbody>
              {kpi.targets.map((target) => (
                <tr key={target.scope}>
                  <th scope="row">{t(`country.${target.scope}`)}</th>
                  <td>{num(target.baseline)}</td>
                  <td>{target.baseline_year ?? ''}</td>
                  <td>{num(target.target)}</td>
                  <td>{target.target_year ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {canManage ? (
        <Form method="post" className="inline-form">
          <fieldset>
            <legend>{t('kpi.page.setTarget')}</legend>
            <input type="hidden" name="intent" value="target" />
            <Field
              label={t('kpi.field.scope')}
              htmlFor="target-scope"
              errors={errors('target', 'scope')}
              errorId="target-scope-error"
            >
              <select id="target-scope" name="scope">
                {TARGET_SCOPES.map((c) => (
                  <option key={c} value={c}>
                    {t(`country.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            {(['baseline', 'baseline_year', 'target', 'target_year'] as const).map((name) => (
              <Field
                key={name}
                label={t(`kpi.field.${name}`)}
                htmlFor={`target-${name}`}
                errors={errors('target', name)}
                errorId={`target-${name}-error`}
              >
                <input
                  id={`target-${name}`}
                  name={name}
                  inputMode="decimal"
                  aria-invalid={errors('target', name) ? true : undefined}
                  aria-describedby={errors('target', name) ? `target-${name}-error` : undefined}
                />
              </Field>
            ))}
            <button type="submit">{t('kpi.page.save')}</button>
          </fieldset>
        </Form>
      ) : null}

      <h2>{t('kpi.page.items')}</h2>
      {kpi.items.length === 0 ? (
        <p className="muted">{t('kpi.page.noItems')}</p>
      ) : (
        <ul>
          {kpi.items.map((item) => (
            <li key={item.ref}>
              <Link to={`/items/${encodeURIComponent(item.ref)}`}>
                {item.ref} {item.title_en}
              </Link>
              {canLink ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="unlink" />
                  <input type="hidden" name="ref" value={item.ref} />{' '}
                  <button type="submit" className="link-button">
                    {t('kpi.page.unlink', { ref: item.ref })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canLink ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="link" />
          <Field
            label={t('kpi.field.item')}
            htmlFor="link-ref"
            errors={errors('link', 'ref')}
            errorId="link-ref-error"
          >
            <input
              id="link-ref"
              name="ref"
              required
              aria-invalid={errors('link', 'ref') ? true : undefined}
              aria-describedby={errors('link', 'ref') ? 'link-ref-error' : undefined}
            />
          </Field>
          <button type="submit">{t('kpi.page.link')}</button>
        </Form>
      ) : null}
    </section>
  )
}
