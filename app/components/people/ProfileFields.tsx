import { useTranslation } from 'react-i18next'
import { Field } from '~/components/forms'
import { LANGUAGE_NAMES } from '~/i18n/languages'
import { PREFERRED_LANGUAGES } from '~/people/schema'

/** A person's name and preferred language: what accepting an invitation and the account page both ask. */
export function ProfileFields({
  idPrefix = '',
  name,
  language,
  nameErrors,
}: {
  /** keeps ids unique when the page holds other forms */
  idPrefix?: string
  name: string
  /** the stored preference; a language no longer offered falls back to the select's first option */
  language: string
  nameErrors?: string[] | undefined
}) {
  const { t } = useTranslation()
  const nameId = `${idPrefix}name`
  const languageId = `${idPrefix}language`
  const invalid = Boolean(nameErrors?.length)
  return (
    <>
      <Field label={t('people.name')} htmlFor={nameId} errors={nameErrors} errorId={`${nameId}-error`}>
        <input
          id={nameId}
          name="name"
          defaultValue={name}
          autoComplete="name"
          required
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${nameId}-error` : undefined}
        />
      </Field>
      <Field label={t('people.language')} htmlFor={languageId} errorId={`${languageId}-error`}>
        <select id={languageId} name="language" defaultValue={language}>
          {PREFERRED_LANGUAGES.map((option) => (
            <option key={option} value={option}>
              {LANGUAGE_NAMES[option]}
            </option>
          ))}
        </select>
      </Field>
    </>
  )
}
