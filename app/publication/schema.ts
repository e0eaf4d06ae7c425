import { z } from 'zod'

/** POST /api/v1/items/:ref/publication */
export const PublicationRequest = z.object({ published: z.boolean() }).strict()

/** The table's and the item page's publication form: the refs ticked, publish or not, and where to go back to. */
export const PublicationForm = z.object({
  ref: z.array(z.string().min(1).max(100)).max(500),
  published: z.enum(['yes', 'no']),
  back: z.string().max(4000).optional(),
})
