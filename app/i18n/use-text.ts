import type { i18n, TFunction } from 'i18next'
import { useContext } from 'react'
import { getI18n, I18nContext } from 'react-i18next'
import { createI18n, DEFAULT_LANGUAGE, isLanguage, type Language } from './i18n'

// Translation for the components a page renders many times (a table's cells: badges, amounts,
// item titles). react-i18next's useTranslation copies the whole i18next instance (every own
// property) into a wrapper for each component that calls it, and i18next resolves a key anew on
// each call: at 50 rows of six such cells that was most of the portfolio page's server render
// (docs/performance.md, "Issue 13: throughput"). The pages' i18next instance never changes
// language (a new language is a new instance, root.tsx), so one translator per instance is safe.

export interface Text {
  t: TFunction
  language: Language
}

const texts = new WeakMap<i18n, Text>()

/** The page's translator and language, made once per i18next instance; plain keys remembered. */
export function useText(): Text {
  const instance = useContext(I18nContext)?.i18n ?? getI18n()
  let text = texts.get(instance)
  if (!text) {
    const language = isLanguage(instance.language) ? instance.language : DEFAULT_LANGUAGE
    const fixed = instance.getFixedT(language) as unknown as (...args: unknown[]) => string
    const plain = new Map<string, string>()
    const t = ((key: string, ...rest: unknown[]) => {
      if (rest.length > 0) return fixed(key, ...rest)
      let found = plain.get(key)
      if (found === undefined) plain.set(key, (found = fixed(key)))
      return found
    }) as unknown as TFunction
    texts.set(instance, (text = { t, language }))
  }
  return text
}

const shared = new Map<Language, i18n>()

/**
 * One i18next instance per language for the whole process (the server renders every page with
 * it; it is only read), rather than one built from the catalogues for each request.
 */
export function i18nFor(language: string): i18n {
  const lng = isLanguage(language) ? language : DEFAULT_LANGUAGE
  let found = shared.get(lng)
  if (!found) shared.set(lng, (found = createI18n(lng)))
  return found
}
