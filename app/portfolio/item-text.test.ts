import { describe, expect, it } from 'vitest'
import { plainTextFor, textFor, titlesOf } from './item-text'

describe("an item's text in the reader's language", () => {
  const all = { en: 'Dry port', ru: 'Сухой порт', zh: '旱港' }

  it("shows the reader's own language when there is a translation", () => {
    expect(textFor(all, 'ru')).toEqual({ text: 'Сухой порт', language: 'ru', fallback: false })
    expect(textFor(all, 'zh')).toEqual({ text: '旱港', language: 'zh', fallback: false })
    expect(textFor(all, 'en')).toEqual({ text: 'Dry port', language: 'en', fallback: false })
  })

  it('falls back to English first, then the other language, and says so', () => {
    expect(textFor({ en: 'Dry port', ru: 'Сухой порт' }, 'zh')).toEqual({
      text: 'Dry port',
      language: 'en',
      fallback: true,
    })
    expect(textFor({ zh: '旱港', ru: 'Сухой порт' }, 'en')).toEqual({
      text: 'Сухой порт',
      language: 'ru',
      fallback: true,
    })
    expect(textFor({ zh: '旱港' }, 'ru')).toEqual({ text: '旱港', language: 'zh', fallback: true })
  })

  it('treats a blank translation as missing', () => {
    expect(textFor(titlesOf({ title_en: '', title_ru: '  ', title_zh: '旱港' }), 'en')?.language).toBe('zh')
    expect(textFor({ en: '', ru: null }, 'en')).toBeNull()
  })

  it('marks another language in plain text by its code', () => {
    expect(plainTextFor({ zh: '旱港' }, 'en')).toBe('旱港 [zh]')
    expect(plainTextFor(all, 'en')).toBe('Dry port')
  })
})
