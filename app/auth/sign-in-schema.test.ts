import { describe, expect, it } from 'vitest'
import { AppCodeForm, codeShapeProblem, SecondFactorForm } from './sign-in-schema'

describe('a two-factor code that cannot be right by its shape is told what a code looks like', () => {
  it.each([
    ['12345', 'twoFactor.codeSixDigits'],
    ['1234567', 'twoFactor.codeSixDigits'],
    ['12 34', 'twoFactor.codeSixDigits'],
    ['abc', 'twoFactor.codeShape'],
    ['abcd-efgh-jkmn', 'twoFactor.codeShape'],
    ['12345x', 'twoFactor.codeShape'],
    [' ', 'twoFactor.codeMissing'],
  ])('at sign-in, %j: %s', (typed, key) => {
    expect(codeShapeProblem(typed, true)).toBe(key)
  })

  it.each(['123456', '123 456', 'abcd-efgh-jkmn-pqrs', 'ABCDEFGHJKMNPQRS'])(
    'at sign-in, %j may be right: it is tried',
    (typed) => {
      expect(codeShapeProblem(typed, true)).toBeNull()
      expect(SecondFactorForm.safeParse({ code: typed }).success).toBe(true)
    },
  )

  it('turning two-factor on takes only the app’s 6 digits', () => {
    for (const typed of ['12345', '1234567', 'abcdef', 'abcd-efgh-jkmn-pqrs'])
      expect(AppCodeForm.safeParse({ code: typed }).error?.issues[0]?.message).toBe('twoFactor.codeSixDigits')
    expect(AppCodeForm.safeParse({ code: '123456' }).success).toBe(true)
    expect(AppCodeForm.safeParse({ code: '' }).error?.issues[0]?.message).toBe('twoFactor.codeMissing')
  })
})
