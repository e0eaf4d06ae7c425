import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { translateMessage } from '~/i18n/message'

/** Errors of one field, translated, announced to screen readers, linked to the control by id. */
export function ErrorList({ id, errors }: { id: string; errors?: string[] | undefined }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <div id={id} className="field-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{translateMessage(t, error)}</p>
      ))}
    </div>
  )
}

export function Field({
  label,
  htmlFor,
  hint,
  hintId,
  errors,
  errorId,
  children,
}: {
  label: string
  htmlFor: string
  hint?: string
  hintId?: string
  errors?: string[] | undefined
  errorId: string
  children: ReactNode
}) {
  return (
    <div className={errors?.length ? 'field invalid' : 'field'}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}
