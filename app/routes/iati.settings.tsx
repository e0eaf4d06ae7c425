import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field } from '~/components/forms'
import { config } from '~/config.server'
import { getDb } from '~/db.server'
import { ORGANISATION_TYPES } from '~/iati/codelists'
import { CURRENCIES, PublisherForm } from '~/iati/publisher'
import { getPublisher, listAreaCodes, saveAreaCodes, savePublisher } from '~/iati/publisher.server'
import { LANGUAGE_NAMES, LANGUAGES } from '~/i18n/languages'
import { translateMessage } from '~/i18n/message'
import { pageTitle } from '~/i18n/meta'
import { forbidden, guard } from '~/permissions/guard.server'
import { nowIso } from '~/portfolio/items.server'

// The IATI publisher settings and the areas' DAC purpose codes, for the secretariat (issue 12).
// Until saved, the form starts from the configuration's IATI_* values.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'iatiExport.settings.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'iati:manage')
  const db = await getDb()
  const [{ publisher, stored }, areas] = await Promise.all([getPublisher(db, config()), listAreaCodes(db)])
  return { publisher, stored, areas }
}

const AREA_FIELD = /^area:(.+)$/

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'iati:manage')
  const formData = await request.formData()
  const db = await getDb()
  if (formData.get('intent') === 'areas') {
    const codes: Record<string, string> = {}
    for (const [name, value] of formData) {
      const id = AREA_FIELD.exec(name)?.[1]
      if (id && typeof value === 'string') codes[id] = value
    }
    const outcome = await saveAreaCodes(db, user, codes)
    if (outcome.kind === 'forbidden') forbidden(outcome.action)
    if (outcome.kind === 'invalid')
      return data({ result: null, areaErrors: outcome.errors, codes }, { status: 400 })
    throw redirect('/iati/settings?done=areas#areas')
  }
  const submission = parseWithZod(formData, { schema: PublisherForm })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), areaErrors: null, codes: null }, { status: 400 })
  const outcome = await savePublisher(db, user, submission.value, nowIso())
  if (outcome.kind === 'forbidden') forbidden(outcome.action)
  throw redirect('/iati/settings?done=publisher')
}

export default function IatiSettings() {
  const { t } = useTranslation()
  const { publisher, stored, areas } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('done')
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult: answer?.result,
    defaultValue: {
      org_ref: publisher.org_ref,
      org_name_en: publisher.org_name.en ?? '',
      org_name_ru: publisher.org_name.ru ?? '',
      org_name_zh: publisher.org_name.zh ?? '',
      org_type: publisher.org_type,
      activity_prefix: publisher.activity_prefix,
      default_currency: publisher.default_currency,
      default_language: publisher.default_language,
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublisherForm }),
  })
  const textField = (
    name: 'org_ref' | 'org_name_en' | 'org_name_ru' | 'org_name_zh' | 'activity_prefix',
    required: boolean,
    hint?: string,
  ) => {
    const field = fields[name]
    const label = t(`iatiExport.settings.${name}`)
    return (
      <Field label={required ? t('form.required', { label }) : label} field={field} hint={hint}>
        <input
          {...getInputProps(field, { type: 'text' })}
          lang={name === 'org_name_ru' ? 'ru' : name === 'org_name_zh' ? 'zh-Hans' : undefined}
          className="wide"
        />
      </Field>
    )
  }
  return (
    <section className="iati-settings">
      <p>
        <Link to="/iati">{t('iatiExport.settings.back')}</Link>
      </p>
      <h1>{t('iatiExport.settings.title')}</h1>
      <p className="muted">{t('iatiExport.settings.intro')}</p>
      {done ? (
        <p className="notice" role="status">
          {t(done === 'areas' ? 'iatiExport.settings.areasSaved' : 'iatiExport.settings.saved')}
        </p>
      ) : null}
      {!stored ? <p className="notice">{t('iatiExport.settings.fromConfig')}</p> : null}
      <Form method="post" {...getFormProps(form)} noValidate className="stack">
        <input type="hidden" name="intent" value="publisher" />
        <ErrorList id={form.errorId} errors={form.errors} />
        {textField('org_ref', true, t('iatiExport.settings.org_refHint'))}
        {textField('org_name_en', true)}
        {textField('org_name_ru', false)}
        {textField('org_name_zh', false)}
        <Field
          field={fields.org_type}
          label={t('form.required', { label: t('iatiExport.settings.org_type') })}
        >
          <select {...getSelectProps(fields.org_type)}>
            <option value="">{t('form.none')}</option>
            {ORGANISATION_TYPES.map((code) => (
              <option key={code} value={code}>
                {code} {t(`iatiExport.orgType.${code}`)}
              </option>
            ))}
          </select>
        </Field>
        {textField('activity_prefix', true, t('iatiExport.settings.activity_prefixHint'))}
        <Field field={fields.default_currency} label={t('iatiExport.settings.default_currency')}>
          <select {...getSelectProps(fields.default_currency)}>
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </Field>
        <Field field={fields.default_language} label={t('iatiExport.settings.default_language')}>
          <select {...getSelectProps(fields.default_language)}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('iatiExport.settings.save')}
        </button>
      </Form>

      <section className="panel" aria-labelledby="areas">
        <h2 id="areas">{t('iatiExport.settings.areasTitle')}</h2>
        <p className="muted">{t('iatiExport.settings.areasIntro')}</p>
        {answer?.areaErrors ? (
          <p className="form-error" role="alert">
            {t('iatiExport.settings.areasInvalid')}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="areas" />
          <div className="table-wrap">
            <table className="items">
              <thead>
                <tr>
                  <th scope="col">{t('iatiExport.settings.area')}</th>
                  <th scope="col">{t('iatiExport.settings.code')}</th>
                </tr>
              </thead>
              <tbody>
                {areas.map((area) => {
                  const error = answer?.areaErrors?.[area.id]
                  const id = `area-${area.id}`
                  return (
                    <tr key={area.id}>
                      <th scope="row">
                        <label htmlFor={id}>{area.name}</label>
                        <br />
                        <span className="muted">{area.pillar}</span>
                      </th>
                      <td className={error ? 'invalid' : undefined}>
                        <input
                          id={id}
                          name={`area:${area.id}`}
                          defaultValue={answer?.codes?.[area.id] ?? area.dac_code ?? ''}
                          inputMode="numeric"
                          size={6}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                        />
                        {error ? (
                          <p className="field-errors" id={`${id}-error`}>
                            {translateMessage(t, error)}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <button type="submit" disabled={busy}>
            {t('iatiExport.settings.saveAreas')}
          </button>
        </Form>
      </section>
    </section>
  )
}
