import { z } from 'zod'

export const TOKEN_KINDS = ['read', 'write'] as const
export type TokenKind = (typeof TOKEN_KINDS)[number]

export const TOKEN_NAME_MAX = 100
export const TOKEN_DAYS_MAX = 365
export const TOKEN_DAYS_DEFAULT = 90

/** A new personal API token: the account page's form and `npm run users -- token`. */
export const TokenForm = z.object({
  name: z
    .string({ required_error: 'tokens.nameRequired' })
    .trim()
    .min(1, 'tokens.nameRequired')
    .max(TOKEN_NAME_MAX, 'tokens.nameTooLong'),
  kind: z.enum(TOKEN_KINDS, { errorMap: () => ({ message: 'tokens.kindRequired' }) }),
  days: z.coerce
    .number({ invalid_type_error: 'tokens.daysRange' })
    .int('tokens.daysRange')
    .min(1, 'tokens.daysRange')
    .max(TOKEN_DAYS_MAX, 'tokens.daysRange'),
})
export type TokenInput = z.infer<typeof TokenForm>

export const RevokeForm = z.object({ id: z.string().min(1).max(100) })
