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

/** A catalogue string cut at its `{{name}}` placeholders: text, name, text, name, ..., text. */
type Template = string[]

/**
 * The string of `key` in `language` cut at its placeholders, or null where i18next must do more
 * than put values in: a language without the key (i18next falls back), plurals and contexts (no
 * string under the key itself), nesting (`$t(`), formats (`{{value, number}}`), unescaped (`{{- x}}`)
 * or nested names (`{{a.b}}`).
 */
function templateOf(instance: i18n, language: Language, key: string): Template | null {
  const found: unknown = instance.getResource(language, 'translation', key)
  if (typeof found !== 'string' || found.includes('$t(')) return null
  const parts = found.split(/\{\{(.*?)\}\}/)
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k]!.trim()
    if (!/^\w+$/.test(name)) return null
    parts[k] = name
  }
  return parts
}

/**
 * `template` with `values` put in, as i18next does with this app's settings (no escaping: React
 * escapes), or null when i18next must decide: a value that is not a string or number, a placeholder
 * without a value, an option that is not a placeholder (defaultValue, ...), or a count or context
 * (plural and context forms).
 */
export function fillTemplate(template: Template, values: Record<string, unknown>): string | null {
  let names = 0
  let out = template[0]!
  for (let k = 1; k < template.length; k += 2) {
    const value = values[template[k]!]
    if (typeof value === 'string') out += value
    else if (typeof value === 'number') out += String(value)
    else return null
    out += template[k + 1]!
  }
  for (const name in values) {
    names++
    if (name === 'count' || name === 'context' || !template.includes(name)) return null
  }
  return names > 0 ? out : null
}

/**
 * The page's translator and language, made once per i18next instance. Plain keys are remembered;
 * keys with values are filled from their catalogue string cut once at its placeholders: i18next
 * resolves and interpolates such a key anew on each call (its regular expressions, fallbacks and
 * plural checks), about 25 microseconds, 60 times on a portfolio page (decision 0049). Whatever
 * the cut template cannot say for sure goes to i18next, and so does a key whose first filled string
 * differs from i18next's own (i18n.test.ts compares every catalogue key).
 */
export function useText(): Text {
  const instance = useContext(I18nContext)?.i18n ?? getI18n()
  let text = texts.get(instance)
  if (!text) texts.set(instance, (text = textOf(instance)))
  return text
}

export function textOf(instance: i18n): Text {
  const language = isLanguage(instance.language) ? instance.language : DEFAULT_LANGUAGE
  const fixed = instance.getFixedT(language) as unknown as (...args: unknown[]) => string
  const plain = new Map<string, string>()
  // a key's template, or null once i18next must translate it itself
  const templates = new Map<string, Template | null>()
  const t = ((key: string, ...rest: unknown[]) => {
    if (rest.length === 0) {
      let found = plain.get(key)
      if (found === undefined) plain.set(key, (found = fixed(key)))
      return found
    }
    const values = rest[0]
    if (rest.length > 1 || typeof values !== 'object' || values === null) return fixed(key, ...rest)
    let template = templates.get(key)
    const checking = template === undefined
    if (checking) template = templateOf(instance, language, key)
    const filled = template ? fillTemplate(template, values as Record<string, unknown>) : null
    if (filled === null) {
      if (checking && !template) templates.set(key, null)
      return fixed(key, values)
    }
    if (checking) {
      // the first time: the same words as i18next's, or i18next from now on
      const own = fixed(key, values)
      templates.set(key, own === filled ? template! : null)
      return own
    }
    return filled
  }) as unknown as TFunction
  return { t, language }
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
