import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGE_NAMES, LANGUAGE_TAGS, LANGUAGES } from '~/i18n/languages'

/**
 * Links to a download (the meeting pack's PDF, the XLSX export) in each other language: the file
 * is made in the reader's language unless the link's ?lng= names another, which a download
 * answers without changing the reader's own choice.
 */
export function OtherLanguageLinks({ href, label }: { href: string; label: string }) {
  const { i18n } = useTranslation()
  const [path, query = ''] = href.split('?')
  const link = (language: string) => {
    const params = new URLSearchParams(query)
    params.set('lng', language)
    return `${path}?${params}`
  }
  return (
    <span className="other-languages">
      {label}{' '}
      {LANGUAGES.filter((language) => language !== i18n.language).map((language, index) => (
        <Fragment key={language}>
          {index > 0 ? ' · ' : null}
          <a href={link(language)} download lang={LANGUAGE_TAGS[language]} hrefLang={LANGUAGE_TAGS[language]}>
            {LANGUAGE_NAMES[language]}
          </a>
        </Fragment>
      ))}
    </span>
  )
}
