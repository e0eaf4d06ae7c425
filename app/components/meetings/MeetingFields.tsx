import { getInputProps, getSelectProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { Field } from '~/components/forms'
import { MEETING_BODIES } from '~/meetings/schema'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any>

/**
 * A meeting's details, as creating and editing one both ask them. `fixed` keeps the body and date
 * as they are (an open meeting's; only its title and place can be corrected); `choose` starts the
 * body list with "Choose" (a new meeting has none yet).
 */
export function MeetingFields({
  fields,
  fixed,
  choose = false,
}: {
  fields: { title: Meta; body: Meta; meeting_date: Meta; place: Meta }
  fixed?: { body: string; meeting_date: string }
  choose?: boolean
}) {
  const { t } = useTranslation()
  return (
    <>
      <Field field={fields.title} label={t('form.required', { label: t('meetings.form.title') })}>
        <input {...getInputProps(fields.title, { type: 'text' })} />
      </Field>
      {fixed ? (
        <>
          <input type="hidden" name="body" value={fixed.body} />
          <input type="hidden" name="meeting_date" value={fixed.meeting_date} />
        </>
      ) : (
        <>
          <Field field={fields.body} label={t('form.required', { label: t('meetings.body.label') })}>
            <select {...getSelectProps(fields.body)}>
              {choose ? <option value="">{t('meetings.form.choose')}</option> : null}
              {MEETING_BODIES.map((body) => (
                <option key={body} value={body}>
                  {t(`meetings.body.${body}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field field={fields.meeting_date} label={t('form.required', { label: t('meetings.form.date') })}>
            <input {...getInputProps(fields.meeting_date, { type: 'date' })} />
          </Field>
        </>
      )}
      <Field field={fields.place} label={t('form.required', { label: t('meetings.form.place') })}>
        <input {...getInputProps(fields.place, { type: 'text' })} />
      </Field>
    </>
  )
}
