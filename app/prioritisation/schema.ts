import { z } from 'zod'
import { freeText } from '../portfolio/field-kinds'

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
  note: freeText({ label: 'priorities.note', max: SCORE_NOTE_MAX }),
})
export type ScoreInput = z.output<typeof ScoreForm>
