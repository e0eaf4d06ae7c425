import type { PasswordProblem } from './password-rules.server'

/** Pages that carry a one-time secret in their address: never cached, never sent on as a Referer. */
export const ONE_TIME_LINK_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
}

/** HTTP status for a link that no longer works: gone when it once worked, not found otherwise. */
export function linkStateStatus(state: 'used' | 'withdrawn' | 'expired' | 'unknown'): number {
  return state === 'unknown' ? 404 : 410
}

/** A password refusal as a field error of the form's new-password field. */
export function passwordError(problem: PasswordProblem): { password: string[] } {
  return { password: [problem] }
}
