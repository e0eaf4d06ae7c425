import { describe, expect, it } from 'vitest'
import { baseKey, extraIn, flatten, missingFrom, PLURAL_SUFFIX } from './catalogue-keys'
import { CATALOGUES, LANGUAGES } from './i18n'

// Every catalogue has every key of every other; plural forms are folded into their base key,
// since each language has its own (Russian one/few/many, Chinese none). A key added to en.ts
// without its translations fails here, naming the key and the language that lacks it
// (`npx tsx scripts/i18n-missing.ts` lists them with their English text).

const strings = Object.fromEntries(LANGUAGES.map((l) => [l, new Map(flatten(CATALOGUES[l]))])) as Record<
  (typeof LANGUAGES)[number],
  Map<string, unknown>
>
const placeholders = (text: unknown) =>
  [...String(text).matchAll(/{{\s*(\w+)/g)]
    .map((m) => m[1])
    .sort()
    .join()

describe('the catalogues', () => {
  it.each(LANGUAGES)('%s has every key of English, and no key English lacks', (language) => {
    expect(
      missingFrom(CATALOGUES.en, CATALOGUES[language]).map(([key]) => key),
      'missing',
    ).toEqual([])
    expect(extraIn(CATALOGUES.en, CATALOGUES[language]), 'not in English').toEqual([])
  })

  it.each(LANGUAGES)('%s: every entry is non-empty text', (language) => {
    const bad = [...strings[language]].filter(([, v]) => typeof v !== 'string' || v.trim() === '')
    expect(bad).toEqual([])
  })

  it.each(LANGUAGES)('%s: plural keys have every form its plural rules use', (language) => {
    const keys = new Set(strings[language].keys())
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
    const plural = new Set([...keys].filter((k) => PLURAL_SUFFIX.test(k)).map(baseKey))
    const missing = [...plural].flatMap((key) =>
      categories
        .filter((form) => !keys.has(`${key}_${form}`) && !(form === 'other' && keys.has(key)))
        .map((form) => `${key}_${form}`),
    )
    expect(missing).toEqual([])
  })

  it.each(LANGUAGES)('%s: a whole key keeps the placeholders of the English one', (language) => {
    const differing = [...strings[language]]
      .filter(([key]) => !PLURAL_SUFFIX.test(key) && strings.en.has(key))
      .filter(([key, value]) => placeholders(value) !== placeholders(strings.en.get(key)))
      .map(([key]) => key)
    expect(differing).toEqual([])
  })

  it('Russian plural forms keep the count, since _one also serves 21, 31, ...', () => {
    const dropped = [...strings.ru]
      .filter(([key]) => /_(one|few|many)$/.test(key))
      .filter(
        ([key, value]) =>
          placeholders(strings.ru.get(baseKey(key))).includes('count') &&
          !String(value).includes('{{count}}'),
      )
      .map(([key]) => key)
    expect(dropped).toEqual([])
  })
})

// One word for one thing: an item is a "позиция" / "条目" on every page, its status "under
// review" is "На рассмотрении" / "审议中" and endorsing is "认可" in Chinese, so a reader of the
// written procedures or the history meets the words of the table and the workflow.
// Russian writes е for ё (docs/glossary.md, decision 0024): a reader met "включён" on one page and
// "включен" on the next. ё stays only in a word that would be ambiguous without it.
const NEEDS_YO = new Set(['всё'])

// Chinese punctuation is full-width: a half-width parenthesis set in a Chinese sentence looks like a
// typo. Markup a user types, shown as an example (the comment box's link syntax), is left alone.
const TYPED_MARKUP = /\[[^\]]*\]\([^)]*\)/g

