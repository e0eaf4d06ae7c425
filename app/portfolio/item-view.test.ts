import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '../i18n/languages'
import { textFor, titlesOf } from './item-text'
import { toTableRow, type ListedItem } from './item-view'

function item(titles: { title_en: string; title_ru: string | null; title_zh: string | null }): ListedItem {
  return { ...titles, ref: 'CITA-01-000001', interest: [] } as unknown as ListedItem
}

describe('toTableRow', () => {
  const items = [
    item({ title_en: 'Rail link', title_ru: 'Железная дорога', title_zh: '铁路' }),
    item({ title_en: 'Rail link', title_ru: null, title_zh: null }),
    item({ title_en: '', title_ru: null, title_zh: '铁路' }),
    item({ title_en: '', title_ru: 'Железная дорога', title_zh: null }),
  ]

  it('shows each reader the same title, in the same language, as the whole item would', () => {
    for (const reader of LANGUAGES)
      for (const full of items)
        expect(textFor(titlesOf(toTableRow(full, reader)), reader)).toEqual(textFor(titlesOf(full), reader))
  })

  it('sends only the title shown', () => {
    const row = toTableRow(items[0]!, 'ru')
    expect([row.title_en, row.title_ru, row.title_zh]).toEqual(['', 'Железная дорога', null])
  })
})
