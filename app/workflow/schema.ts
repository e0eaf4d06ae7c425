import { z } from 'zod'
import { STATUSES } from '../portfolio/codes'
import { freeText } from '../portfolio/field-kinds'

// What a transition request carries, from the item page's forms and from the JSON API. Whether
// a reason is required is the transition table's business (transitions.ts), checked again on the
// server; the forms also check it as the user types (transitionFormFor).

export const REASON_MAX = 2000

/** The same text rule as an item's text fields: line breaks, control characters, length in graphemes. */
const reason = freeText({ label: 'workflow.reasonField', max: REASON_MAX })

const to = z.enum(STATUSES, { errorMap: () => ({ message: 'workflow.badTarget' }) })

/** The item page's form: `to` and, where the move needs one, `reason`. Messages are translation keys. */
export const TransitionForm = z.object({
  to,
  reason,
})

/** The same form for one move, checking the reason in the browser before it is sent. */
export function transitionFormFor(reasonRequired: boolean) {
  return TransitionForm.superRefine((value, ctx) => {
    if (reasonRequired && !value.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'workflow.reasonRequired' })
  })
}

/** `POST /api/v1/items/:ref/transitions`: JSON `{"to": "...", "reason": "..."}`, nothing else. */
export const TransitionRequest = z
  .object({
    to,
    reason: z.string().nullable().optional().pipe(reason),
  })
  .strict()
