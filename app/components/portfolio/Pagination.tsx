import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useViewHref } from './view-links'

export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t } = useTranslation()
  const viewHref = useViewHref()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  const to = (p: number) => viewHref({ page: p === 1 ? null : String(p) })
  return (
    <nav className="pagination" aria-label={t('list.pagination')}>
      {page > 1 ? (
        <Link to={to(page - 1)} rel="prev">
          {t('list.previous')}
        </Link>
      ) : (
        <span aria-disabled="true">{t('list.previous')}</span>
      )}
      <span aria-current="page">{t('list.pageOf', { page, pages })}</span>
      {page < pages ? (
        <Link to={to(page + 1)} rel="next">
          {t('list.next')}
        </Link>
      ) : (
        <span aria-disabled="true">{t('list.next')}</span>
      )}
    </nav>
  )
}
