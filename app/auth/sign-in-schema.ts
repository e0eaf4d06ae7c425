import { z } from 'zod'

// A code's shape is checked before it is tried, so a person who typed five digits is told the
// code has six rather than that it is "not right" (which reads as a wrong app or a wrong account).
// Spaces and dashes are allowed anywhere, as people copy codes ("123 456", "abcd-efgh-…").

const compact = (code: string) => code.replace(/[\s-]/g, '')
/** A code from the authenticator app: 6 digits. */
const APP_CODE = /^\d{6}$/
/** A recovery code: 16 letters and digits (four groups of four as shown). */
const RECOVERY_CODE = /^[a-z0-9]{16}$/i

const code = z
  .string({ required_error: 'twoFactor.codeMissing' })
  .trim()
  .min(1, 'twoFactor.codeMissing')
  .max(40, 'twoFactor.codeShape')

/** The message for a code that cannot be right by its shape alone; null when it may be. */
export function codeShapeProblem(typed: string, recoveryAllowed: boolean): string | null {
  const text = compact(typed)
  if (text === '') return 'twoFactor.codeMissing'
  if (APP_CODE.test(text)) return null
  if (/^\d+$/.test(text) || !recoveryAllowed) return 'twoFactor.codeSixDigits'
  return RECOVERY_CODE.test(text) ? null : 'twoFactor.codeShape'
}

const shaped = (recoveryAllowed: boolean) =>
  code.superRefine((value, ctx) => {
    const problem = codeShapeProblem(value, recoveryAllowed)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

/** The second step of signing in: a code from the authenticator app or a recovery code. */
export const SecondFactorForm = z.object({
  code: shaped(true),
  redirectTo: z.string().optional(),
})

/** A code to turn off two-factor sign-in or renew the recovery codes: from the app, or a recovery code. */
export const TwoFactorCodeForm = z.object({ code: shaped(true) })

/** The first code from the app, which turns two-factor on: only the app's 6 digits prove it holds the secret. */
export const AppCodeForm = z.object({ code: shaped(false) })

/** "Try again in N minutes" (whole minutes, at least one) and the Retry-After header of a 429. */
export function throttledMessage(
  retryAfter: Date,
  now: Date,
): { minutes: number; headers: { 'Retry-After': string } } {
  const seconds = Math.max(1, Math.ceil((retryAfter.getTime() - now.getTime()) / 1000))
  return { minutes: Math.ceil(seconds / 60), headers: { 'Retry-After': String(seconds) } }
}
