import { describe, expect, it } from 'vitest'
import { CATALOGUES, createI18n, LANGUAGES } from './i18n'
import { fillTemplate, textOf } from './use-text'

// useText fills a key's values itself after checking its first string against i18next's
// (app/i18n/use-text.ts, decision 0049): every string with values of every catalogue must come
// out as i18next writes it, on the checked call and on the ones after.

function stringsOf(node: unknown, prefix = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[prefix, node]]
  if (typeof node !== 'object' || node === null) return []
  return Object.entries(node).flatMap(([key, value]) => stringsOf(value, prefix ? `${prefix}.${key}` : key))
}

describe('useText with values', () => {
  it('writes every catalogue string with values as i18next does, in every language', () => {
    let checked = 0
    let again = false
    let i18nextAgain = 0
    for (const language of LANGUAGES) {
      const reference = createI18n(language)
      const instance = createI18n(language)
      type Translate = (...args: unknown[]) => string
      const getFixedT = instance.getFixedT.bind(instance) as unknown as (...args: unknown[]) => Translate
      // counts the calls that reach i18next after the first of each key
      const counting = (...args: unknown[]): Translate => {
        const fixed = getFixedT(...args)
        return (...rest) => {
          if (again) i18nextAgain++
          return fixed(...rest)
        }
      }
      instance.getFixedT = counting as unknown as typeof instance.getFixedT
      const { t } = textOf(instance)
      const call = t as unknown as (key: string, values: Record<string, unknown>) => string
      for (const [key, text] of stringsOf(CATALOGUES[language])) {
        const names = [...text.matchAll(/\{\{-?\s*([^},]+)/g)].map((m) => m[1]!.trim())
        if (names.length === 0) continue
        for (const make of [
          (n: string) => `<${n}> & '$t(app.name)' {{x}}`,
          (_: string, k: number) => k * 1.5,
        ]) {
          const values = Object.fromEntries(names.map((n, k) => [n, make(n, k)]))
          const expected = reference.t(key as 'app.name', values)
          expect(call(key, values), `${language} ${key}`).toBe(expected)
          again = true
          expect(call(key, values), `${language} ${key}, again`).toBe(expected)
          again = false
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(300)
    // plurals (count) and the like only: the rest are filled without i18next
    expect(i18nextAgain).toBeLessThan(checked / 5)
  })

  it('leaves plurals, contexts, other options and missing values to i18next', () => {
    const template = ['Select ', 'ref', '']
    expect(fillTemplate(template, { ref: 'A-1' })).toBe('Select A-1')
    expect(fillTemplate(template, { ref: 2 })).toBe('Select 2')
    expect(fillTemplate(template, {})).toBeNull()
    expect(fillTemplate(template, { ref: null })).toBeNull()
    expect(fillTemplate(template, { ref: 'A-1', count: 2 })).toBeNull()
    expect(fillTemplate(template, { ref: 'A-1', defaultValue: 'x' })).toBeNull()
    expect(fillTemplate(['Total ', 'count', ''], { count: 2 })).toBeNull()
    const { t } = textOf(createI18n('ru'))
    const reference = createI18n('ru')
    expect(t('bulk.selected', { count: 5 })).toBe(reference.t('bulk.selected', { count: 5 }))
    expect(t('bulk.selected', { count: 1 })).toBe(reference.t('bulk.selected', { count: 1 }))
  })
})
