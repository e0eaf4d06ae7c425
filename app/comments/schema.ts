import { z } from 'zod'

// What the item page's comment forms carry. Messages are translation keys (app/i18n/en.ts).

export const COMMENT_MAX = 10_000

/** The text of a comment: not empty (spaces alone are empty), at most 10,000 characters. */
export const CommentBody = z
  .string({ required_error: 'comments.empty' })
  .trim()
  .min(1, 'comments.empty')
  .max(COMMENT_MAX, 'comments.tooLong')

/** A new thread, a reply (`parent`), an edit (`comment` and `body`) or a deletion (`comment`). */
export const CommentForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('comment:add'), body: CommentBody }),
  z.object({ intent: z.literal('comment:reply'), parent: z.string().min(1), body: CommentBody }),
  z.object({ intent: z.literal('comment:edit'), comment: z.string().min(1), body: CommentBody }),
  z.object({ intent: z.literal('comment:delete'), comment: z.string().min(1) }),
])
export type CommentFormValue = z.infer<typeof CommentForm>

/** The id of the form a submission came from, so the page shows its errors beside the right box. */
export function commentFormId(value: { intent?: unknown; parent?: unknown; comment?: unknown }): string {
  switch (value.intent) {
    case 'comment:reply':
      return `reply-${String(value.parent ?? '')}`
    case 'comment:edit':
      return `edit-${String(value.comment ?? '')}`
    case 'comment:delete':
      return `delete-${String(value.comment ?? '')}`
    default:
      return 'comment-new'
  }
}
