import type { TFunction } from 'i18next'
import { shorten } from '../portfolio/text'
import type { ImportError } from './interchange'
import { messageKey } from '../i18n/keys'
import { shownValues } from '../i18n/message'

/**
 * A problem in words: the file's shape under import.error, a cell's by its field rule's own key
 * (validation.*, the form's message), its values shown as every message's are (`shownValues`).
 */
export function importErrorText(t: TFunction, error: ImportError): string {
  // The form's amount rule reads "12,5" in Russian; a file's cells take a dot in every language.
  // An empty required cell: the form's "This field is required." did not say that the import
  // keeps an item's stored value only where the file leaves the column out.
  const key =
    error.key === 'validation.amount'
      ? 'import.error.amount'
      : error.key === 'validation.required'
        ? 'import.error.emptyRequired'
        : error.key.includes('.')
          ? error.key
          : `import.error.${error.key}`
  const values = shownValues(t, error.values ?? {})
  const text = t(messageKey(key), values)
  // A cell's rule says what is wanted; the cell as it was goes in front, unless the message names
  // the wrong part itself (unknown codes) or it holds what cannot be shown (a control character).
  const cell = values.text
  if (typeof cell !== 'string' || cell === '' || 'value' in values || error.key === 'validation.control')
    return text
  return t('import.where.cell', { text: shorten(cell, 40), message: text })
}

/** "Row 7, column proposers: unknown country code XYZ" in the reader's language. */
export function formatImportError(t: TFunction, error: ImportError): string {
  const where =
    error.row === 0
      ? t('import.where.file')
      : error.column
        ? t('import.where.rowColumn', { row: error.row, column: error.column })
        : t('import.where.row', { row: error.row })
  return `${where}: ${importErrorText(t, error)}`
}