describe('the punctuation and spelling of each language', () => {
  it('Russian writes е, not ё, except in a word ambiguous without it', () => {
    const yo = [...strings.ru].flatMap(([key, text]) =>
      [...String(text).matchAll(/[\p{L}-]*[ёЁ][\p{L}-]*/gu)]
        .map((m) => m[0])
        .filter((word) => !NEEDS_YO.has(word.toLowerCase()))
        .map((word) => `${key}: ${word}`),
    )
    expect(yo).toEqual([])
  })

  it('Chinese quotes its own words in “ ”, not ASCII quotes', () => {
    // the IATI check's intro read 标为"未收录"的条目; code ("-", {"published": true}) keeps ASCII
    const ascii = [...strings.zh].filter(([, text]) => /"[\u4e00-\u9fff]+"/.test(String(text)))
    expect(ascii.map(([key]) => key)).toEqual([])
  })

  it('Chinese writes full-width parentheses', () => {
    const half = [...strings.zh]
      .filter(([, text]) => /[()]/.test(String(text).replace(TYPED_MARKUP, '')))
      .map(([key]) => key)
    expect(half).toEqual([])
  })
})

describe('the words for items, review and endorsement', () => {
  it('Russian calls an item a позиция (a project is only the type "Инвестиционный проект")', () => {
    const project = [...strings.ru].filter(
      ([key, text]) =>
        // the plan's own words for what it holds ("Проекты и мероприятия", its column "Проект или мероприятие")
        !['landing.what', 'publicSite.intro', 'meetings.pack.projectOrActivity'].includes(key) &&
        /проект/i.test(String(text).replace(/Инвестиционный проект/g, '')),
    )
    expect(project.map(([key]) => key)).toEqual([])
  })

  it('Chinese says 条目, 审议中 and 认可 as the status names do', () => {
    expect(strings.zh.get('status.under_review')).toBe('审议中')
    expect(strings.zh.get('status.endorsed')).toBe('已认可')
    const odd = [...strings.zh].filter(([, text]) =>
      /审核中|核准|此项目|个项目(?!组合)|项目编号|关联项目/.test(String(text)),
    )
    expect(odd.map(([key]) => key)).toEqual([])
  })
})

describe('messages a form shows', () => {
  // The invitation form's role select shows "Working group"; its message once asked to "choose
  // secretariat, working_group, steering_committee, partner or viewer", codes the reader never sees.
  it.each(LANGUAGES)('%s: no message names a role by its code', (language) => {
    const coded = [...strings[language]].filter(([, text]) =>
      /\b(working_group|steering_committee)\b/.test(String(text)),
    )
    expect(coded.map(([key]) => key)).toEqual([])
  })

  it.each(LANGUAGES)('%s: lists are joined with the language’s own separator', (language) => {
    expect(strings[language].get('punctuation.list')).toBe(language === 'zh' ? '、' : ', ')
  })

  it('English counts with plural forms, never "item(s)"', () => {
    // "1 item(s) added to the agenda" read as unfinished; "unknown column(s) X" names columns, not a count
    const hedged = [...strings.en].filter(
      ([key, text]) => /\w\(s\)/.test(String(text)) && !key.startsWith('import.error.unknownColumns'),
    )
    expect(hedged.map(([key]) => key)).toEqual([])
  })

  it.each(LANGUAGES)('%s: two sentences in a row take a space only outside Chinese', (language) => {
    expect(strings[language].get('punctuation.sentences')).toBe(
      language === 'zh' ? '{{first}}{{second}}' : '{{first}} {{second}}',
    )
  })

  // A link's problem ("status: "bogus" is not one of …") is a sentence of its own; a template that
  // wrapped it in brackets or ended it with its own stop read "(…не читает.); показан…" and "…。）；".
  it.each(LANGUAGES)('%s: a link or view problem reads as its own sentence, never nested', (language) => {
    const catalogue = strings[language]
    const wrappers = [...catalogue.keys()].filter((key) => /(^|\.)(badParameter|badView)$/.test(key))
    expect(wrappers.length).toBeGreaterThanOrEqual(4)
    const problems = [...catalogue].filter(([key]) => key.startsWith('params.'))
    const fill = (text: unknown, values: Record<string, string>) =>
      String(text).replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => values[name] ?? name)
    const nested = wrappers.flatMap((wrapper) =>
      problems
        .map(([key, problem]) => [key, fill(catalogue.get(wrapper), { message: fill(problem, {}) })] as const)
        .filter(([, text]) => /[.。!?？][)）;；:：.。,，]|[:：][^.。]*[:：]/.test(text))
        .map(([key, text]) => `${wrapper} + ${key}: ${text}`),
    )
    expect(nested).toEqual([])
  })
})
