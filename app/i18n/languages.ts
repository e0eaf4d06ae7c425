// The languages of the product (English, Russian and Chinese: the programme's working languages),
// without their catalogues, for code that only needs to name or recognise one.

export const LANGUAGES = ['en', 'ru', 'zh'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'en'

/** The BCP 47 tag for <html lang> and Intl: the Chinese catalogue is Simplified. */
export const LANGUAGE_TAGS: Record<Language, string> = { en: 'en', ru: 'ru', zh: 'zh-Hans' }

/** Each language's name in itself: the switcher shows these whatever the page's language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ru: 'Русский', zh: '中文' }

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/**
 * The supported language a browser prefers most, from its Accept-Language header: by q-value,
 * then by order; regional variants count as their language (ru-KZ is Russian, zh-CN Chinese).
 * Null when it names none of ours.
 */
export function acceptedLanguage(header: string | null): Language | null {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const weight = q ? Number(q.slice(2)) : 1
      return {
        code: tag.trim().toLowerCase().split('-')[0],
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      }
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
  return ranked.map((entry) => entry.code).find(isLanguage) ?? null
}
