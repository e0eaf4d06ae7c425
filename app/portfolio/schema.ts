import { z } from 'zod'
import { COUNTRY_CODES, MODALITIES } from './codes'
import type { ItemView } from './item-view'
import { formatUsdMillion, parseUsdMillion } from './money'

// Messages are translation keys (see app/i18n); the form translates them where it shows them.

const year = z
  .number({ invalid_type_error: 'validation.year' })
  .int('validation.year')
  .min(1990, 'validation.year')
  .max(2100, 'validation.year')
const score = z
  .number({ invalid_type_error: 'validation.score' })
  .int('validation.score')
  .min(1, 'validation.score')
  .max(5, 'validation.score')
const amount = z
  .string()
  .refine((text) => parseUsdMillion(text) !== null, 'validation.amount')
  .transform((text) => parseUsdMillion(text) as number)
const optionalText = (max: number) => z.string().trim().max(max, 'validation.tooLong').optional()

export const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/
/** Refs that would collide with the app's own addresses (/items/new). Refs are unique regardless of case. */
export const RESERVED_REFS = ['new']
export const isReservedRef = (ref: string) => RESERVED_REFS.includes(ref.toLowerCase())

/**
 * The create/edit form, shared by the browser (as the user types) and the action (always).
 * Status is not on it: it changes only through workflow transitions (app/workflow/transitions.ts);
 * a status posted anyway is dropped by the parse, like any other unknown field.
 */
/** The financing sources on the form, in the order shown. */
export const SOURCE_FIELDS = [
  'secured_government_usd_m',
  'secured_partners_usd_m',
  'secured_private_usd_m',
] as const

export const ItemForm = z
  .object({
    ref: z
      .string({ required_error: 'validation.required' })
      .trim()
      .regex(REF_PATTERN, 'validation.ref')
      .refine((ref) => !isReservedRef(ref), 'validation.refReserved'),
    title_en: z
      .string({ required_error: 'validation.required' })
      .trim()
      .min(1, 'validation.required')
      .max(500, 'validation.tooLong'),
    title_zh: optionalText(500),
    title_ru: optionalText(500),
    description_en: optionalText(10000),
    strategy_id: z.string({ required_error: 'validation.required' }).min(1, 'validation.required'),
    pillar_id: z.string().optional(),
    area_id: z.string().optional(),
    modalities: z.array(z.enum(MODALITIES)).default([]),
    proposers: z
      .array(z.enum(COUNTRY_CODES), { required_error: 'validation.proposers' })
      .min(1, 'validation.proposers'),
    start_year: year.optional(),
    end_year: year.optional(),
    cost_usd_m: amount.optional(),
    secured_usd_m: amount.optional(),
    /** the secured funding by source (docs/decisions/0010-financing-sources.md): each optional, together at most secured */
    secured_government_usd_m: amount.optional(),
    secured_partners_usd_m: amount.optional(),
    secured_private_usd_m: amount.optional(),
    partners: optionalText(1000),
    strategic_importance: score.optional(),
    ease_of_implementation: score.optional(),
    /** the version the user started from: a stale one is a conflict, never an overwrite */
    version: z.number().int().min(1).optional(),
    /** set by "save my version over theirs" after a conflict: the version the user has now seen */
    overwrite_version: z.number().int().min(1).optional(),
  })
  .superRefine((item, ctx) => {
    if (item.start_year != null && item.end_year != null && item.end_year < item.start_year) {
      ctx.addIssue({ code: 'custom', path: ['end_year'], message: 'validation.endBeforeStart' })
    }
    if (item.cost_usd_m != null && item.secured_usd_m != null && item.secured_usd_m > item.cost_usd_m) {
      ctx.addIssue({ code: 'custom', path: ['secured_usd_m'], message: 'validation.securedOverCost' })
    }
    // The sources break the secured funding down; they cannot add up to more. The message goes on
    // each source given, so whichever the user typed last shows it beside the box.
    const sources = SOURCE_FIELDS.filter((field) => item[field] != null)
    const sum = sources.reduce((total, field) => total + item[field]!, 0)
    if (sources.length > 0 && sum > (item.secured_usd_m ?? 0)) {
      for (const field of sources)
        ctx.addIssue({ code: 'custom', path: [field], message: 'validation.sourcesOverSecured' })
    }
    if (item.area_id && !item.pillar_id) {
      ctx.addIssue({ code: 'custom', path: ['pillar_id'], message: 'validation.pillarForArea' })
    }
  })

/** What the form sends: amounts as text. */
export type ItemFormInput = z.input<typeof ItemForm>
/** What the server works with: amounts in thousands of USD. */
export type ItemInput = z.output<typeof ItemForm>

export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
}

/** The form filled from a stored item, as the edit page opens it. */
export function formValuesOf(item: ItemView): ItemFormInput {
  const optional = <T>(value: T | null) => value ?? undefined
  const amount = (million: number | null) =>
    million == null ? undefined : formatUsdMillion(Math.round(million * 1000))
  return {
    ref: item.ref,
    title_en: item.title_en,
    title_zh: optional(item.title_zh),
    title_ru: optional(item.title_ru),
    description_en: optional(item.description_en),
    strategy_id: item.strategy_id,
    pillar_id: optional(item.pillar_id),
    area_id: optional(item.area_id),
    modalities: item.modalities as ItemFormInput['modalities'],
    proposers: item.proposers as ItemFormInput['proposers'],
    start_year: optional(item.start_year),
    end_year: optional(item.end_year),
    cost_usd_m: amount(item.cost_usd_m),
    secured_usd_m: amount(item.secured_usd_m),
    secured_government_usd_m: amount(item.secured_government_usd_m),
    secured_partners_usd_m: amount(item.secured_partners_usd_m),
    secured_private_usd_m: amount(item.secured_private_usd_m),
    partners: item.partners.join('; ') || undefined,
    strategic_importance: optional(item.strategic_importance),
    ease_of_implementation: optional(item.ease_of_implementation),
    version: item.version,
  }
}
