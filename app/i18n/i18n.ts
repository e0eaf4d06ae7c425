import i18next, { type i18n, type TFunction } from 'i18next'
import { en } from './en'
import { ru } from './ru'
import { zh } from './zh'
import { acceptedLanguage, DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './languages'

export {
  acceptedLanguage,
  DEFAULT_LANGUAGE,
  isLanguage,
  LANGUAGE_NAMES,
  LANGUAGE_TAGS,
  LANGUAGES,
  type Language,
} from './languages'

// Catalogues are bundled (small: see docs/decisions/0024-languages.md) so a page renders in one
// pass on the server and the browser alike, with no request for strings and no flash of English.
// A language is added in ./languages.ts and here; the parity test then lists what it lacks.
export const CATALOGUES = { en, ru, zh } satisfies Record<Language, object>

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
    lng: isLanguage(language) ? language : DEFAULT_LANGUAGE,
    // A key a catalogue still lacks shows in English rather than as a raw key (the parity test
    // fails on it, so this only bridges keys added since the last translation round).
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGUES[l] }])),
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
    nsSeparator: false, // one namespace; lets keys name actions such as 'item:edit'
  })
  return instance
}

const translators = new Map<string, TFunction>()

/** A translator for code outside React (command-line tools, server messages); one per language. */
export function translator(language: string = DEFAULT_LANGUAGE): TFunction {
  const lng = isLanguage(language) ? language : DEFAULT_LANGUAGE
  let found = translators.get(lng)
  if (!found) translators.set(lng, (found = createI18n(lng).t))
  return found
}

/** As acceptedLanguage, English when the header names none of ours. Pages use resolveLanguage. */
export function languageFrom(header: string | null): Language {
  return acceptedLanguage(header) ?? DEFAULT_LANGUAGE
}
