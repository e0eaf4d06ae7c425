import { z } from 'zod'
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages'

// Amounts typed into forms, as the reader's language writes them (docs/decisions/0024-languages.md).
// Only the form edge is local: the schemas, the importer's interchange files and the API keep the
// one plain form, digits and "." (12.5), which this turns local input into before they see it.

// Russian groups digits with spaces (a typed space, or the no-break and thin spaces Intl and
// spreadsheets produce) and writes the decimal with a comma; a point is taken as well, since
// Russian never groups with one. English and Chinese group with commas, decimal point only.
const SPACES = '[ \\u00a0\\u202f\\u2009]'
const GROUPED: Record<Language, RegExp> = {
  en: /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/,
  zh: /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/,
  ru: new RegExp(`^(\\d{1,3}(?:${SPACES}\\d{3})+|\\d+)(?:[,.](\\d+))?$`),
}

/**
 * Typed text in the plain form ("1 234,5" in Russian -> "1234.5"); text that is not a number
 * written the language's way comes back as it was, for the schema to refuse with its message.
 */
export function amountFromInput(text: string, language: string = DEFAULT_LANGUAGE): string {
  const match = GROUPED[isLanguage(language) ? language : DEFAULT_LANGUAGE].exec(text.trim())
  if (!match) return text
  const whole = match[1]!.replace(/\D/g, '')
  return match[2] === undefined ? whole : `${whole}.${match[2]}`
}

/** A stored amount's plain text as the language writes it in a form field ("12.5" -> "12,5"). */
export function amountToInput(
  text: string | undefined,
  language: string = DEFAULT_LANGUAGE,
): string | undefined {
  return text !== undefined && language === 'ru' ? text.replace('.', ',') : text
}

/** Amounts in USD million are named *_usd_m everywhere (forms, the interchange format, the API). */
export const isAmountField = (name: string) => name.endsWith('_usd_m')

/**
 * A form's schema, reading its amount fields (*_usd_m) as the language writes them. The user's
 * own text stays in the submission (a refused form shows what they typed); only the parse sees
 * the plain form.
 */
export function withLocalAmounts<S extends z.ZodTypeAny>(
  schema: S,
  language: string = DEFAULT_LANGUAGE,
): z.ZodEffects<S, z.output<S>, z.input<S>> {
  // Typed as taking the form's own input: it does, only with amounts written another way.
  return z.preprocess((value) => {
    if (!value || typeof value !== 'object') return value
    const entries = Object.entries(value as Record<string, unknown>).map(([name, text]) => [
      name,
      isAmountField(name) && typeof text === 'string' ? amountFromInput(text, language) : text,
    ])
    return Object.fromEntries(entries)
  }, schema) as z.ZodEffects<S, z.output<S>, z.input<S>>
}

/** A form's starting values with their amounts written the language's way. */
export function amountsToInput<T extends object>(values: T, language: string = DEFAULT_LANGUAGE): T {
  const entries = Object.entries(values).map(([name, value]) => [
    name,
    isAmountField(name) && typeof value === 'string' ? amountToInput(value, language) : value,
  ])
  return Object.fromEntries(entries) as T
}
