import { useLocation } from '@remix-run/react'
import { StartJobButton } from '~/components/jobs/StartJobButton'
import { useText } from '~/i18n/use-text'
import { OtherLanguageLinks } from '~/components/i18n/OtherLanguageLinks'
import { EXPORT_DIRECT_ROWS } from '~/jobs/limits'

const BUTTON = { csv: 'export.csv', xlsx: 'export.xlsx', iati: 'iatiExport.link' } as const

/**
 * "Export CSV" / "Export XLSX" / "IATI XML" (and its check page): the current view (filters, sort, columns; not the page) as a
 * download of all its items. Plain links, so they work without JavaScript and can be copied.
 */
export function ExportLinks({ total }: { total: number }) {
  const { t } = useText()
  const { search } = useLocation()
  const params = new URLSearchParams(search)
  params.delete('page')
  params.delete('pageSize')
  params.delete('lng')
  const query = params.toString() ? `?${params}` : ''
  // A big view is prepared by a background job (docs/decisions/0035), downloaded from its page.
  if (total > EXPORT_DIRECT_ROWS)
    return (
      <nav className="export-links" aria-label={t('export.label')}>
        {(['csv', 'xlsx', 'iati'] as const).map((format) => (
          <StartJobButton
            key={format}
            kind={`export_${format}`}
            search={params.toString()}
            label={t(BUTTON[format])}
            title={t('jobs.backgroundHint', { limit: EXPORT_DIRECT_ROWS })}
          />
        ))}
        <a href={`/iati${query}`}>{t('iatiExport.checkLink')}</a>
      </nav>
    )
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
