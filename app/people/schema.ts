import { z } from 'zod'
import { LANGUAGES, type Language } from '../i18n/languages'
import { ROLES } from '../permissions/permissions'
import { COUNTRY_CODES } from '../portfolio/codes'
import { ACCESS_EVENTS } from './access-events'

// People and access (issue 8, docs/decisions/0020-accounts-and-invitations.md): the forms'
// schemas, shared by the browser, the actions and the command line. Messages are translation keys
// (app/i18n/en.ts). Password strength needs the server (app/people/password-rules.server.ts):
// these schemas check only what the browser can.

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const
export type UserStatus = (typeof USER_STATUSES)[number]

/** The product's languages (app/i18n/languages.ts): a person's preferred one is shown to them. */
export const PREFERRED_LANGUAGES = LANGUAGES
export type PreferredLanguage = Language

export const ORGANISATION_TYPES = ['multilateral', 'bilateral', 'private', 'other'] as const
export type OrganisationType = (typeof ORGANISATION_TYPES)[number]

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128
export const NAME_MAX = 200
export const EMAIL_MAX = 254

const required = (max: number, tooLong: string) =>
  z.string({ required_error: 'validation.required' }).trim().min(1, 'validation.required').max(max, tooLong)

export const Email = z
  .string({ required_error: 'validation.required' })
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(EMAIL_MAX, 'people.validation.emailTooLong')
  .email('people.validation.email')

export const PersonName = required(NAME_MAX, 'people.validation.nameTooLong')

const Language = z.enum(PREFERRED_LANGUAGES, { errorMap: () => ({ message: 'people.validation.language' }) })
const Role = z.enum(ROLES, { errorMap: () => ({ message: 'people.validation.role' }) })

/** A form's checkboxes send nothing, one value or several; the command line a comma-separated list. */
const Countries = z.preprocess(
  (value) =>
    (value === undefined || value === '' ? [] : Array.isArray(value) ? value : String(value).split(','))
      .map((code) => String(code).trim().toUpperCase())
      .filter(Boolean),
  z.array(z.string()).superRefine((codes, ctx) => {
    for (const code of codes)
      if (!(COUNTRY_CODES as readonly string[]).includes(code))
        ctx.addIssue({ code: 'custom', message: 'people.validation.unknownCountry', params: { code } })
  }),
)

const Organisation = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() ? value.trim() : undefined),
  z.string().max(100, 'people.validation.organisationTooLong').optional(),
)

/** Role and scope: a working group speaks for at least one country, a partner belongs to one organisation. */
const scopeRule = (
  value: { role: string; countries: string[]; organisation?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (value.role === 'working_group' && value.countries.length === 0)
    ctx.addIssue({ code: 'custom', path: ['countries'], message: 'people.validation.countriesRequired' })
  if (value.role === 'partner' && !value.organisation)
    ctx.addIssue({
      code: 'custom',
      path: ['organisation'],
      message: 'people.validation.organisationRequired',
    })
}

const scopeFields = { role: Role, countries: Countries, organisation: Organisation }

export const ScopeForm = z.object(scopeFields).superRefine(scopeRule)
export type ScopeInput = z.output<typeof ScopeForm>

export const InviteForm = z
  .object({ email: Email, name: PersonName, language: Language.default('en'), ...scopeFields })
  .superRefine(scopeRule)
export type InviteInput = z.output<typeof InviteForm>

/** Characters as a person counts them; a run of spaces counts as one (ASVS 2.1.1). */
export function visibleLength(password: string): number {
  return [...password.replace(/\s{2,}/g, ' ')].length
}

/**
 * A new password typed twice. Its length is checked here, beside the second copy, so a short
 * password and a mismatch are both told at once; what needs the person (their e-mail or name in
 * it, an easily guessed one) is the server's (password-rules.server.ts), once these pass.
 */
const passwordFields = {
  password: z
    .string({ required_error: 'validation.required' })
    .min(1, 'validation.required')
    .max(PASSWORD_MAX, 'password.tooLong')
    // zod still runs the form's own check (sameTwice) after a field's refinement fails
    .refine((p) => p.length === 0 || visibleLength(p) >= PASSWORD_MIN, 'password.tooShort'),
  confirm: z.string({ required_error: 'password.confirmRequired' }).min(1, 'password.confirmRequired'),
}
const sameTwice = (value: { password: string; confirm: string }, ctx: z.RefinementCtx) => {
  if (value.password !== value.confirm)
    ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'password.mismatch' })
}

export const AcceptForm = z
  .object({ name: PersonName, language: Language, ...passwordFields })
  .superRefine(sameTwice)
export type AcceptInput = z.output<typeof AcceptForm>

export const ForgotForm = z.object({ email: Email })

export const ResetForm = z.object(passwordFields).superRefine(sameTwice)

export const ProfileForm = z.object({ name: PersonName, language: Language })
export type ProfileInput = z.output<typeof ProfileForm>

export const ChangePasswordForm = z
  .object({
    current: z.string({ required_error: 'password.currentRequired' }).min(1, 'password.currentRequired'),
    ...passwordFields,
  })
  .superRefine(sameTwice)

export const OrganisationForm = z.object({
  short_name: z
    .string({ required_error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(30, 'organisations.validation.shortNameTooLong')
    // the short name is what flags and the table's filters name: no list separators in it
    .regex(/^[^;,]+$/, 'organisations.validation.shortNameCharacters'),
  name: required(200, 'organisations.validation.nameTooLong'),
  type: z.enum(ORGANISATION_TYPES, { errorMap: () => ({ message: 'organisations.validation.type' }) }),
})
export type OrganisationInput = z.output<typeof OrganisationForm>

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional().catch(undefined))

/** The people list's filters, from the URL; an unknown value is ignored rather than refused. */
export const PeopleQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: optionalEnum(ROLES),
  status: optionalEnum(USER_STATUSES),
  country: optionalEnum(COUNTRY_CODES),
  organisation: z.string().trim().max(100).optional().catch(undefined),
})
export type PeopleFilter = z.output<typeof PeopleQuery>

const day = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
)

/** The access log's filters, from the URL. */
export const AccessLogQuery = z.object({
  event: optionalEnum(ACCESS_EVENTS),
  person: z.string().trim().max(200).optional().catch(undefined),
  from: day,
  to: day,
  before: z.string().max(100).optional().catch(undefined),
})
export type AccessLogFilter = z.output<typeof AccessLogQuery>
