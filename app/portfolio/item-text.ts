import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../i18n/languages'
import type { TranslatedGroup } from './fields'

// An item's own text (title, description) in the reader's language, or, where that translation
// is missing, in another one, said so (docs/decisions/0028-item-text.md). One rule for every
// place an item is shown. No machine translation: a service could fill the missing ones here.

/** An item's text per language; null, undefined or blank: not written in that language. */
export type TextsByLanguage = Partial<Record<Language, string | null | undefined>>

export interface ShownText {
  text: string
  /** the language the text is in */
  language: Language
  /** true when it is not the reader's language */
  fallback: boolean
}

/**
 * The order tried after the reader's own language: English first (the programme's common working
 * language and the register's source), then the others as listed.
 */
function fallbackOrder(reader: Language): Language[] {
  return [reader, DEFAULT_LANGUAGE, ...LANGUAGES].filter((lang, i, all) => all.indexOf(lang) === i)
}

/** The text to show a reader of `reader`, or null when the item has it in no language. */
export function textFor(texts: TextsByLanguage, reader: Language): ShownText | null {
  for (const language of fallbackOrder(reader)) {
    const text = texts[language]?.trim()
    if (text) return { text, language, fallback: language !== reader }
  }
  return null
}

/** An item's titles by language (an item made from a Russian or Chinese title has title_en ''). */
export function titlesOf(item: {
  title_en: string | null
  title_ru?: string | null
  title_zh?: string | null
}): TextsByLanguage {
  return { en: item.title_en, ru: item.title_ru, zh: item.title_zh }
}

export function descriptionsOf(item: {
  description_en?: string | null
  description_ru?: string | null
  description_zh?: string | null
}): TextsByLanguage {
  return { en: item.description_en, ru: item.description_ru, zh: item.description_zh }
}

/** Plain text for places without markup (a page title, a spreadsheet cell): the text and, if another language, its code. */
export function plainTextFor(texts: TextsByLanguage, reader: Language): string {
  const shown = textFor(texts, reader)
  if (!shown) return ''
  return shown.fallback ? `${shown.text} [${shown.language}]` : shown.text
}

/** A translated field, as the registry names it (title_ru, description_zh, ...). */
export type TranslatedField = `${TranslatedGroup}_${Language}`

/**
 * The languages of a group whose translation may be outdated, from the stored
 * `translations_outdated` (";title_ru;description_zh;", app/portfolio/translations.server.ts).
 */
export function outdatedLanguages(stored: string | null | undefined, group: TranslatedGroup): Language[] {
  if (!stored) return []
  return LANGUAGES.filter((lang) => stored.includes(`;${group}_${lang};`))
}
