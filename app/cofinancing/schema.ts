import { z } from 'zod'
import { freeText } from '../portfolio/field-kinds'
import { parseUsdMillion } from '../portfolio/money'

// The co-financing flag form (issue 3, "Co-financing flags"). Messages are translation keys.

export const INSTRUMENTS = ['grant', 'loan', 'technical_assistance', 'guarantee', 'equity', 'other'] as const
export type Instrument = (typeof INSTRUMENTS)[number]

/** In order of firmness: only committed amounts count as secured in the item's gap. */
export const STAGES = ['interest', 'in_discussion', 'committed'] as const
export type Stage = (typeof STAGES)[number]

export const NOTE_MAX = 2000

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    errorMap: (issue) => ({
      message: issue.code === 'invalid_type' ? 'validation.required' : 'cofinancing.badChoice',
    }),
  })

/** Add or update the signed-in partner's flag on an item. The amount is USD million, as text. */
export const FlagForm = z
  .object({
    instrument: choice(INSTRUMENTS),
    stage: choice(STAGES),
    amount_usd_m: z
      .string()
      .refine((text) => parseUsdMillion(text) !== null, 'validation.amount')
      .transform((text) => parseUsdMillion(text) as number)
      .optional(),
    note: freeText({ label: 'cofinancing.note', max: NOTE_MAX }),
  })
  .superRefine((value, ctx) => {
    // A commitment is an amount: without one it could not count as secured.
    if (value.stage === 'committed' && value.amount_usd_m === undefined) {
      ctx.addIssue({ code: 'custom', path: ['amount_usd_m'], message: 'cofinancing.amountForCommitted' })
    }
  })
export type FlagFormInput = z.input<typeof FlagForm>
/** Parsed: `amount_usd_m` in thousands of USD. */
export type FlagInput = z.output<typeof FlagForm>
