import { z } from 'zod'

// A steering committee member's score of an item (issue 4, "Prioritisation"). Messages are translation keys.

export const SCORE_NOTE_MAX = 2000

const axis = z.coerce
  .number({ invalid_type_error: 'priorities.scoreRange', required_error: 'validation.required' })
  .int('priorities.scoreRange')
  .min(1, 'priorities.scoreRange')
  .max(5, 'priorities.scoreRange')

export const ScoreForm = z.object({
  strategic_importance: axis,
  ease_of_implementation: axis,
  note: z.string().trim().max(SCORE_NOTE_MAX, 'validation.tooLong').optional(),
})
export type ScoreInput = z.output<typeof ScoreForm>
