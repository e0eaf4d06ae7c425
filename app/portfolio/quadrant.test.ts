import { describe, expect, it } from 'vitest'
import { quadrantOf } from './quadrant'

describe('quadrantOf', () => {
  it.each([
    [5, 5, 'quick_win'],
    [3, 3, 'quick_win'],
    [2, 3, 'low_hanging_fruit'],
    [1, 5, 'low_hanging_fruit'],
    [3, 2, 'strategic_phased'],
    [5, 1, 'strategic_phased'],
    [2, 2, 'reconsider'],
    [1, 1, 'reconsider'],
  ])('importance %i, ease %i -> %s', (importance, ease, expected) => {
    expect(quadrantOf(importance, ease)).toBe(expected)
  })

  it('is unscored when either score is missing', () => {
    expect(quadrantOf(null, 4)).toBe('unscored')
    expect(quadrantOf(4, undefined)).toBe('unscored')
    expect(quadrantOf(null, null)).toBe('unscored')
  })
})
