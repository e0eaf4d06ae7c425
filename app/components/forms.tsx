import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react'
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

/** What a form library's field (conform's metadata) brings to its wrapper. */
export interface FieldRef {
  id: string
  errorId: string
  errors?: string[] | undefined
}

type FieldProps = { label: string; hint?: string; children: ReactNode } & (
  | { field: FieldRef }
  | { htmlFor: string; hintId?: string; errors?: string[] | undefined; errorId: string }
)

/**
 * A labelled control with its hint and errors. Given a `field`, the ids come from it and a single
 * control child is described by the hint and the errors (merged with what it already names), so a
 * form names each field once and no control is left unlinked from its message.
 */
export function Field(props: FieldProps) {
  const { label, hint, children } = props
  const ref: FieldRef & { hintId?: string | undefined } =
    'field' in props
      ? // read one by one: conform's field is a proxy with no own keys, so spreading it gives {}
        {
          id: props.field.id,
          errorId: props.field.errorId,
          errors: props.field.errors,
          hintId: hint ? `${props.field.id}-hint` : undefined,
        }
      : { id: props.htmlFor, errorId: props.errorId, errors: props.errors, hintId: props.hintId }
  const invalid = Boolean(ref.errors?.length)
  const control =
    'field' in props && isValidElement(children)
      ? describe(children, [ref.hintId, invalid ? ref.errorId : undefined])
      : children
  return (
    <div className={invalid ? 'field invalid' : 'field'}>
      <label htmlFor={ref.id}>{label}</label>
      {control}
      {hint ? (
        <p className="hint" id={ref.hintId}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={ref.errorId} errors={ref.errors} />
    </div>
  )
}

function describe(control: ReactElement, ids: Array<string | undefined>) {
  const own = (control.props as { 'aria-describedby'?: string })['aria-describedby']
  const all = new Set([...(own ?? '').split(' '), ...ids].filter((id): id is string => Boolean(id)))
  return cloneElement(control as ReactElement<{ 'aria-describedby'?: string }>, {
    'aria-describedby': all.size ? [...all].join(' ') : undefined,
  })
}

/**
 * A filter's label and its control, kept together (`.filter-field`): at a phone's width a filter
 * row wraps between filters, never between a label and what it labels.
 */
export function FilterField({
  htmlFor,
  label,
  children,
}: {
  htmlFor: string
  label: string
  children: ReactNode
}) {
  return (
    <span className="filter-field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
    </span>
  )
}
