import { useText } from '~/i18n/use-text'
import { useViewHref } from './view-links'

// Plain anchors whose clicks go through the router (app/components/links.ts).
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
        <a href={to(previous)} rel="prev" data-discover="true">
          {t('list.previous')}
        </a>
      ) : (
        <span aria-disabled="true">{t('list.previous')}</span>
      )}
      {page <= pages ? <span aria-current="page">{t('list.pageOf', { page, pages })}</span> : null}
      {page < pages ? (
        <a href={to(page + 1)} rel="next" data-discover="true">
          {t('list.next')}
        </a>
      ) : (
        <span aria-disabled="true">{t('list.next')}</span>
      )}
    </nav>
  )
}
