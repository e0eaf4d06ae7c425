import { describe, expect, it } from 'vitest'
import { STATUSES } from './codes'
import { IATI_STATUS, iatiStatusOf } from './iati'

describe('IATI activity status', () => {
  it('maps every status to its code', () => {
    expect(IATI_STATUS).toEqual({
      proposed: 1,
      under_review: 1,
      endorsed: 1,
      in_preparation: 1,
      approved: 1,
      under_implementation: 2,
      completed: 3,
      dropped: 5,
      on_hold: 6,
    })
    for (const status of STATUSES) expect(iatiStatusOf(status)).toBe(IATI_STATUS[status])
    expect(iatiStatusOf('unheard_of')).toBeNull()
  })
})
