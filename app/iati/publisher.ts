import { z } from 'zod'
import { LANGUAGES, type Language } from '../i18n/languages'
import { ORGANISATION_TYPES } from './codelists'

// The IATI publisher settings (issue 12): who reports, and how activity identifiers start. The
// form's schema is shared by the browser and the action; messages are translation keys.

export interface Publisher {
  org_ref: string
  org_name: { en: string | null; ru: string | null; zh: string | null }
  org_type: string
  activity_prefix: string
  default_currency: string
  default_language: Language
}

/** Letters, digits, "-", "_", "." (an IATI identifier has no spaces or slashes). */
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
export const NAME_MAX = 500
export const CURRENCIES = ['USD'] as const

/** The settings an export needs and that are not set yet, by form field name. */
export function missingSettings(
  p: Publisher,
): Array<'org_ref' | 'org_name_en' | 'org_type' | 'activity_prefix'> {
  const missing: Array<'org_ref' | 'org_name_en' | 'org_type' | 'activity_prefix'> = []
  if (!p.org_ref) missing.push('org_ref')
  if (!p.org_name.en) missing.push('org_name_en')
  if (!p.org_type) missing.push('org_type')
  if (!p.activity_prefix) missing.push('activity_prefix')
  return missing
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'iatiExport.validation.nameTooLong')
    .optional()
    .transform((v) => (v ? v : null))

export const PublisherForm = z
  .object({
    org_ref: z
      .string({ required_error: 'validation.required' })
      .trim()
      .min(1, 'validation.required')
      .regex(IDENTIFIER, 'iatiExport.validation.identifier'),
    org_name_en: z
      .string({ required_error: 'validation.required' })
      .trim()
      .min(1, 'validation.required')
      .max(NAME_MAX, 'iatiExport.validation.nameTooLong'),
    org_name_ru: text(NAME_MAX),
    org_name_zh: text(NAME_MAX),
    org_type: z.enum(ORGANISATION_TYPES, { errorMap: () => ({ message: 'iatiExport.validation.orgType' }) }),
    activity_prefix: z
      .string({ required_error: 'validation.required' })
      .trim()
      .min(1, 'validation.required')
      .regex(IDENTIFIER, 'iatiExport.validation.identifier'),
    default_currency: z.enum(CURRENCIES, { errorMap: () => ({ message: 'iatiExport.validation.currency' }) }),
    default_language: z.enum(LANGUAGES, { errorMap: () => ({ message: 'iatiExport.validation.language' }) }),
  })
  .refine((v) => v.activity_prefix.startsWith(v.org_ref), {
    path: ['activity_prefix'],
    message: 'iatiExport.validation.prefixStart',
  })
export type PublisherInput = z.output<typeof PublisherForm>

/** The DAC purpose codes of the areas, as the settings page sends them: `area:<id>` = code or empty. */
export const DAC_CODE = /^\d{5}$/
