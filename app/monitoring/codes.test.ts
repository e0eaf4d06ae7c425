import { describe, expect, it } from 'vitest'
import { dueDateOf, isOverdue, parsePeriod, previousPeriod, periodText, progressOf, trendOf } from './codes'

describe('progress against the target', () => {
  it('measures the way from baseline to target when higher is better', () => {
    expect(progressOf({ value: 60, baseline: 40, target: 80, direction: 'higher' })).toEqual({
      status: 'on_track',
      ratio: 0.5,
    })
    expect(progressOf({ value: 50, baseline: 40, target: 80, direction: 'higher' })).toEqual({
      status: 'behind',
      ratio: 0.25,
    })
    expect(progressOf({ value: 90, baseline: 40, target: 80, direction: 'higher' }).status).toBe('achieved')
    expect(progressOf({ value: 30, baseline: 40, target: 80, direction: 'higher' })).toEqual({
      status: 'off_track',
      ratio: -0.25,
    })
  })

  it('measures the same way when lower is better', () => {
    // processing time 10 days -> 4 days; now 7: half way
    expect(progressOf({ value: 7, baseline: 10, target: 4, direction: 'lower' })).toEqual({
      status: 'on_track',
      ratio: 0.5,
    })
    expect(progressOf({ value: 3, baseline: 10, target: 4, direction: 'lower' }).status).toBe('achieved')
    expect(progressOf({ value: 12, baseline: 10, target: 4, direction: 'lower' }).status).toBe('off_track')
  })

  it('counts a missing baseline as zero and says when value or target is missing', () => {
    expect(progressOf({ value: 25, baseline: null, target: 100, direction: 'higher' })).toEqual({
      status: 'behind',
      ratio: 0.25,
    })
    expect(progressOf({ value: null, baseline: 1, target: 2, direction: 'higher' }).status).toBe('no_value')
    expect(progressOf({ value: 3, baseline: 1, target: null, direction: 'higher' }).status).toBe('no_target')
  })

  it('reads a target equal to the baseline as "hold the line"', () => {
    expect(progressOf({ value: 5, baseline: 5, target: 5, direction: 'higher' }).status).toBe('achieved')
    expect(progressOf({ value: 4, baseline: 5, target: 5, direction: 'higher' }).status).toBe('off_track')
    expect(progressOf({ value: 4, baseline: 5, target: 5, direction: 'lower' }).status).toBe('achieved')
  })
})

describe('trend', () => {
  it('reads the change with the direction', () => {
    expect(trendOf(5, 3, 'higher')).toBe('improving')
    expect(trendOf(5, 3, 'lower')).toBe('worsening')
    expect(trendOf(3, 3, 'lower')).toBe('steady')
    expect(trendOf(3, null, 'higher')).toBeNull()
  })
})

describe('periods', () => {
  it('parses years and half-years and refuses anything else', () => {
    expect(parsePeriod('2025')).toEqual({ year: 2025, half: null })
    expect(parsePeriod('2025-H2')).toEqual({ year: 2025, half: 2 })
    expect(parsePeriod('2025-H3')).toBeNull()
    expect(parsePeriod('25')).toBeNull()
  })

  it('steps back to the previous period of the same length', () => {
    expect(periodText(previousPeriod(parsePeriod('2025')!))).toBe('2024')
    expect(periodText(previousPeriod(parsePeriod('2025-H1')!))).toBe('2024-H2')
    expect(periodText(previousPeriod(parsePeriod('2025-H2')!))).toBe('2025-H1')
  })

  it('is overdue after its due day until submitted', () => {
    const year = parsePeriod('2025')!
    expect(dueDateOf(year)).toBe('2026-03-31')
    expect(dueDateOf(parsePeriod('2025-H1')!)).toBe('2025-08-31')
    expect(isOverdue(year, 'draft', '2026-03-31T23:00:00.000Z')).toBe(false)
    expect(isOverdue(year, 'draft', '2026-04-01T00:00:00.000Z')).toBe(true)
    expect(isOverdue(year, 'returned', '2026-04-01T00:00:00.000Z')).toBe(true)
    expect(isOverdue(year, 'submitted', '2026-04-01T00:00:00.000Z')).toBe(false)
  })
})
