// How large a request body may be, decided before it is read (server/body-limit.ts refuses the
// rest with 413). The numbers and why: docs/decisions/0017-bounded-input.md.

const KB = 1024
const MB = 1024 * KB

/** An import file (CSV or XLSX): the file itself, checked again when it is read. */
export const MAX_UPLOAD_BYTES = 10 * MB

export type BodyKind = 'signIn' | 'form' | 'upload'

export const BODY_LIMITS: Record<BodyKind, number> = {
  /** e-mail, password and the page to return to */
  signIn: 32 * KB,
  /** any form or JSON body: the longest is an item form, a 10,000-character description twice (the form and its baseline) */
  form: 1 * MB,
  /** the import file plus room for the multipart framing around it */
  upload: MAX_UPLOAD_BYTES + 64 * KB,
}

/** Which limit applies: uploads only where the app takes files (the import page), sign-in at /login. */
export function bodyKindOf(pathname: string, contentType: string | undefined): BodyKind {
  if (pathname === '/login' || pathname === '/login.data') return 'signIn'
  const multipart = (contentType ?? '').toLowerCase().startsWith('multipart/form-data')
  if (multipart && (pathname === '/import' || pathname === '/import.data')) return 'upload'
  return 'form'
}

/** 32768 -> 32 KB, 10485760 -> 10 MB (rounded down, as a limit is read); the unit is translated. */
export function sizeOf(bytes: number): { amount: number; unit: 'KB' | 'MB' } {
  return bytes >= MB
    ? { amount: Math.floor(bytes / MB), unit: 'MB' }
    : { amount: Math.ceil(bytes / KB), unit: 'KB' }
}
