import { z } from 'zod'

export const LoginForm = z.object({
  email: z.string({ required_error: 'login.missing' }).trim().min(1, 'login.missing').max(320),
  password: z.string({ required_error: 'login.missing' }).min(1, 'login.missing').max(1000),
  redirectTo: z.string().optional(),
})

const SAME_SITE = 'http://same-site.invalid'

/**
 * Only paths on this site: an open redirect would let a phishing link borrow our sign-in page.
 * Checked as the browser will read the address: it drops tabs and line breaks anywhere and
 * controls and spaces at the ends (so "/\t/evil.example" is "//evil.example", another host), and
 * takes "\" for "/". The answer is the address as a URL serialises it: controls and non-ASCII
 * percent-encoded, so it is always a valid Location header.
 */
export function safeRedirect(to: string | undefined | null, fallback = '/'): string {
  const read = (to ?? '').replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
  if (!read.startsWith('/') || read.startsWith('//') || read.startsWith('/\\')) return fallback
  const url = new URL(read, SAME_SITE)
  if (url.origin !== SAME_SITE) return fallback
  return url.pathname + url.search + url.hash
}
