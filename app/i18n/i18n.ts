import i18next, { type i18n, type TFunction } from 'i18next'
import { en } from './en'

// Catalogues are bundled (they are small) so a page renders in one pass on the server and the
// browser alike; a language is added by adding its catalogue here. Russian and Chinese come next.
export const LANGUAGES = ['en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'en'

/** Every catalogue by language; i18n.test.ts checks that each has every key of every other. */
export const CATALOGUES: Record<Language, object> = { en }

// `t` takes only keys of the English catalogue, so a misspelt or missing key fails the typecheck
// (keys that travel as data go through messageKey, app/i18n/keys.ts).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
    nsSeparator: false
    returnNull: false
  }
}

export function createI18n(language: string = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: Object.fromEntries(
      Object.entries(CATALOGUES).map(([language, translation]) => [language, { translation }]),
    ),
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
    nsSeparator: false, // one namespace; lets keys name actions such as 'item:edit'
  })
  return instance
}

/** A translator for code outside React (command-line tools, server messages). */
export function translator(language: string = DEFAULT_LANGUAGE): TFunction {
  return createI18n(language).t
}

/** Picks the first supported language from an Accept-Language header. */
export function languageFrom(header: string | null): Language {
  for (const part of (header ?? '').split(',')) {
    const code = part.split(';')[0]?.trim().slice(0, 2).toLowerCase()
    const match = LANGUAGES.find((l) => l === code)
    if (match) return match
  }
  return DEFAULT_LANGUAGE
}
