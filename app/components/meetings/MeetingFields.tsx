import { getInputProps, getSelectProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { Field } from '~/components/forms'
import { MEETING_BODIES } from '~/meetings/schema'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any>

const described = (field: Meta) => (field.errors?.length ? field.errorId : undefined)

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
      <Field
        label={t('meetings.form.title')}
        htmlFor={fields.title.id}
        errors={fields.title.errors}
        errorId={fields.title.errorId}
      >
        <input
          {...getInputProps(fields.title, { type: 'text' })}
          aria-describedby={described(fields.title)}
        />
      </Field>
      {fixed ? (
        <>
          <input type="hidden" name="body" value={fixed.body} />
          <input type="hidden" name="meeting_date" value={fixed.meeting_date} />
        </>
      ) : (
        <>
          <Field
            label={t('meetings.body.label')}
            htmlFor={fields.body.id}
            errors={fields.body.errors}
            errorId={fields.body.errorId}
          >
            <select {...getSelectProps(fields.body)} aria-describedby={described(fields.body)}>
              {choose ? <option value="">{t('meetings.form.choose')}</option> : null}
              {MEETING_BODIES.map((body) => (
                <option key={body} value={body}>
                  {t(`meetings.body.${body}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('meetings.form.date')}
            htmlFor={fields.meeting_date.id}
            errors={fields.meeting_date.errors}
            errorId={fields.meeting_date.errorId}
          >
            <input
              {...getInputProps(fields.meeting_date, { type: 'date' })}
              aria-describedby={described(fields.meeting_date)}
            />
          </Field>
        </>
      )}
      <Field
        label={t('meetings.form.place')}
        htmlFor={fields.place.id}
        errors={fields.place.errors}
        errorId={fields.place.errorId}
      >
        <input
          {...getInputProps(fields.place, { type: 'text' })}
          aria-describedby={described(fields.place)}
        />
      </Field>
    </>
  )
}
