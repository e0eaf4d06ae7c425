import type { Quadrant } from '../portfolio/codes'
import { quadrantOf } from '../portfolio/quadrant'

// The committee's view of an item from its members' scores (docs/decisions/0012-prioritisation.md):
// the median of each axis, so one outlier does not move the item, with the lowest and highest
// score beside it so disagreement stays visible.

export interface MemberScore {
  strategic_importance: number
  ease_of_implementation: number
}

export interface AxisAggregate {
  median: number
  min: number
  max: number
}

export interface ScoreAggregate {
  count: number
  importance: AxisAggregate
  ease: AxisAggregate
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function axis(values: number[]): AxisAggregate {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) }
}

/** Null when nobody has scored. */
export function aggregate(scores: readonly MemberScore[]): ScoreAggregate | null {
  if (scores.length === 0) return null
  return {
    count: scores.length,
    importance: axis(scores.map((s) => s.strategic_importance)),
    ease: axis(scores.map((s) => s.ease_of_implementation)),
  }
}

/**
 * The scores an item is placed by: the members' medians once any member has scored, else the
 * scores the secretariat set directly (the item form or an import).
 */
export function effectiveScores(
  direct: { strategic_importance: number | null; ease_of_implementation: number | null },
  members: { scores_count: number; importance_median: number | null; ease_median: number | null },
): { importance: number | null; ease: number | null; source: 'members' | 'direct' } {
  if (members.scores_count > 0)
    return { importance: members.importance_median, ease: members.ease_median, source: 'members' }
  return { importance: direct.strategic_importance, ease: direct.ease_of_implementation, source: 'direct' }
}

export function effectiveQuadrant(...args: Parameters<typeof effectiveScores>): Quadrant {
  const { importance, ease } = effectiveScores(...args)
  return quadrantOf(importance, ease)
}
