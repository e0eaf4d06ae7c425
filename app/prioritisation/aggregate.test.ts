import { describe, expect, it } from 'vitest'
import { aggregate, effectiveQuadrant, median } from './aggregate'

const score = (strategic_importance: number, ease_of_implementation: number) => ({
  strategic_importance,
  ease_of_implementation,
})

describe("aggregating members' scores", () => {
  it('takes the median of each axis, halfway between the two middle scores when their number is even', () => {
    expect(median([4])).toBe(4)
    expect(median([5, 1, 3])).toBe(3)
    expect(median([2, 3])).toBe(2.5)
    expect(median([1, 5, 4, 2])).toBe(3)
  })

  it('shows the spread, so disagreement is visible, and is null without scores', () => {
    expect(aggregate([score(5, 2), score(1, 2), score(4, 3)])).toEqual({
      count: 3,
      importance: { median: 4, min: 1, max: 5 },
      ease: { median: 2, min: 2, max: 3 },
    })
    expect(aggregate([])).toBeNull()
  })

  it("places the item by the members' medians once anyone scored, else by the secretariat's direct scores", () => {
    const direct = { strategic_importance: 5, ease_of_implementation: 5 }
    expect(effectiveQuadrant(direct, { scores_count: 0, importance_median: null, ease_median: null })).toBe(
      'quick_win',
    )
    expect(effectiveQuadrant(direct, { scores_count: 2, importance_median: 2.5, ease_median: 3 })).toBe(
      'low_hanging_fruit',
    )
    expect(effectiveQuadrant(direct, { scores_count: 1, importance_median: 3, ease_median: 1 })).toBe(
      'strategic_phased',
    )
    expect(
      effectiveQuadrant(
        { strategic_importance: null, ease_of_implementation: 4 },
        { scores_count: 0, importance_median: null, ease_median: null },
      ),
    ).toBe('unscored')
    // a median of 2.5 is below the threshold of 3: the committee is split, not agreed on "important"
    expect(
      effectiveQuadrant(
        { strategic_importance: null, ease_of_implementation: null },
        { scores_count: 2, importance_median: 2.5, ease_median: 2.5 },
      ),
    ).toBe('reconsider')
  })
})
