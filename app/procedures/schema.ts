import { z } from 'zod'
import { message } from '../i18n/message'
import { VOTES } from './rules'

// Written procedures: the forms' schemas, shared by the browser and the actions. Messages are
// translation keys (app/i18n/en.ts). docs/decisions/0029-written-procedures.md.

export const PROCEDURE_TITLE_MAX = 300
export const VOTE_COMMENT_MAX = 2000
/** At most this many items in one procedure. */
export const PROCEDURE_ITEMS_MAX = 200

export const OpenForm = z.object({
  title: z
    .string({ required_error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(PROCEDURE_TITLE_MAX, message('validation.tooLong', { max: PROCEDURE_TITLE_MAX })),
  // a datetime-local field: the deadline in UTC, to the minute (the form says so)
  deadline: z
    .string({ required_error: 'validation.required' })
    .refine(
      (d) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}:00Z`)),
      'procedures.validation.deadline',
    )
    .transform((d) => new Date(`${d}:00Z`).toISOString()),
  refs: z
    .string({ required_error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(8000, message('validation.tooLong', { max: 8000 }))
    .transform((value) => [...new Set(value.split(/[\s,;]+/).filter(Boolean))])
    .refine(
      (refs) => refs.length <= PROCEDURE_ITEMS_MAX,
      message('procedures.validation.tooManyItems', { max: PROCEDURE_ITEMS_MAX }),
    ),
})
export type OpenInput = z.output<typeof OpenForm>

export const VoteForm = z.object({
  vote: z.enum(VOTES, { errorMap: () => ({ message: 'procedures.validation.vote' }) }),
  comment: z
    .string()
    .trim()
    .max(VOTE_COMMENT_MAX, message('validation.tooLong', { max: VOTE_COMMENT_MAX }))
    .default(''),
})
export type VoteInput = z.output<typeof VoteForm>
