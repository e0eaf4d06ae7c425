import type { Page } from '@playwright/test'
import { en } from '../../app/i18n/en'
import { ru } from '../../app/i18n/ru'
import { zh } from '../../app/i18n/zh'
import { flatten } from '../../app/i18n/catalogue-keys'

// What a page in Russian or Chinese must not show: an English catalogue string that the language
// writes otherwise (English left untranslated, or a string that never went through the catalogue
// but happens to be one), nor a raw key such as `form.save`. Shared by the crawl
// (tests/e2e/translations.spec.ts) and the journeys (tests/e2e/language-journeys.spec.ts).

const CATALOGUES = { ru, zh } as const
export type Target = keyof typeof CATALOGUES
export const TAGS: Record<Target, string> = { ru: 'ru', zh: 'zh-Hans' }

export const normal = (text: string) => text.replace(/\s+/g, ' ').trim()
const values = (catalogue: object) =>
  flatten(catalogue)
    .map(([, value]) => value)
    .filter((value): value is string => typeof value === 'string')
    .map(normal)

/** English strings (placeholders as wildcards) that the language writes otherwise. */
export function untranslatedMatchers(
  target: Target,
): Array<{ english: string; test: (text: string) => boolean }> {
  const own = new Set(values(CATALOGUES[target]))
  return [...new Set(values(en))]
    .filter((english) => !own.has(english))
    .flatMap((english) => {
      if (!english.includes('{{')) return [{ english, test: (text: string) => text === english }]
      // Interpolated: only strings with enough words of their own to be told apart from data.
      const literal = english.replace(/\{\{[^}]+\}\}/g, '')
      if ((literal.match(/\p{L}/gu) ?? []).length < 6) return []
      const pattern = new RegExp(
        `^${english
          .split(/\{\{[^}]+\}\}/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.+?')}$`,
        'u',
      )
      return [{ english, test: (text: string) => pattern.test(text) }]
    })
}

const TOP_LEVEL = new Set(Object.keys(en))
export const looksLikeKey = (text: string) =>
  /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_:]+)+$/.test(text) && TOP_LEVEL.has(text.split('.')[0]!)

/**
 * Texts of the page as a reader meets them: each text node, each element's text, labels, the
 * title. Text marked with another `lang` (the switcher's language names, an item's other titles)
 * is left out.
 */
export async function textsOf(page: Page, language: string): Promise<string[]> {
  return page.evaluate((pageLanguage) => {
    const out: string[] = [document.title]
    const other = (element: Element) => {
      const marked = element.closest('[lang]')
      return !!marked && marked !== document.documentElement && marked.getAttribute('lang') !== pageLanguage
    }
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(element.tagName) || other(element)) continue
      for (const node of Array.from(element.childNodes))
        if (node.nodeType === Node.TEXT_NODE && node.textContent) out.push(node.textContent)
      if (element.children.length > 0 && (element.textContent ?? '').length < 400)
        out.push(element.textContent ?? '')
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(attribute)
        if (value) out.push(value)
      }
      if (element instanceof HTMLInputElement && ['submit', 'button'].includes(element.type))
        out.push(element.value)
    }
    return out
  }, language)
}

/** The English catalogue strings and raw keys on the page as it stands, in `target`. */
export async function catalogueProblems(page: Page, target: Target): Promise<string[]> {
  const untranslated = untranslatedMatchers(target)
  const problems = new Set<string>()
  for (const raw of await textsOf(page, TAGS[target])) {
    const text = normal(raw)
    if (!text) continue
    if (looksLikeKey(text)) problems.add(`raw key "${text}"`)
    if (untranslated.some((m) => m.test(text))) problems.add(`English "${text}"`)
  }
  return [...problems].sort()
}
