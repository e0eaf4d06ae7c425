import { describe, expect, it } from 'vitest'
import { insertUser } from '../../tests/setup/fixtures'
import { translationCases } from '../../tests/setup/translation-cases'
import { useTestDb } from '../../tests/setup/test-db'
import { confirmedSources, nextSources, outdatedFields, sourceHash } from './translations.server'

describe('what a translation was made from', () => {
  it('a translation added beside an original is made from it; the original changing marks it', () => {
    const first = nextSources({}, {}, { title_en: 'Dry port', title_ru: 'Сухой порт' })
    expect(first).toEqual({ title_ru: { from: 'en', hash: sourceHash('Dry port') } })
    const after = { title_en: 'Dry port at Khorgos', title_ru: 'Сухой порт' }
    const second = nextSources({ title_en: 'Dry port', title_ru: 'Сухой порт' }, first, after)
    expect(outdatedFields(after, second)).toEqual(['title_ru'])
    expect(outdatedFields(after, confirmedSources(after, second, 'title_ru'))).toEqual([])
  })

  it('an item written in Russian first has Russian as the original of its English translation', () => {
    const sources = nextSources({}, {}, { title_en: '', title_ru: 'Дорога' })
    expect(sources).toEqual({})
    const withEnglish = nextSources({ title_ru: 'Дорога' }, sources, { title_en: 'Road', title_ru: 'Дорога' })
    expect(withEnglish).toEqual({ title_en: { from: 'ru', hash: sourceHash('Дорога') } })
    const texts = { title_en: 'Road', title_ru: 'Горная дорога' }
    expect(
      outdatedFields(texts, nextSources({ title_en: 'Road', title_ru: 'Дорога' }, withEnglish, texts)),
    ).toEqual(['title_en'])
  })

  it('translations stored before sources were kept count as made from the original as it stood', () => {
    const before = { title_en: 'Rail', title_zh: '铁路', description_en: 'Track' }
    const after = { ...before, title_en: 'Rail corridor' }
    expect(outdatedFields(after, nextSources(before, {}, after))).toEqual(['title_zh'])
  })

  it('a removed translation has no source; a change of spacing alone changes nothing', () => {
    const sources = nextSources({}, {}, { title_en: 'Rail', title_zh: '铁路' })
    expect(nextSources({ title_en: 'Rail', title_zh: '铁路' }, sources, { title_en: 'Rail' })).toEqual({})
    const after = { title_en: ' Rail ', title_zh: '铁路' }
    expect(
      outdatedFields(after, nextSources({ title_en: 'Rail', title_zh: '铁路' }, sources, after)),
    ).toEqual([])
  })
})

describe('translation provenance on SQLite', () => {
  const test = useTestDb()

  it('marks, filters, confirms and updates outdated translations, scoped by country', async () => {
    await translationCases(test.db, {
      secretariat: await insertUser(test.db, 'secretariat'),
      kazakh: await insertUser(test.db, 'working_group', ['KAZ']),
      georgian: await insertUser(test.db, 'working_group', ['GEO']),
    })
  })
})
