import { describe, expect, it } from 'vitest'
import { REASON_MAX, TransitionForm, TransitionRequest } from './schema'

describe('the same rule for free text outside the item: a transition reason, from the form and the API', () => {
  it('stores LF, refuses control characters naming the field, counts graphemes', () => {
    expect(TransitionRequest.parse({ to: 'on_hold', reason: ' waiting\r\nfor funds ' }).reason).toBe(
      'waiting\nfor funds',
    )
    expect(TransitionForm.parse({ to: 'on_hold', reason: '👍'.repeat(REASON_MAX) }).reason).toBe(
      '👍'.repeat(REASON_MAX),
    )
    for (const schema of [TransitionForm, TransitionRequest]) {
      const refused = schema.safeParse({ to: 'on_hold', reason: 'no\u0000' })
      expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['reason', 'validation.control|{"field":"workflow.reasonField","char":"U+0000"}'],
      ])
      expect(schema.safeParse({ to: 'on_hold', reason: 'x'.repeat(REASON_MAX + 1) }).success).toBe(false)
    }
    expect(TransitionRequest.safeParse({ to: 'on_hold', reason: null }).success).toBe(true)
  })
})
