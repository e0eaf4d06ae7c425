import type { ReactNode } from 'react'
import { useText, type Text } from '~/i18n/use-text'
import { LANGUAGE_TAGS, type Language } from '~/i18n/languages'
import { textFor, type TextsByLanguage } from '~/portfolio/item-text'

/**
 * An item's own text (title, description) in the reader's language; where that translation is
 * missing, another language's text, tagged with its `lang` and followed by a marker naming the
 * language, which a screen reader hears in full (docs/decisions/0028-item-text.md).
 */
export function ItemText({
  texts,
  outdated = [],
}: {
  texts: TextsByLanguage
  /** the languages whose translation may be outdated (item-text.ts outdatedLanguages) */
  outdated?: readonly Language[]
}) {
  return itemText(useText(), texts, outdated)
}

/**
 * ItemText as a plain call, for a table that shows one per row: the same elements without a
 * component (and its hook) per cell (docs/performance.md, "Issue 13: the HTML page's render").
 */
export function itemText(
  { t, language: reader }: Text,
  texts: TextsByLanguage,
  outdated: readonly Language[] = [],
): ReactNode {
  const shown = textFor(texts, reader)
  if (!shown) return null
  const language = t(`itemText.language.${shown.language}`)
  // a translation whose source changed since (docs/decisions/0034-translation-provenance.md)
  const stale = outdated.includes(shown.language) ? (
    <>
      {' '}
      <span className="outdated-marker" data-lang={shown.language}>
        <span aria-hidden="true">{t('itemText.outdated')}</span>
        <span className="visually-hidden">{t('itemText.outdatedLabel', { language })}</span>
      </span>
    </>
  ) : null
  const text = <span lang={LANGUAGE_TAGS[shown.language]}>{shown.text}</span>
  if (!shown.fallback)
    return (
      <>
        {text}
        {stale}
      </>
    )
  return (
    <>
      {text}
      {stale}{' '}
      <span className="lang-marker" data-lang={shown.language}>
        <span aria-hidden="true">{t('itemText.inLanguage', { language })}</span>
        <span className="visually-hidden">{t('itemText.fallbackLabel', { language })}</span>
      </span>
    </>
  )
}
