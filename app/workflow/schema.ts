import { z } from 'zod'
import { STATUSES } from '../portfolio/codes'

// What a transition request carries, from the item page's forms and from the JSON API. Whether
// a reason is required is the transition table's business (transitions.ts), checked again on the
// server; the forms also check it as the user types (transitionFormFor).

export const REASON_MAX = 2000

const to = z.enum(STATUSES, { errorMap: () => ({ message: 'workflow.badTarget' }) })

/** The item page's form: `to` and, where the move needs one, `reason`. Messages are translation keys. */
export const TransitionForm = z.object({
  to,
  reason: z.string().trim().max(REASON_MAX, 'validation.tooLong').optional(),
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
    reason: z.string().max(REASON_MAX, 'validation.tooLong').nullable().optional(),
  })
  .strict()
