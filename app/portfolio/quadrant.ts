import type { Quadrant } from './codes'

/** A score of 3 or more counts as important (or easy); an item missing either score is unscored (DOMAIN.md). */
export const THRESHOLD = 3

export function quadrantOf(importance: number | null | undefined, ease: number | null | undefined): Quadrant {
  if (importance == null || ease == null) return 'unscored'
  const important = importance >= THRESHOLD
  const easy = ease >= THRESHOLD
  if (important && easy) return 'quick_win'
  if (easy) return 'low_hanging_fruit'
  if (important) return 'strategic_phased'
  return 'reconsider'
}
