import { z } from 'zod'

/** The second step of signing in: a code from the authenticator app or a recovery code. */
export const SecondFactorForm = z.object({
  code: z.string({ required_error: 'twoFactor.codeMissing' }).trim().min(1, 'twoFactor.codeMissing').max(40),
  redirectTo: z.string().optional(),
})

/** A code to confirm, turn off or renew two-factor sign-in on the account's security page. */
export const TwoFactorCodeForm = z.object({
  code: z.string({ required_error: 'twoFactor.codeMissing' }).trim().min(1, 'twoFactor.codeMissing').max(40),
})

/** "Try again in N minutes" (whole minutes, at least one) and the Retry-After header of a 429. */
export function throttledMessage(
  retryAfter: Date,
  now: Date,
): { minutes: number; headers: { 'Retry-After': string } } {
  const seconds = Math.max(1, Math.ceil((retryAfter.getTime() - now.getTime()) / 1000))
  return { minutes: Math.ceil(seconds / 60), headers: { 'Retry-After': String(seconds) } }
}
