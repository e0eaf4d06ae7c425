import { Link } from '@remix-run/react'
import { useText } from '~/i18n/use-text'
import { useViewHref } from './view-links'

export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t } = useText()
  const viewHref = useViewHref()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1 && page <= 1) return null
  // Past the end (an old link, a shrunken result): "previous" leads back to the last page.
  const previous = Math.min(page - 1, pages)
  const to = (p: number) => viewHref({ page: p === 1 ? null : String(p) })
  return (
    <nav className="pagination" aria-label={t('list.pagination')}>
      {page > 1 ? (
        <Link to={to(previous)} rel="prev">
          {t('list.previous')}
        </Link>
      ) : (
        <span aria-disabled="true">{t('list.previous')}</span>
      )}
      {page <= pages ? <span aria-current="page">{t('list.pageOf', { page, pages })}</span> : null}
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
