import type { TFunction } from 'i18next'
import { isLanguage } from '~/i18n/languages'
import type { Lack } from './activity'

/**
 * The values of what an item lacks for IATI, in the reader's words: the check names missing
 * translations by language code (ru, zh), which a reader sees as the language's name.
 */
export function lackValues(t: TFunction, lack: Lack): Record<string, string | number> {
  const values = lack.values ?? {}
  if (lack.code !== 'translations' || typeof values.languages !== 'string') return values
  const names = values.languages
    .split(',')
    .map((code) => code.trim())
    .map((code) => (isLanguage(code) ? t(`itemText.language.${code}`) : code))
  return { ...values, languages: names.join(t('punctuation.list')) }
}
