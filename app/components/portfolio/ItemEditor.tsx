import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field } from '~/components/forms'
import { useShowValue } from '~/components/portfolio/field-values'
import { amountsToInput } from '~/i18n/amount-input'
import { formatUtc } from '~/i18n/format'
import { COUNTRY_CODES, MODALITIES, type CountryCode, type Modality } from '~/portfolio/codes'
import type { EditableField } from '~/portfolio/item-view'
import { parseItemForm, SOURCE_FIELDS, type ItemFormInput } from '~/portfolio/schema'
import type { Taxonomy } from '~/portfolio/taxonomy.server'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'

export interface ConflictInfo {
  version: number
  who: string | null
  when: string
  changes: Array<{ field: string; before: unknown; after: unknown }>
}

/** The create/edit form: validated by ItemForm (parseItemForm) as the user types and again by the action. */
export function ItemEditor({
  taxonomy,
  defaultValue,
  lastResult,
  conflict,
  baseline,
  cancelTo,
  canSetScores = true,
}: {
  taxonomy: Taxonomy
  defaultValue: ItemFormInput
  lastResult?: SubmissionResult<string[]> | null
  conflict?: ConflictInfo | null
  baseline?: string
  cancelTo: string
  /** the direct scores are the secretariat's (app/permissions score:set-direct); others see them */
  canSetScores?: boolean
}) {
  const { t, i18n } = useTranslation()
  const name = useTaxonomyName()
  const location = useLocation()
  const reloadHref = location.pathname + location.search
  const busy = useNavigation().state === 'submitting'
  const showValue = useShowValue()
  // A refused save must be seen where the user is: bring the notice into view and focus it.
  const conflictRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (conflict) conflictRef.current?.focus()
  }, [conflict])
  const [form, fields] = useForm({
    lastResult,
    defaultValue: amountsToInput(defaultValue, i18n.language),
    constraint: undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseItemForm(formData, i18n.language),
  })
  type TextField =
    | 'ref'
    | 'title_en'
    | 'title_zh'
    | 'title_ru'
    | 'start_year'
    | 'end_year'
    | 'cost_usd_m'
    | 'secured_usd_m'
    | 'partners'
    | 'dac_code'
    | (typeof SOURCE_FIELDS)[number]
  // One helper for all text-like inputs; the union of their metadata types is too wide for conform's overloads.
  const text = (name: TextField) => getInputProps(fields[name] as FieldMetadata<string>, { type: 'text' })
  // Inputs with a hint point screen readers at it as well as at any error.
  const hinted = (name: TextField) => {
    const field = fields[name]
    return {
      ...text(name),
      'aria-describedby': [`${field.id}-hint`, field.errors?.length ? field.errorId : '']
        .filter(Boolean)
        .join(' '),
    }
  }
  // `fields` is a proxy with no own keys (Object.values(fields) is always empty); allErrors lists
  // every field's errors by name, '' being the form's own.
  const hasFieldErrors = Object.entries(form.allErrors).some(
    ([name, errors]) => name !== '' && errors.length > 0,
  )

  return (
    <Form method="post" {...getFormProps(form)} className="item-form" noValidate>
      {conflict ? (
        <div className="notice conflict" role="alert" tabIndex={-1} ref={conflictRef}>
          <p>
            {t('form.conflict', {
              version: conflict.version,
              who: conflict.who ?? '—',
              when: formatUtc(conflict.when, i18n.language),
            })}
          </p>
          {conflict.changes.length ? (
            <table>
              <caption>{t('form.conflictChanges')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('form.conflictField')}</th>
                  <th scope="col">{t('form.conflictBefore')}</th>
                  <th scope="col">{t('form.conflictAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {conflict.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{t(`field.${c.field as EditableField}`)}</th>
                    <td>{showValue(c.field, c.before)}</td>
                    <td>{showValue(c.field, c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('form.conflictNoDetail')}</p>
          )}
          <p className="actions">
            <button type="submit" name={fields.overwrite_version.name} value={conflict.version}>
              {t('form.overwrite')}
            </button>
            <a href={reloadHref} className="button">
              {t('form.reload')}
            </a>
          </p>
        </div>
      ) : form.errors?.length ? (
        <ErrorList id={form.errorId} errors={form.errors} />
      ) : hasFieldErrors && lastResult ? (
        <p className="form-error" role="alert">
          {t('form.fixErrors')}
        </p>
      ) : null}

      <input {...getInputProps(fields.version, { type: 'hidden' })} />
      {baseline ? <input type="hidden" name="baseline" value={baseline} /> : null}

      <fieldset>
        <legend>{t('form.identity')}</legend>
        <Field
          label={t('form.required', { label: t('field.ref') })}
          htmlFor={fields.ref.id}
          hint={t('form.refHint')}
          hintId={`${fields.ref.id}-hint`}
          errors={fields.ref.errors}
          errorId={fields.ref.errorId}
        >
          <input {...hinted('ref')} autoComplete="off" />
        </Field>
        <Field
          label={t('field.title_en')}
          htmlFor={fields.title_en.id}
          hint={t('form.titleHint')}
          hintId={`${fields.title_en.id}-hint`}
          errors={fields.title_en.errors}
          errorId={fields.title_en.errorId}
        >
          <input {...hinted('title_en')} lang="en" className="wide" />
        </Field>
        <Field
          label={t('field.title_zh')}
          htmlFor={fields.title_zh.id}
          errors={fields.title_zh.errors}
          errorId={fields.title_zh.errorId}
        >
          <input {...text('title_zh')} lang="zh-Hans" className="wide" />
        </Field>
        <Field
          label={t('field.title_ru')}
          htmlFor={fields.title_ru.id}
          errors={fields.title_ru.errors}
          errorId={fields.title_ru.errorId}
        >
          <input {...text('title_ru')} lang="ru" className="wide" />
        </Field>
        <Field
          label={t('field.description_en')}
          htmlFor={fields.description_en.id}
          errors={fields.description_en.errors}
          errorId={fields.description_en.errorId}
        >
          <textarea {...getTextareaProps(fields.description_en)} rows={4} className="wide" />
        </Field>
        <Field
          label={t('field.description_ru')}
          htmlFor={fields.description_ru.id}
          errors={fields.description_ru.errors}
          errorId={fields.description_ru.errorId}
        >
          <textarea {...getTextareaProps(fields.description_ru)} lang="ru" rows={4} className="wide" />
        </Field>
        <Field
          label={t('field.description_zh')}
          htmlFor={fields.description_zh.id}
          errors={fields.description_zh.errors}
          errorId={fields.description_zh.errorId}
        >
          <textarea {...getTextareaProps(fields.description_zh)} lang="zh-Hans" rows={4} className="wide" />
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('item.classification')}</legend>
        <Field
          label={t('form.required', { label: t('field.strategy') })}
          htmlFor={fields.strategy_id.id}
          errors={fields.strategy_id.errors}
          errorId={fields.strategy_id.errorId}
        >
          <select {...getSelectProps(fields.strategy_id)}>
            <option value="">{t('form.none')}</option>
            {taxonomy.strategies.map((s) => (
              <option key={s.id} value={s.id}>
                {name('strategy', s.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('field.pillar')}
          htmlFor={fields.pillar_id.id}
          errors={fields.pillar_id.errors}
          errorId={fields.pillar_id.errorId}
        >
          <select {...getSelectProps(fields.pillar_id)}>
            <option value="">{t('form.none')}</option>
            {taxonomy.strategies.map((s) => (
              <optgroup key={s.id} label={name('strategy', s.name)}>
                {s.pillars.map((p) => (
                  <option key={p.id} value={p.id}>
                    {name('pillar', p.name)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field
          label={t('field.area')}
          htmlFor={fields.area_id.id}
          errors={fields.area_id.errors}
          errorId={fields.area_id.errorId}
        >
          <select {...getSelectProps(fields.area_id)}>
            <option value="">{t('form.none')}</option>
            {taxonomy.strategies.flatMap((s) =>
              s.pillars.map((p) => (
                <optgroup key={p.id} label={`${name('strategy', s.name)} › ${name('pillar', p.name)}`}>
                  {p.areas.map((a) => (
                    <option key={a.id} value={a.id}>
                      {name('area', a.name)}
                    </option>
                  ))}
                </optgroup>
              )),
            )}
          </select>
        </Field>
        <Field
          label={t('field.dac_code')}
          htmlFor={fields.dac_code.id}
          hint={t('iatiExport.dacCodeHint')}
          hintId={`${fields.dac_code.id}-hint`}
          errors={fields.dac_code.errors}
          errorId={fields.dac_code.errorId}
        >
          <input {...hinted('dac_code')} inputMode="numeric" size={6} />
        </Field>
        <fieldset
          className="checks"
          aria-describedby={fields.modalities.errors?.length ? fields.modalities.errorId : undefined}
        >
          <legend>{t('field.modalities')}</legend>
          {getCollectionProps(fields.modalities, { type: 'checkbox', options: [...MODALITIES] }).map(
            (props) => (
              <label key={props.key} className="check">
                <input
                  {...props}
                  key={props.key}
                  aria-invalid={fields.modalities.errors?.length ? true : undefined}
                  aria-describedby={fields.modalities.errors?.length ? fields.modalities.errorId : undefined}
                />
                {t(`modality.${props.value as Modality}`)}
              </label>
            ),
          )}
          <ErrorList id={fields.modalities.errorId} errors={fields.modalities.errors} />
        </fieldset>
        <fieldset
          className="checks countries"
          aria-describedby={fields.proposers.errors?.length ? fields.proposers.errorId : undefined}
        >
          <legend>{t('form.required', { label: t('field.proposers') })}</legend>
          {getCollectionProps(fields.proposers, { type: 'checkbox', options: [...COUNTRY_CODES] }).map(
            (props) => (
              <label key={props.key} className="check">
                <input
                  {...props}
                  key={props.key}
                  aria-invalid={fields.proposers.errors?.length ? true : undefined}
                  aria-describedby={fields.proposers.errors?.length ? fields.proposers.errorId : undefined}
                />
                {t(`country.${props.value as CountryCode}`)} ({props.value})
              </label>
            ),
          )}
          <ErrorList id={fields.proposers.errorId} errors={fields.proposers.errors} />
        </fieldset>
        <p className="hint">{t('form.statusNote')}</p>
        <div className="pair">
          <Field
            label={t('field.start_year')}
            htmlFor={fields.start_year.id}
            errors={fields.start_year.errors}
            errorId={fields.start_year.errorId}
          >
            <input {...text('start_year')} inputMode="numeric" size={6} />
          </Field>
          <Field
            label={t('field.end_year')}
            htmlFor={fields.end_year.id}
            errors={fields.end_year.errors}
            errorId={fields.end_year.errorId}
          >
            <input {...text('end_year')} inputMode="numeric" size={6} />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('item.funding')}</legend>
        <div className="pair">
          <Field
            label={t('field.cost_usd_m')}
            htmlFor={fields.cost_usd_m.id}
            hint={t('form.amountHint')}
            hintId={`${fields.cost_usd_m.id}-hint`}
            errors={fields.cost_usd_m.errors}
            errorId={fields.cost_usd_m.errorId}
          >
            <input {...hinted('cost_usd_m')} inputMode="decimal" size={12} />
          </Field>
          <Field
            label={t('field.secured_usd_m')}
            htmlFor={fields.secured_usd_m.id}
            hint={t('form.amountHint')}
            hintId={`${fields.secured_usd_m.id}-hint`}
            errors={fields.secured_usd_m.errors}
            errorId={fields.secured_usd_m.errorId}
          >
            <input {...hinted('secured_usd_m')} inputMode="decimal" size={12} />
          </Field>
        </div>
        <fieldset className="sources">
          <legend>{t('item.financingSources')}</legend>
          <p className="hint" id={`${form.id}-sources-hint`}>
            {t('form.sourcesHint')}
          </p>
          <div className="triple">
            {SOURCE_FIELDS.map((name) => (
              <Field
                key={name}
                label={t(`field.${name}`)}
                htmlFor={fields[name].id}
                errors={fields[name].errors}
                errorId={fields[name].errorId}
              >
                <input
                  {...text(name)}
                  aria-describedby={[
                    `${form.id}-sources-hint`,
                    fields[name].errors?.length ? fields[name].errorId : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  inputMode="decimal"
                  size={12}
                />
              </Field>
            ))}
          </div>
        </fieldset>
        <Field
          label={t('field.partners')}
          htmlFor={fields.partners.id}
          hint={t('form.partnersHint')}
          hintId={`${fields.partners.id}-hint`}
          errors={fields.partners.errors}
          errorId={fields.partners.errorId}
        >
          <input {...hinted('partners')} className="wide" />
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('item.priority')}</legend>
        <div className="pair">
          {(['strategic_importance', 'ease_of_implementation'] as const).map((name) =>
            canSetScores ? (
              <Field
                key={name}
                label={t(`field.${name}`)}
                htmlFor={fields[name].id}
                errors={fields[name].errors}
                errorId={fields[name].errorId}
              >
                <select {...getSelectProps(fields[name])}>
                  <option value="">{t('form.none')}</option>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </Field>
            ) : (
              <p key={name}>
                {t(`field.${name}`)}: {defaultValue[name] ? String(defaultValue[name]) : t('form.none')}
                <input type="hidden" name={fields[name].name} value="" />
              </p>
            ),
          )}
        </div>
        {canSetScores ? null : <p className="hint">{t('validation.directScoresSecretariat')}</p>}
      </fieldset>

      <p className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('form.save')}
        </button>
        <Link to={cancelTo}>{t('form.cancel')}</Link>
      </p>
    </Form>
  )
}
