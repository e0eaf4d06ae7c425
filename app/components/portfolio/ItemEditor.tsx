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
    shouldValidate: 'onSubmit',
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
          field={fields.ref}
          label={t('form.required', { label: t('field.ref') })}
          hint={t('form.refHint')}
        >
          <input {...text('ref')} autoComplete="off" />
        </Field>
        <Field field={fields.title_en} label={t('field.title_en')} hint={t('form.titleHint')}>
          <input {...text('title_en')} lang="en" className="wide" />
        </Field>
        <Field field={fields.title_zh} label={t('field.title_zh')}>
          <input {...text('title_zh')} lang="zh-Hans" className="wide" />
        </Field>
        <Field field={fields.title_ru} label={t('field.title_ru')}>
          <input {...text('title_ru')} lang="ru" className="wide" />
        </Field>
        <Field field={fields.description_en} label={t('field.description_en')}>
          <textarea {...getTextareaProps(fields.description_en)} rows={4} className="wide" />
        </Field>
        <Field field={fields.description_ru} label={t('field.description_ru')}>
          <textarea {...getTextareaProps(fields.description_ru)} lang="ru" rows={4} className="wide" />
        </Field>
        <Field field={fields.description_zh} label={t('field.description_zh')}>
          <textarea {...getTextareaProps(fields.description_zh)} lang="zh-Hans" rows={4} className="wide" />
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('item.classification')}</legend>
        <Field field={fields.strategy_id} label={t('form.required', { label: t('field.strategy') })}>
          <select {...getSelectProps(fields.strategy_id)}>
            <option value="">{t('form.none')}</option>
            {taxonomy.strategies.map((s) => (
              <option key={s.id} value={s.id}>
                {name('strategy', s.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field field={fields.pillar_id} label={t('field.pillar')}>
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
        <Field field={fields.area_id} label={t('field.area')}>
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
        <Field field={fields.dac_code} label={t('field.dac_code')} hint={t('iatiExport.dacCodeHint')}>
          <input {...text('dac_code')} inputMode="numeric" size={6} />
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
                {t('punctuation.aside', {
                  text: t(`country.${props.value as CountryCode}`),
                  aside: props.value,
                })}
              </label>
            ),
          )}
          <ErrorList id={fields.proposers.errorId} errors={fields.proposers.errors} />
        </fieldset>
        <p className="hint">{t('form.statusNote')}</p>
        <div className="pair">
          <Field field={fields.start_year} label={t('field.start_year')}>
            <input {...text('start_year')} inputMode="numeric" size={6} />
          </Field>
          <Field field={fields.end_year} label={t('field.end_year')}>
            <input {...text('end_year')} inputMode="numeric" size={6} />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('item.funding')}</legend>
        <div className="pair">
          <Field field={fields.cost_usd_m} label={t('field.cost_usd_m')} hint={t('form.amountHint')}>
            <input {...text('cost_usd_m')} inputMode="decimal" size={12} />
          </Field>
          <Field field={fields.secured_usd_m} label={t('field.secured_usd_m')} hint={t('form.amountHint')}>
            <input {...text('secured_usd_m')} inputMode="decimal" size={12} />
          </Field>
        </div>
        <fieldset className="sources">
          <legend>{t('item.financingSources')}</legend>
          <p className="hint" id={`${form.id}-sources-hint`}>
            {t('form.sourcesHint')}
          </p>
          <div className="triple">
            {SOURCE_FIELDS.map((name) => (
              <Field key={name} field={fields[name]} label={t(`field.${name}`)}>
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
        <Field field={fields.partners} label={t('field.partners')} hint={t('form.partnersHint')}>
          <input {...text('partners')} className="wide" />
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('item.priority')}</legend>
        <div className="pair">
          {(['strategic_importance', 'ease_of_implementation'] as const).map((name) =>
            canSetScores ? (
              <Field key={name} field={fields[name]} label={t(`field.${name}`)}>
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
                {t('punctuation.labelled', {
                  label: t(`field.${name}`),
                  value: defaultValue[name] ? String(defaultValue[name]) : t('form.none'),
                })}
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
