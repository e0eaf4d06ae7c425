import { describe, expect, it } from 'vitest'
import { translator } from '~/i18n/i18n'
import { lackValues } from './lack-text'

describe('what an item lacks for IATI, in the reader’s words', () => {
  it('names missing translations by language, not by code', () => {
    const lack = {
      code: 'translations',
      severity: 'advice',
      group: 'rule',
      fix: 'item',
      values: { languages: 'ru, zh' },
    } as const
    expect(lackValues(translator('ru'), lack).languages).toBe('русский, китайский')
    expect(lackValues(translator('en'), lack).languages).toBe('Russian, Chinese')
    expect(translator('ru')('iatiExport.lack.translations', lackValues(translator('ru'), lack))).not.toMatch(
      /\bru\b|\bzh\b/,
    )
  })

  it('leaves other lacks’ values as they are', () => {
    const lack = {
      code: 'sectorCode',
      severity: 'blocks',
      group: 'rule',
      fix: 'item',
      values: { code: '99999' },
    } as const
    expect(lackValues(translator('zh'), lack)).toEqual({ code: '99999' })
  })
})
