import type { TFunction } from 'i18next'
import type { ImportError } from './interchange'
import { messageKey } from '../i18n/keys'

/** "Row 7, column proposers: unknown country code XYZ" in the reader's language. */
export function formatImportError(t: TFunction, error: ImportError): string {
  const where =
    error.row === 0
      ? t('import.where.file')
      : error.column
        ? t('import.where.rowColumn', { row: error.row, column: error.column })
        : t('import.where.row', { row: error.row })
  return `${where}: ${t(messageKey(`import.error.${error.key}`), error.values ?? {})}`
}
