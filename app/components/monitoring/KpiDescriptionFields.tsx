import { useTranslation } from 'react-i18next'
import { Field } from '~/components/forms'
import { DIRECTIONS, FREQUENCIES, type Direction, type Frequency } from '~/monitoring/codes'

const NAME_FIELDS = ['name_en', 'name_zh', 'name_ru', 'unit'] as const
const BODY_FIELDS = ['responsible', 'supporting'] as const

export type KpiDescription = {
  name_en: string
  name_zh: string
  name_ru: string
  unit: string
  direction: Direction
  frequency: Frequency
  responsible: string
  supporting: string
}

/**
 * What describes a KPI, asked the same way when the secretariat adds one and when it corrects
 * one: names in the three languages, unit, direction, frequency and the bodies.
 */
export function KpiDescriptionFields({
  idPrefix,
  values,
  errorsFor,
}: {
  idPrefix: string
  values?: KpiDescription
  errorsFor: (name: string) => string[] | undefined
}) {
  const { t } = useTranslation()
  const id = (name: string) => `${idPrefix}-${name}`
  return (
    <>
      {NAME_FIELDS.map((name) => (
        <Field
          key={name}
          label={t(`kpi.field.${name}`)}
          htmlFor={id(name)}
          errors={errorsFor(name)}
          errorId={id(`${name}-error`)}
        >
          <input
            id={id(name)}
            name={name}
            defaultValue={values?.[name]}
            required={name === 'name_en'}
            aria-invalid={errorsFor(name) ? true : undefined}
            aria-describedby={errorsFor(name) ? id(`${name}-error`) : undefined}
          />
        </Field>
      ))}
      <Field
        label={t('kpi.field.direction')}
        htmlFor={id('direction')}
        errors={errorsFor('direction')}
        errorId={id('direction-error')}
      >
        <select id={id('direction')} name="direction" defaultValue={values?.direction}>
          {DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {t(`kpi.direction.${d}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('kpi.field.frequency')}
        htmlFor={id('frequency')}
        errors={errorsFor('frequency')}
        errorId={id('frequency-error')}
      >
        <select id={id('frequency')} name="frequency" defaultValue={values?.frequency}>
          {FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {t(`kpi.frequency.${f}`)}
            </option>
          ))}
        </select>
      </Field>
      {BODY_FIELDS.map((name) => (
        <Field
          key={name}
          label={t(`kpi.field.${name}`)}
          htmlFor={id(name)}
          hint={t('kpi.field.bodiesHint')}
          hintId={id(`${name}-hint`)}
          errors={errorsFor(name)}
          errorId={id(`${name}-error`)}
        >
          <textarea
            id={id(name)}
            name={name}
            rows={3}
            defaultValue={values?.[name]}
            aria-describedby={id(`${name}-hint`)}
          />
        </Field>
      ))}
    </>
  )
}
