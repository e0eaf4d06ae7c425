import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en'
import { passwordProblem } from './password-rules.server'
import { AcceptForm, ChangePasswordForm, PASSWORD_MAX, PASSWORD_MIN, ResetForm } from './schema'

const person = { email: 'aigerim.sadykova@example.org', name: 'Aigerim Sadykova' }

describe('password rules', () => {
  it('accepts long, uncommon passwords of any characters', () => {
    expect(passwordProblem('copper kettle whistles at dawn', person)).toBeNull()
    expect(passwordProblem('zL8#pq2!Vw9m', person)).toBeNull()
    expect(passwordProblem('Степной ветер 2026 года', person)).toBeNull()
    expect(passwordProblem('草原上的风吹过七座山和三条河流', person)).toBeNull()
  })

  it('needs at least 12 characters, counting a run of spaces once and an emoji as one', () => {
    expect(passwordProblem('zL8#pq2!Vw9', person)).toBe('password.tooShort')
    expect(passwordProblem('zL8#p     q2!Vw', person)).toBe('password.tooShort')
    expect(passwordProblem('zL8#pq2!Vw🙂', person)).toBe('password.tooShort')
    expect(passwordProblem('x'.repeat(PASSWORD_MAX + 1), person)).toBe('password.tooLong')
  })

  it('refuses commonly used passwords and easy patterns, whatever their length', () => {
    for (const common of [
      'password1234',
      'qwertyuiop123',
      'iloveyou2026',
      '123456789012',
      'aaaaaaaaaaaaaaaa',
      'Password123!',
    ])
      expect(passwordProblem(common, person), common).toBe('password.common')
  })

  it('refuses a password containing the e-mail or the name, in any case', () => {
    expect(passwordProblem('my AIGERIM.SADYKOVA@example.org!', person)).toBe('password.containsEmail')
    expect(passwordProblem('aigerim.sadykova forever', person)).toBe('password.containsEmail')
    const initials = { email: 'a.s@example.org', name: 'Aigerim Sadykova' }
    expect(passwordProblem('blue Sadykova horizon', initials)).toBe('password.containsName')
    expect(passwordProblem('horizon AigerimSadykova', initials)).toBe('password.containsName')
    expect(passwordProblem('horizon aigerimsadykova', person)).toBe('password.containsEmail')
    // short name parts (two letters) do not count
    expect(
      passwordProblem('Li copper kettle whistles', { email: 'li@example.org', name: 'Li Wu' }),
    ).toBeNull()
  })

  it('says its limits in the messages people read', () => {
    expect(en.password.tooShort).toContain(String(PASSWORD_MIN))
    expect(en.password.tooLong).toContain(String(PASSWORD_MAX))
    expect(en.password.rules).toContain(String(PASSWORD_MIN))
  })

  it('tells a too-short password and a mismatch at once, on every form that sets a password', () => {
    const problems = (result: {
      success: boolean
      error?: { issues: { path: unknown[]; message: string }[] }
    }) => (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`).sort()
    const twice = { password: 'short one', confirm: 'short on' }
    const both = ['confirm: password.mismatch', 'password: password.tooShort']
    expect(problems(ResetForm.safeParse(twice))).toEqual(both)
    expect(problems(ChangePasswordForm.safeParse({ current: 'x', ...twice }))).toEqual(both)
    expect(problems(AcceptForm.safeParse({ name: 'Aigerim', language: 'en', ...twice }))).toEqual(both)
    // a run of spaces counts once, as the server counts it
    expect(
      problems(ResetForm.safeParse({ password: 'zL8#p     q2!Vw', confirm: 'zL8#p     q2!Vw' })),
    ).toEqual(['password: password.tooShort'])
    // an empty password is told as missing, not as short
    expect(problems(ResetForm.safeParse({ password: '', confirm: 'x' }))).toEqual([
      'confirm: password.mismatch',
      'password: validation.required',
    ])
    expect(ResetForm.safeParse({ password: 'zL8#pq2!Vw9m', confirm: 'zL8#pq2!Vw9m' }).success).toBe(true)
  })
})
