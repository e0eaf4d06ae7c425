import type { OnChangeFn, RowSelectionState } from '@tanstack/react-table'
import type { ReactNode } from 'react'
import type { ListedItem } from '~/portfolio/item-view'
import { outdatedLanguages, titlesOf } from '~/portfolio/item-text'
import { itemText } from './ItemText'
import { COLUMNS, type ColumnId } from '~/portfolio/columns'
import { sortOf, type ListQuery } from '~/portfolio/list-query'
import { useViewHref } from './view-links'
import { KEEP_SCROLL } from '../links'
import type { CountryCode, Modality, Quadrant, Status } from '~/portfolio/codes'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'
import { formatAmount } from '~/i18n/format'
import { useText, type Text } from '~/i18n/use-text'
import { staticElement } from '../static-markup'

// The table only renders: sorting, filtering and paging already happened in the database, so the
// same view is one URL whether it has 80 items or 100,000.
//
// Each cell is a plain call, not a component: no react-table cell objects and contexts, no
// hook per badge or amount, and the rows' and headers' links are plain anchors whose clicks go
// to the router (app/components/links.ts: one listener for the document, not a Remix Link with its
// hooks per link). At 50 rows that was most of the portfolio page's server time
// (docs/performance.md, "Issue 13: the HTML page's render"; decisions 0044 and 0049). On the server
// the table's elements are then written as one string (static-markup.ts, decision 0059): keep
// them plain elements (no component, hook or context below the table), or they go back to React.

type Row = Pick<
  ListedItem,
  | 'ref'
  | 'title_en'
  | 'strategy'
  | 'pillar'
  | 'area'
  | 'modalities'
  | 'proposers'
  | 'status'
  | 'start_year'
  | 'end_year'
  | 'cost_usd_m'
  | 'secured_usd_m'
  | 'gap_usd_m'
  | 'quadrant'
  | 'interest'
  | 'updated_at'
  | 'archived'
  | 'published'
> & {
  /** absent on the public portfolio, which shows no translation markers */
  translations_outdated?: string | null
}

interface CellText extends Text {
  name: ReturnType<typeof useTaxonomyName>
  itemsPath: string
  /** between a list's entries: ", " (Chinese "、"), looked up once per table */
  list: string
}

function itemLink(cell: CellText, ref: string, content: ReactNode, className?: string) {
  return (
    <a href={`${cell.itemsPath}/${encodeURIComponent(ref)}`} className={className} data-discover="true">
      {content}
    </a>
  )
}

const amount = (cell: CellText, value: number | null) =>
  value == null ? null : formatAmount(value, cell.language)

/** What each column shows for a row, in the order of COLUMNS. */
const CELLS: Record<ColumnId, (row: Row, cell: CellText) => ReactNode> = {
  ref: (row, cell) => itemLink(cell, row.ref, row.ref, 'ref'),
  title: (row, cell) => (
    <>
      {itemLink(
        cell,
        row.ref,
        itemText(cell, titlesOf(row), outdatedLanguages(row.translations_outdated ?? null, 'title')),
      )}
      {row.archived ? <span className="badge archived">{cell.t('list.archivedBadge')}</span> : null}
    </>
  ),
  strategy: (row, cell) => cell.name('strategy', row.strategy),
  pillar: (row, cell) => (row.pillar == null ? '' : cell.name('pillar', row.pillar)),
  area: (row, cell) => (row.area == null ? '' : cell.name('area', row.area)),
  modalities: (row, cell) => row.modalities.map((m) => cell.t(`modality.${m as Modality}`)).join(cell.list),
  proposers: (row, cell) => (
    <span title={row.proposers.map((code) => cell.t(`country.${code as CountryCode}`)).join(cell.list)}>
      {row.proposers.join(cell.list)}
    </span>
  ),
  status: (row, cell) => (
    <span className={`badge status-${row.status}`}>{cell.t(`status.${row.status as Status}`)}</span>
  ),
  years: ({ start_year: start, end_year: end }) => (start || end ? `${start ?? '…'}–${end ?? '…'}` : ''),
  cost_usd_m: (row, cell) => amount(cell, row.cost_usd_m),
  secured_usd_m: (row, cell) => amount(cell, row.secured_usd_m),
  gap_usd_m: (row, cell) => amount(cell, row.gap_usd_m),
  quadrant: (row, cell) => (
    <span className={`badge quadrant-${row.quadrant}`}>{cell.t(`quadrant.${row.quadrant as Quadrant}`)}</span>
  ),
  interest: (row, cell) =>
    row.interest
      .map((flag) =>
        cell.t('list.interestEntry', {
          organisation: flag.organisation,
          stage: cell.t(`cofinancing.stage.${flag.stage}`).toLowerCase(),
        }),
      )
      .join(cell.list),
  updated_at: (row) => <time dateTime={row.updated_at}>{row.updated_at.slice(0, 10)}</time>,
  published: (row, cell) => cell.t(row.published ? 'publication.published' : 'publication.internal'),
}

