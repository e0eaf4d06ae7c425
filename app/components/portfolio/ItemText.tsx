import { useTranslation } from 'react-i18next'
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_TAGS } from '~/i18n/languages'
import { textFor, type TextsByLanguage } from '~/portfolio/item-text'

/**
 * An item's own text (title, description) in the reader's language; where that translation is
 * missing, another language's text, tagged with its `lang` and followed by a marker naming the
 * language, which a screen reader hears in full (docs/decisions/0028-item-text.md).
 */
export function ItemText({ texts }: { texts: TextsByLanguage }) {
  const { t, i18n } = useTranslation()
  const reader = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  const shown = textFor(texts, reader)
  if (!shown) return null
  const text = <span lang={LANGUAGE_TAGS[shown.language]}>{shown.text}</span>
  if (!shown.fallback) return text
  const language = t(`itemText.language.${shown.language}`)
  return (
    <>
      {text}{' '}
      <span className="lang-marker" data-lang={shown.language}>
        <span aria-hidden="true">{t('itemText.inLanguage', { language })}</span>
        <span className="visually-hidden">{t('itemText.fallbackLabel', { language })}</span>
      </span>
    </>
  )
}
