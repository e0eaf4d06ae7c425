import { useLocation } from '@remix-run/react'
import type { RowSelectionState, Updater } from '@tanstack/react-table'
import { useEffect, useMemo, useState } from 'react'
import { useText } from '~/i18n/use-text'
import type { BulkOptions } from '~/bulk/report'
import type { ColumnId } from '~/portfolio/columns'
import type { ListQuery } from '~/portfolio/list-query'
import { ItemTable } from '../portfolio/ItemTable'
import { BulkBar } from './BulkBar'

type Rows = Parameters<typeof ItemTable>[0]['items']

/** The view without its page: a selection belongs to one view and survives paging through it. */
function viewKeyOf(search: string): string {
  const params = new URLSearchParams(search)
  params.delete('page')
  params.delete('lng')
  return params.toString()
}

/**
 * The portfolio table with row selection and the bulk bar: tick rows (they stay ticked while you
 * page), all on the page, or every item matching the filters; a change of filters starts afresh.
 */
export function SelectableItemTable({
  items,
  query,
  columns,
  total,
  bulk,
}: {
  items: Rows
  query: ListQuery
  columns: ColumnId[]
  total: number
  bulk: BulkOptions
}) {
  const { t } = useText()
  const { search } = useLocation()
  const viewKey = viewKeyOf(search)
  const [rows, setRows] = useState<RowSelectionState>({})
  const [allMatching, setAllMatching] = useState(false)
  useEffect(() => {
    setRows({})
    setAllMatching(false)
  }, [viewKey])
  const onChange = (updater: Updater<RowSelectionState>) => {
    setAllMatching(false)
    setRows((old) => (typeof updater === 'function' ? updater(old) : updater))
  }
  const shownRows = useMemo<RowSelectionState>(
    () => (allMatching ? Object.fromEntries(items.map((i) => [i.ref, true])) : rows),
    [allMatching, items, rows],
  )
  const refs = Object.keys(rows).filter((ref) => rows[ref])
  const pageAllTicked = items.length > 0 && items.every((i) => rows[i.ref])
  return (
    <>
      <BulkBar
        options={bulk}
        refs={allMatching ? [] : refs}
        allMatching={allMatching ? total : null}
        view={viewKey}
        onClear={() => {
          setRows({})
          setAllMatching(false)
        }}
      >
        {pageAllTicked && !allMatching && total > items.length ? (
          <button type="button" className="link-button" onClick={() => setAllMatching(true)}>
            {t('bulk.selectAllMatching', { total })}
          </button>
        ) : null}
      </BulkBar>
      <ItemTable items={items} query={query} columns={columns} selection={{ rows: shownRows, onChange }} />
    </>
  )
}
