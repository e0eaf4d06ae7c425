import { z } from 'zod'

export const LoginForm = z.object({
  email: z.string({ required_error: 'login.missing' }).trim().min(1, 'login.missing').max(320),
  password: z.string({ required_error: 'login.missing' }).min(1, 'login.missing').max(1000),
  redirectTo: z.string().optional(),
})

/** Only paths on this site: an open redirect would let a phishing link borrow our sign-in page. */
export function safeRedirect(to: string | undefined | null, fallback = '/'): string {
  if (!to || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}