const NUMERIC = new Set<ColumnId>(['cost_usd_m', 'secured_usd_m', 'gap_usd_m'])

/** A cell's class: amounts align right; the title keeps a reading width (app.css). */
const cellClass = (id: ColumnId) => (NUMERIC.has(id) ? 'num' : id === 'title' ? 'title' : undefined)

/** Ticked rows, by ref, owned by the caller (app/components/bulk): they outlive paging. */
export interface TableSelection {
  rows: RowSelectionState
  onChange: OnChangeFn<RowSelectionState>
}

/** The rows ticked, with these refs ticked (or unticked). */
function ticking(refs: readonly string[], ticked: boolean) {
  return (old: RowSelectionState): RowSelectionState => {
    const next = { ...old }
    for (const ref of refs) {
      if (ticked) next[ref] = true
      else delete next[ref]
    }
    return next
  }
}

export function ItemTable({
  items,
  query,
  columns,
  selection,
  itemsPath = '/items',
}: {
  items: Row[]
  query: ListQuery
  columns: ColumnId[]
  /** rows may be ticked for bulk work when given (app/components/bulk) */
  selection?: TableSelection
  /** where the rows link to: the item pages, or the public portfolio's */
  itemsPath?: string
}) {
  const text = useText()
  const { t } = text
  const name = useTaxonomyName()
  const viewHref = useViewHref()
  const cell: CellText = { ...text, name, itemsPath, list: t('punctuation.list') }
  const shown = COLUMNS.filter((c) => columns.includes(c.id))
  const { key, descending } = sortOf(query)
  const ticked = selection?.rows ?? {}
  const refs = items.map((row) => row.ref)
  const allTicked = refs.length > 0 && refs.every((ref) => ticked[ref])
  const someTicked = !allTicked && refs.some((ref) => ticked[ref])

  // plain elements only below: written as one string on the server (static-markup.ts)
  const table = (
    <>
      <caption className="visually-hidden">
        {t('list.caption', {
          column: t(COLUMNS.find((c) => c.sort === key)?.label ?? 'field.ref'),
          direction: t(descending ? 'list.sortedDesc' : 'list.sortedAsc'),
        })}
      </caption>
      <thead>
        <tr>
          {selection ? (
            <th scope="col" className="select">
              <input
                type="checkbox"
                aria-label={t('bulk.selectPage')}
                checked={allTicked}
                ref={(el) => {
                  if (el) el.indeterminate = someTicked
                }}
                onChange={(event) => selection.onChange(ticking(refs, event.target.checked))}
              />
            </th>
          ) : null}
          {shown.map((column) => {
            const label = t(column.label)
            if (column.sort === null) {
              return (
                <th key={column.id} scope="col">
                  {label}
                </th>
              )
            }
            const active = column.sort === key
            const next = active && !descending ? `-${column.sort}` : column.sort
            return (
              <th
                key={column.id}
                scope="col"
                aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
                className={NUMERIC.has(column.id) ? 'num' : undefined}
              >
                <a
                  href={viewHref({ sort: next === 'ref' ? null : next, page: null })}
                  data-discover="true"
                  {...KEEP_SCROLL}
                  aria-label={t(active && !descending ? 'list.sortByDesc' : 'list.sortBy', {
                    column: label,
                  })}
                >
                  {label}
                  <span
                    aria-hidden="true"
                    className={`sort-mark ${active ? (descending ? 'desc' : 'asc') : ''}`}
                  />
                </a>
              </th>
            )
          })}
        </tr>
      </thead>
      <tbody>
        {items.map((row) => {
          const selected = ticked[row.ref] === true
          return (
            <tr
              key={row.ref}
              className={
                [row.archived ? 'archived' : '', selected ? 'selected' : ''].filter(Boolean).join(' ') ||
                undefined
              }
            >
              {selection ? (
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('bulk.selectRow', { ref: row.ref })}
                    checked={selected}
                    onChange={(event) => selection.onChange(ticking([row.ref], event.target.checked))}
                  />
                </td>
              ) : null}
              {shown.map((column) => (
                <td key={column.id} className={cellClass(column.id)}>
                  {CELLS[column.id](row, cell)}
                </td>
              ))}
            </tr>
          )
        })}
      </tbody>
    </>
  )
  return <div className="table-wrap">{staticElement('table', { className: 'items' }, table)}</div>
}
