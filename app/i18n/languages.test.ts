import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { amountFromInput, amountsToInput, withLocalAmounts } from './amount-input'
import { formatAmount, formatDate, formatNumber, formatUtc } from './format'
import { acceptedLanguage, translator } from './i18n'
import { languageCookie, languageCookieFor, resolveLanguage, withoutLanguageParam } from './language.server'

// Intl writes Russian groups with a no-break space; compare with plain spaces for readability.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

function request(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, { headers })
}

describe('plurals', () => {
  it('Russian picks one, few and many by the number: 1, 2, 5, 21 items', () => {
    const t = translator('ru')
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => t('snapshots.itemCount', { count }))).toEqual([
      '1 позиция',
      '2 позиции',
      '5 позиций',
      '11 позиций',
      '21 позиция',
      '22 позиции',
      '25 позиций',
    ])
    expect(t('history.edited', { who: 'Айгуль', count: 3 })).toBe('Айгуль: изменено 3 поля')
    // A Russian key without plural forms serves every count, never falling back to English's _one.
    expect(t('list.selected', { count: 1 })).toBe('выбрано: 1')
  })

  it('Chinese has one form; English one and other', () => {
    expect([1, 2, 5].map((count) => translator('zh')('snapshots.itemCount', { count }))).toEqual([
      '1 个条目',
      '2 个条目',
      '5 个条目',
    ])
    expect([1, 21].map((count) => translator('en')('snapshots.itemCount', { count }))).toEqual([
      '1 item',
      '21 items',
    ])
  })

  it('an unknown language is answered in English', () => {
    expect(translator('fr')('app.signOut')).toBe('Sign out')
  })
})

describe('formatting', () => {
  it('writes numbers and amounts the way each language does', () => {
    expect(plain(formatNumber(1234.5, 'ru'))).toBe('1 234,5')
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5')
    expect(formatNumber(1234.5, 'zh')).toBe('1,234.5')
    expect(plain(formatAmount(1234567.125, 'ru'))).toBe('1 234 567,125')
    expect(formatAmount(2.5, 'ru')).toBe('2,5')
  })

  it('writes times (UTC) and dates per language; English keeps the ISO form', () => {
    const at = '2026-11-25T09:12:45.123Z'
    expect(formatUtc(at, 'en')).toBe('2026-11-25 09:12 UTC')
    expect(formatUtc(at, 'ru')).toBe('25.11.2026, 09:12 UTC')
    expect(formatUtc(at, 'zh')).toBe('2026/11/25 09:12 UTC')
    expect(formatDate('2026-03-05', 'ru')).toBe('05.03.2026')
    expect(formatDate('2026-03-05', 'zh')).toBe('2026/03/05')
    expect(formatDate('2026-03-05', 'en')).toBe('2026-03-05')
  })
})

describe('amounts typed into forms', () => {
  it('read the language’s separators and come out in the plain form', () => {
    expect(amountFromInput('1 234,5', 'ru')).toBe('1234.5')
    expect(amountFromInput('1\u00a0234,125', 'ru')).toBe('1234.125')
    expect(amountFromInput('12.5', 'ru')).toBe('12.5')
    expect(amountFromInput('1,234.5', 'en')).toBe('1234.5')
    expect(amountFromInput('1,234.5', 'zh')).toBe('1234.5')
    expect(amountFromInput(' 7 ', 'en')).toBe('7')
  })

  it('leave what is not a number in that language as typed, for the schema to refuse', () => {
    expect(amountFromInput('1,5', 'en')).toBe('1,5')
    expect(amountFromInput('1 23,5', 'ru')).toBe('1 23,5')
    expect(amountFromInput('abc', 'ru')).toBe('abc')
    expect(amountFromInput('', 'ru')).toBe('')
  })

  it('reach the schema in the plain form, only in *_usd_m fields', () => {
    const schema = withLocalAmounts(
      z.object({ cost_usd_m: z.string().regex(/^\d+(\.\d+)?$/), note: z.string() }),
      'ru',
    )
    expect(schema.parse({ cost_usd_m: '1 234,5', note: '1 234,5' })).toEqual({
      cost_usd_m: '1234.5',
      note: '1 234,5',
    })
    expect(schema.safeParse({ cost_usd_m: '1,2,3', note: '' }).success).toBe(false)
  })

  it('start a form in the language’s form', () => {
    expect(amountsToInput({ cost_usd_m: '12.5', title_en: 'a.b' }, 'ru')).toEqual({
      cost_usd_m: '12,5',
      title_en: 'a.b',
    })
    expect(amountsToInput({ cost_usd_m: '12.5' }, 'zh')).toEqual({ cost_usd_m: '12.5' })
  })
})

describe('resolveLanguage', () => {
  const account = { id: 'u1', preferredLanguage: 'zh' }
  const russianCookie = { cookie: 'carec_session=abc; carec_lng=ru' }

  it('takes ?lng= first, then the cookie, the account, Accept-Language, English', () => {
    const browserRu = { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' }
    expect(resolveLanguage(request('/items?lng=zh', { ...russianCookie, ...browserRu }), account)).toBe('zh')
    expect(resolveLanguage(request('/items?lng=en', russianCookie), account)).toBe('en')
    expect(resolveLanguage(request('/items', { cookie: 'carec_lng=en' }), account)).toBe('en')
    expect(resolveLanguage(request('/items', browserRu), account)).toBe('zh')
    expect(resolveLanguage(request('/items', browserRu), { id: 'u2' })).toBe('ru')
    expect(resolveLanguage(request('/items', browserRu), null)).toBe('ru')
    expect(resolveLanguage(request('/items'), null)).toBe('en')
  })

  it('passes over values that name no language of ours', () => {
    const junk = { cookie: 'carec_lng=fr', 'accept-language': 'fr-FR, de;q=0.9' }
    expect(resolveLanguage(request('/items?lng=xx', junk), { id: 'u', preferredLanguage: 'de' })).toBe('en')
  })

  it('reads Accept-Language by weight, then order, with regional variants as their language', () => {
    expect(acceptedLanguage('en;q=0.5, zh-CN;q=0.9, ru;q=0.8')).toBe('zh')
    expect(acceptedLanguage('kk-KZ, ru-KZ;q=0.9, en;q=0.9')).toBe('ru')
    expect(acceptedLanguage('ru;q=0, en')).toBe('en')
    expect(acceptedLanguage('fr, de')).toBeNull()
    expect(acceptedLanguage(null)).toBeNull()
  })

  it('remembers a shared link’s language in the cookie, once', () => {
    expect(languageCookieFor(request('/items?lng=ru'))).toBe(languageCookie('ru'))
    expect(languageCookieFor(request('/items?lng=ru', russianCookie))).toBeNull()
    expect(languageCookieFor(request('/items'))).toBeNull()
    expect(languageCookie('zh')).toMatch(/^carec_lng=zh; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly$/)
  })

  it('sends the switcher back to the page without its ?lng=', () => {
    expect(withoutLanguageParam('/items?status=proposed&lng=ru&page=2')).toBe('/items?status=proposed&page=2')
    expect(withoutLanguageParam('/login?lng=zh')).toBe('/login')
  })
})
