import { useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OtherLanguageLinks } from '~/components/i18n/OtherLanguageLinks'

/**
 * "Export CSV" / "Export XLSX" / "IATI XML" (and its check page): the current view (filters, sort, columns; not the page) as a
 * download of all its items. Plain links, so they work without JavaScript and can be copied.
 */
export function ExportLinks({ total }: { total: number }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const params = new URLSearchParams(search)
  params.delete('page')
  params.delete('pageSize')
  params.delete('lng')
  const query = params.toString() ? `?${params}` : ''
  return (
    <nav className="export-links" aria-label={t('export.label')}>
      <a href={`/export/items.csv${query}`} download title={t('export.csvHint', { total })}>
        {t('export.csv')}
      </a>
      <a href={`/export/items.xlsx${query}`} download title={t('export.xlsxHint', { total })}>
        {t('export.xlsx')}
      </a>
      <OtherLanguageLinks href={`/export/items.xlsx${query}`} label={t('export.xlsxOther')} />
      <a href={`/export/iati.xml${query}`} download title={t('iatiExport.linkHint')}>
        {t('iatiExport.link')}
      </a>
      <a href={`/iati${query}`}>{t('iatiExport.checkLink')}</a>
    </nav>
  )
}
