import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TRANSLATED_GROUPS } from '~/portfolio/fields'
import { outdatedLanguages } from '~/portfolio/item-text'

/**
 * The item's translations whose source text changed since they were written, each with a
 * "Confirm translation" button for those who may translate the item; updating one is an edit
 * (docs/decisions/0034-translation-provenance.md).
 */
export function OutdatedTranslations({
  outdated,
  canTranslate,
}: {
  /** the item's translations_outdated */
  outdated: string | null
  canTranslate: boolean
}) {
  const { t } = useTranslation()
  const entries = TRANSLATED_GROUPS.flatMap((group) =>
    outdatedLanguages(outdated, group).map((language) => ({ group, language })),
  )
  if (entries.length === 0) return null
  return (
    <section aria-labelledby="outdated-translations" className="notice">
      <h2 id="outdated-translations">{t('item.translationsTitle')}</h2>
      <ul>
        {entries.map(({ group, language }) => {
          const names = {
            language: t(`itemText.language.${language}`),
            field: t(`item.translationGroup.${group}`),
          }
          return (
            <li key={`${group}_${language}`}>
              {t('item.translationOutdatedNotice', names)}{' '}
              {canTranslate ? (
                <Form method="post" action="confirm-translation" className="inline-form">
                  <input type="hidden" name="group" value={group} />
                  <input type="hidden" name="language" value={language} />
                  <button type="submit" aria-label={t('item.confirmTranslationLabel', names)}>
                    {t('item.confirmTranslation')}
                  </button>
                </Form>
              ) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
