import { z } from 'zod'
import { SELECTION_LIMIT } from '../portfolio/list-query'
import { STATUSES } from '../portfolio/codes'
import { REASON_MAX } from '../workflow/schema'
import { message } from '../i18n/message'

// What the portfolio table's bulk bar posts (app/routes/bulk.tsx): a selection, either the rows
// ticked (`ref`, repeated) or every item matching the table's view (`all` with `view`, the table's
// query string), and one action. Messages are translation keys (app/i18n/en.ts, bulk.*).

export const BULK_ACTIONS = ['agenda', 'move', 'follow', 'unfollow', 'publish', 'unpublish'] as const
export type BulkAction = (typeof BULK_ACTIONS)[number]

const selection = {
  ref: z.array(z.string().trim().min(1).max(100)).default([]),
  all: z
    .enum(['on'])
    .optional()
    .transform((v) => v === 'on'),
  view: z.string().max(4000).default(''),
}

export const BulkForm = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('agenda'),
    meeting: z.string({ required_error: 'bulk.meetingRequired' }).min(1, 'bulk.meetingRequired'),
    ...selection,
  }),
  z.object({
    action: z.literal('move'),
    to: z.enum(STATUSES, { errorMap: () => ({ message: 'workflow.badTarget' }) }),
    reason: z
      .string()
      .trim()
      .max(REASON_MAX, message('validation.tooLong', { max: REASON_MAX }))
      .default(''),
    ...selection,
  }),
  z.object({ action: z.literal('follow'), ...selection }),
  z.object({ action: z.literal('unfollow'), ...selection }),
  z.object({ action: z.literal('publish'), ...selection }),
  z.object({ action: z.literal('unpublish'), ...selection }),
])
export type BulkInput = z.output<typeof BulkForm>

export { SELECTION_LIMIT }
