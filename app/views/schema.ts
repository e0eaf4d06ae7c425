import { z } from 'zod'

// Saving, renaming and deleting a named view of the portfolio table (app/views). Messages are
// translation keys (app/i18n/en.ts, views.*).

export const VIEW_NAME_MAX = 80
/** Views one person may keep (their own; shared ones count for whoever shared them). */
export const VIEWS_PER_PERSON = 50

const name = z
  .string({ required_error: 'views.nameRequired' })
  .trim()
  .min(1, 'views.nameRequired')
  .max(VIEW_NAME_MAX, 'views.nameTooLong')

export const SaveViewForm = z.object({
  intent: z.literal('save'),
  name,
  /** the table's query string as the address bar shows it */
  query: z.string().max(4000).default(''),
  shared: z
    .enum(['on'])
    .optional()
    .transform((v) => v === 'on'),
})

export const RenameViewForm = z.object({ intent: z.literal('rename'), id: z.string().min(1), name })
export const DeleteViewForm = z.object({ intent: z.literal('delete'), id: z.string().min(1) })

export const ViewForm = z.discriminatedUnion('intent', [SaveViewForm, RenameViewForm, DeleteViewForm])
export type ViewFormInput = z.output<typeof ViewForm>

/** What /views answers a save, rename or delete: a sentence in the reader's language. */
export interface ViewFeedback {
  ok: boolean
  message: string
  id?: string
}
