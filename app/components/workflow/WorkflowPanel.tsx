import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field } from '~/components/forms'
import { refusalMessage } from '~/workflow/messages'
import { transitionFormFor } from '~/workflow/schema'
import type {
  AvailableTransition,
  Requirement,
  TransitionName,
  TransitionRefusal,
} from '~/workflow/transitions'
import type { Status } from '~/portfolio/codes'

/** What the item page's action answers when a move was not made. */
export interface TransitionFeedback {
  /** the status the refused form asked for: its form shows the field errors */
  to: string
  result: SubmissionResult<string[]>
  /** a refusal other than a missing reason (someone else moved the item meanwhile, ...) */
  refusal: TransitionRefusal | null
  stale?: boolean
}

/**
 * The moves the signed-in user may make now, one small form each: a button, and a reason box
 * where the move needs one. Refusals from the server show here; a missing reason beside its box.
 */
export function WorkflowPanel({
  transitions,
  blocked,
  feedback,
  status,
}: {
  /** the item's status: under review, the page says how endorsement is made */
  status?: string
  transitions: AvailableTransition[]
  blocked: Array<{ name: TransitionName; to: string; requirement: Requirement }>
  feedback: TransitionFeedback | null | undefined
}) {
  const { t } = useTranslation()
  const alert = feedback?.refusal
    ? refusalMessage(t, feedback.refusal)
    : feedback?.stale
      ? t('workflow.stale')
      : null
  return (
    <div className="workflow-actions">
      {alert ? (
        <p className="form-error" role="alert">
          {alert}
        </p>
      ) : null}
      {transitions.length ? (
        <ul className="transitions plain" aria-label={t('workflow.actions')}>
          {transitions.map((transition) => (
            <li key={transition.name}>
              <TransitionForm
                transition={transition}
                lastResult={
                  feedback && !feedback.refusal && feedback.to === transition.to ? feedback.result : null
                }
              />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('workflow.none')}</p>
      )}
      {status === 'under_review' ? <p className="muted">{t('procedures.endorseHint')}</p> : null}
      {blocked.map((b) => (
        <p key={b.name} className="muted">
          {t('workflow.blocked', {
            action: t(`workflow.action.${b.name}`, { status: t(`status.${b.to as Status}`) }),
            why: t(`workflow.requirement.${b.requirement}`),
          })}
        </p>
      ))}
    </div>
  )
}

function TransitionForm({
  transition,
  lastResult,
}: {
  transition: AvailableTransition
  lastResult: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('to') === transition.to
  const [form, fields] = useForm({
    id: `transition-${transition.name}`,
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: transitionFormFor(transition.reasonRequired) }),
  })
  const label = t(`workflow.action.${transition.name}`, { status: t(`status.${transition.to}`) })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className={transition.reasonRequired ? 'transition with-reason' : 'transition'}
      noValidate
    >
      <input type="hidden" name="to" value={transition.to} />
      {transition.reasonRequired ? (
        <Field
          field={fields.reason}
          label={t('form.required', { label: t(`workflow.reason.${transition.name}`) })}
        >
          <textarea {...getTextareaProps(fields.reason)} rows={2} className="wide" aria-required="true" />
        </Field>
      ) : null}
      <button type="submit" className={transition.name === 'drop' ? 'danger' : undefined} disabled={busy}>
        {label}
      </button>
    </Form>
  )
}
