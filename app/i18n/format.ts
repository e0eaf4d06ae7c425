import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_TAGS, type Language } from './languages'

// Numbers, amounts and times as each language writes them (docs/decisions/0024-languages.md):
// Russian 1 234,5 and 25.11.2026, 09:12; Chinese 1,234.5 and 2026/11/25 09:12. English keeps the
// ISO form the product has always shown (2026-11-25 09:12): unambiguous to British and American
// readers alike. Stored times are UTC, and the reader is told so (users span six time zones).

function languageOf(language: string | undefined): Language {
  return isLanguage(language) ? language : DEFAULT_LANGUAGE
}

const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(language: Language, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${language}:${maximumFractionDigits}`
  let found = numberFormats.get(key)
  if (!found)
    numberFormats.set(
      key,
      (found = new Intl.NumberFormat(LANGUAGE_TAGS[language], { maximumFractionDigits })),
    )
  return found
}

/** A number for reading, grouped: 1234.5 -> "1,234.5" / "1 234,5" (no-break space) / "1,234.5". */
export function formatNumber(value: number, language?: string, maximumFractionDigits = 3): string {
  return numberFormat(languageOf(language), maximumFractionDigits).format(value)
}

/** An amount in USD million for reading (up to 3 decimals, as stored). */
export function formatAmount(millions: number, language?: string): string {
  return formatNumber(millions, language, 3)
}

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>()
const dateFormats = new Map<Language, Intl.DateTimeFormat>()
const NUMERIC_DATE = { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' } as const

/** "2026-11-25 09:12 UTC", "25.11.2026, 09:12 UTC", "2026/11/25 09:12 UTC" from a stored ISO time. */
export function formatUtc(iso: string, language?: string): string {
  const lng = languageOf(language)
  if (lng === 'en') return `${iso.slice(0, 16).replace('T', ' ')} UTC`
  let format = dateTimeFormats.get(lng)
  if (!format)
    dateTimeFormats.set(
      lng,
      (format = new Intl.DateTimeFormat(LANGUAGE_TAGS[lng], {
        ...NUMERIC_DATE,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })),
    )
  return `${format.format(new Date(iso))} UTC`
}

/** A calendar date (YYYY-MM-DD, such as a meeting's): "2026-11-25", "25.11.2026", "2026/11/25". */
export function formatDate(isoDate: string, language?: string): string {
  const lng = languageOf(language)
  if (lng === 'en' || !/^\d{4}-\d\d-\d\d/.test(isoDate)) return isoDate
  let format = dateFormats.get(lng)
  if (!format) dateFormats.set(lng, (format = new Intl.DateTimeFormat(LANGUAGE_TAGS[lng], NUMERIC_DATE)))
  return format.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`))
}

/**
 * A code and its name, as lists and charts label a country or an organisation: "KAZ · Kazakhstan".
 * No-break spaces hold the code and the dot to the name's first word, so where the label wraps
 * no line ends with the dot or begins with it.
 */
export function codeAndName(code: string, name: string): string {
  return `${code}\u00a0·\u00a0${name}`
}
