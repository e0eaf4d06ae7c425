import { createHash } from 'node:crypto'
import { LANGUAGES, type Language } from '../i18n/languages'
import { FIELDS, TRANSLATED_GROUPS, type TranslatedGroup } from './fields'
import type { TranslatedField } from './item-text'

export type { TranslatedField }

// A translation remembers the text it was made from (docs/decisions/0034-translation-provenance.md).
// In each group of an item's texts (title, description) one language is the original; every other
// language's text is a translation of it and records the original's language and a hash of its
// text when the translation was written or confirmed. When the original changes, the hashes no
// longer match and the translation "may be outdated" until someone updates or confirms it.
// Pure functions over the texts; items.server.ts stores the result with every write.

/** The registry's translated fields: group -> language -> field. */
export const TRANSLATED_FIELDS: Record<TranslatedGroup, Record<Language, TranslatedField>> = (() => {
  const out = Object.fromEntries(TRANSLATED_GROUPS.map((g) => [g, {}])) as Record<
    TranslatedGroup,
    Record<Language, TranslatedField>
  >
  for (const field of FIELDS)
    if ('translation' in field) out[field.translation.group][field.translation.language] = field.name
  return out
})()

/** Where a translation came from: the original's language and a hash of the original's text. */
export interface TranslationSource {
  from: Language
  hash: string
}
export type TranslationSources = Partial<Record<TranslatedField, TranslationSource>>

/** The item's texts of the translated fields (blank or null: not written in that language). */
export type ItemTexts = Partial<Record<TranslatedField, string | null | undefined>>

const textOf = (texts: ItemTexts, field: TranslatedField) => texts[field]?.trim() ?? ''

/** The last text hashed and its hash: a write hashes the same original for each of its translations and again to tell which are outdated. */
let lastHashed: { text: string; hash: string } | null = null

/** The hash of a text as a translation records it: enough to tell a change, not to recover the text. */
export function sourceHash(text: string): string {
  if (lastHashed?.text === text) return lastHashed.hash
  const hash = createHash('sha256').update(text.trim().normalize('NFC')).digest('hex').slice(0, 16)
  lastHashed = { text, hash }
  return hash
}

/**
 * The original of a group: the first language (English, Russian, Chinese) with text that is not
 * itself recorded as a translation; null when the group has no text. `except`: a language that
 * cannot be the original (the one being written as a translation).
 */
function originalOf(
  group: TranslatedGroup,
  texts: ItemTexts,
  sources: TranslationSources,
  except: Language | null = null,
): Language | null {
  const fields = TRANSLATED_FIELDS[group]
  const written = LANGUAGES.filter((lang) => lang !== except && textOf(texts, fields[lang]) !== '')
  return written.find((lang) => !sources[fields[lang]]) ?? written[0] ?? null
}

function sourceFrom(group: TranslatedGroup, from: Language, texts: ItemTexts): TranslationSource {
  return { from, hash: sourceHash(textOf(texts, TRANSLATED_FIELDS[group][from])) }
}

/**
 * The sources after a write changes the texts from `before` to `after`:
 * - a translation written or rewritten is made from the original as it is now (fresh);
 * - the original changing leaves its translations' sources as they were (so they show outdated);
 * - a text removed has no source;
 * - a translation stored before sources were recorded (no entry) counts as made from the original
 *   as it stood before this write, so a change of the original now marks it too.
 */
export function nextSources(before: ItemTexts, beforeSources: TranslationSources, after: ItemTexts) {
  const sources: TranslationSources = { ...beforeSources }
  for (const group of TRANSLATED_GROUPS) {
    const fields = TRANSLATED_FIELDS[group]
    // a group written for the first time: its first language (English first) is the original
    const original = originalOf(group, before, beforeSources) ?? originalOf(group, after, {})
    if (original)
      for (const lang of LANGUAGES)
        if (lang !== original && textOf(before, fields[lang]) && !sources[fields[lang]])
          sources[fields[lang]] = sourceFrom(group, original, before)
    for (const lang of LANGUAGES) {
      const field = fields[lang]
      const text = textOf(after, field)
      if (text === textOf(before, field)) continue
      if (text === '') {
        delete sources[field]
        continue
      }
      if (!sources[field] && lang === original) continue
      const recorded = sources[field]?.from
      const from =
        recorded && textOf(after, fields[recorded]) ? recorded : originalOf(group, after, sources, lang)
      if (from) sources[field] = sourceFrom(group, from, after)
      else delete sources[field]
    }
  }
  return sources
}

/** The translated fields whose original changed since they were made (registry order). */
export function outdatedFields(texts: ItemTexts, sources: TranslationSources): TranslatedField[] {
  const out: TranslatedField[] = []
  for (const group of TRANSLATED_GROUPS)
    for (const lang of LANGUAGES) {
      const field = TRANSLATED_FIELDS[group][lang]
      const source = sources[field]
      if (!source || !textOf(texts, field)) continue
      const original = textOf(texts, TRANSLATED_FIELDS[group][source.from])
      if (original && sourceHash(original) !== source.hash) out.push(field)
    }
  return out
}

/** Confirming a translation: it stands for the original as it is now. */
export function confirmedSources(
  texts: ItemTexts,
  sources: TranslationSources,
  field: TranslatedField,
): TranslationSources {
  const source = sources[field]
  if (!source) return sources
  const [group] = field.split('_') as [TranslatedGroup]
  return { ...sources, [field]: sourceFrom(group, source.from, texts) }
}

/** The stored columns: the sources as JSON, and the outdated fields ';'-delimited for the table's filter. */
export function translationColumns(texts: ItemTexts, sources: TranslationSources) {
  const outdated = outdatedFields(texts, sources)
  return {
    translation_sources: Object.keys(sources).length ? JSON.stringify(sources) : null,
    translations_outdated: outdated.length ? `;${outdated.join(';')};` : null,
  }
}

export function parseSources(json: string | null | undefined): TranslationSources {
  if (!json) return {}
  try {
    const value: unknown = JSON.parse(json)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as TranslationSources) : {}
  } catch {
    return {}
  }
}
