import { describe, expect, it } from 'vitest'
import { CATALOGUES, LANGUAGES, translator } from './i18n'

// Every catalogue has every key of every other, so adding a language is adding its catalogue to
// CATALOGUES: this file then checks it like the others. Plural forms differ by language (Russian
// has one, few and many; Chinese only other), so a key is compared without its plural suffix and
// each plural key is checked for the forms its language's plural rules use.

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/

/** Every string in a catalogue by its dotted key ('app.inboxUnread_one'). */
function entries(catalogue: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(catalogue).flatMap(([key, value]): Array<[string, unknown]> => {
    const path = prefix ? `${prefix}.${key}` : key
    return value !== null && typeof value === 'object' ? entries(value, path) : [[path, value]]
  })
}

const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '')

/** For each language, the keys (plural forms folded into their base key) another catalogue has and it lacks. */
function missingKeys(catalogues: Record<string, object>): Record<string, string[]> {
  const keys = Object.fromEntries(
    Object.entries(catalogues).map(([language, c]) => [
      language,
      new Set(entries(c).map(([k]) => baseKey(k))),
    ]),
  )
  const all = new Set(Object.values(keys).flatMap((set) => [...set]))
  return Object.fromEntries(
    Object.entries(keys).map(([language, own]) => [language, [...all].filter((k) => !own.has(k)).sort()]),
  )
}

/** Plural keys lacking a form the language uses; the bare key stands for `other`, as i18next reads it. */
function missingPluralForms(language: string, catalogue: object): string[] {
  const keys = new Set(entries(catalogue).map(([k]) => k))
  const plurals = new Set([...keys].filter((k) => PLURAL_SUFFIX.test(k)).map(baseKey))
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories
  return [...plurals].flatMap((base) =>
    forms
      .filter((form) => !keys.has(`${base}_${form}`) && !(form === 'other' && keys.has(base)))
      .map((form) => `${base}_${form}`),
  )
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]).sort()

/** Keys whose {{placeholders}} in `language` differ from another language's, as "other key". */
function differingPlaceholders(catalogues: Record<string, object>, language: string): string[] {
  const own = new Map(entries(catalogues[language]!).map(([k, v]) => [k, placeholders(String(v)).join()]))
  return Object.entries(catalogues)
    .filter(([other]) => other !== language)
    .flatMap(([other, catalogue]) =>
      entries(catalogue)
        // a plural form may leave the count out ("one item"): only whole keys are compared
        .filter(([key]) => !PLURAL_SUFFIX.test(key) && own.has(key))
        .filter(([key, value]) => placeholders(String(value)).join() !== own.get(key))
        .map(([key]) => `${other} ${key}`),
    )
}

describe('the catalogues', () => {
  it('compare by key, plural forms folded, so a missing key is named with its language', () => {
    const en = { a: { b: 'B', n: '{{count}} items', n_one: 'one item' } }
    const ru = { a: { n_one: '{{count}} штука', n_few: '{{count}} штуки', n_many: '{{count}} штук' } }
    expect(missingKeys({ en, ru })).toEqual({ en: [], ru: ['a.b'] })
    expect(missingPluralForms('ru', ru)).toEqual(['a.n_other'])
    expect(missingPluralForms('en', en)).toEqual([])
    expect(missingPluralForms('en', { n_other: 'x' })).toEqual(['n_one'])
    expect(differingPlaceholders({ en, ru: { a: { b: 'Б {{name}}', n: '{{count}} шт.' } } }, 'ru')).toEqual([
      'en a.b',
    ])
  })

  it('are one per language', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LANGUAGES].sort())
  })

  it('each have every key of every other', () => {
    const missing = Object.entries(missingKeys(CATALOGUES)).filter(([, keys]) => keys.length > 0)
    expect(missing, 'keys missing from a catalogue, by language').toEqual([])
  })

  it.each(LANGUAGES)(
    '%s: every entry is text, and plural keys have the forms the language uses',
    (language) => {
      const catalogue = CATALOGUES[language]
      const notText = entries(catalogue).filter(
        ([, value]) => typeof value !== 'string' || value.trim() === '',
      )
      expect(notText).toEqual([])
      expect(missingPluralForms(language, catalogue)).toEqual([])
    },
  )

  it.each(LANGUAGES)('%s: a key keeps the placeholders of the other languages', (language) => {
    expect(differingPlaceholders(CATALOGUES, language)).toEqual([])
  })
})

describe('translation keys', () => {
  it('are typed: an unknown key fails the typecheck, and at run time shows as itself', () => {
    const t = translator()
    // @ts-expect-error: not a key of the catalogue. If this line compiled, `npm run typecheck` would
    // fail here: keys would no longer be checked.
    expect(t('no.such.key')).toBe('no.such.key')
    expect(t('app.name')).toBe('CAREC Pipeline')
  })
})
