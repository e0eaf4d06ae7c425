import { Form, useLocation } from '@remix-run/react'
import { useText } from '~/i18n/use-text'
import { LANGUAGE_NAMES, LANGUAGE_TAGS, LANGUAGES } from '~/i18n/languages'

/**
 * The header's choice of language, on every page: a plain form posting to /language, so it works
 * without JavaScript, and comes back to this page (without any ?lng=, which would override it).
 * Each name is written in its own language and marked so (lang), for screen readers.
 */
export function LanguageSwitcher({ current }: { current: string }) {
  const { t } = useText()
  const location = useLocation()
  const params = new URLSearchParams(location.search)
  params.delete('lng')
  const query = params.toString()
  return (
    <Form method="post" action="/language" className="language-switcher" aria-label={t('language.choose')}>
      <input type="hidden" name="redirectTo" value={location.pathname + (query ? `?${query}` : '')} />
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="submit"
          name="lng"
          value={language}
          lang={LANGUAGE_TAGS[language]}
          aria-pressed={language === current}
          className="link-button"
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </Form>
  )
}
