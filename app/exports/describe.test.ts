import { describe, expect, it } from 'vitest'
import { listQuery } from '../../tests/setup/fixtures'
import { translator } from '../i18n/i18n'
import { describeView } from './describe'

// The "About this export" sheet names a filter's several values as the reader's language joins a
// list: "a, b" in English and Russian, "a、b" in Chinese.
const line = (language: 'en' | 'ru' | 'zh', label: 'field.status' | 'field.proposers') => {
  const t = translator(language)
  const query = listQuery({ status: ['proposed', 'endorsed'], proposers: ['KAZ', 'UZB'] })
  return Object.fromEntries(describeView(query, t))[t(label) as string]
}

describe('describeView', () => {
  it("joins a filter's values as each language joins a list", () => {
    expect(line('en', 'field.status')).toBe('Proposed, Endorsed')
    expect(line('en', 'field.proposers')).toBe('KAZ (Kazakhstan), UZB (Uzbekistan)')
    const zh = translator('zh')
    expect(line('zh', 'field.status')).toBe(`${zh('status.proposed')}、${zh('status.endorsed')}`)
    const ru = translator('ru')
    expect(line('ru', 'field.status')).toBe(`${ru('status.proposed')}, ${ru('status.endorsed')}`)
  })
})
