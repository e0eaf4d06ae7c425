import { createElement as h } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { i18nFor } from '~/i18n/use-text'
import { RoleAndScope } from './ScopeFields'

// A person's role and countries (the people list, a person's and the account page): the countries
// joined as the reader's language joins a list.
const shown = (language: 'en' | 'ru' | 'zh', countries: string[], organisation: string | null = null) =>
  renderToStaticMarkup(
    h(
      I18nextProvider,
      { i18n: i18nFor(language) },
      h(RoleAndScope, { role: 'working_group', countries, organisation }),
    ),
  )

describe('RoleAndScope', () => {
  it('joins several countries as each language joins a list', () => {
    expect(shown('en', ['KAZ', 'UZB'])).toContain('>KAZ, UZB<')
    expect(shown('ru', ['KAZ', 'UZB'])).toContain('>KAZ, UZB<')
    expect(shown('zh', ['KAZ', 'UZB'])).toContain('>KAZ、UZB<')
  })

  it('shows the organisation when there are no countries', () => {
    expect(shown('zh', [], 'ADB')).toContain('>ADB<')
  })
})
