import { Link } from '@remix-run/react'
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type RowSelectionState,
  type VisibilityState,
} from '@tanstack/react-table'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ListedItem } from '~/portfolio/item-view'
import { outdatedLanguages, titlesOf } from '~/portfolio/item-text'
import { ItemText } from './ItemText'
import { COLUMNS, type ColumnId } from '~/portfolio/columns'
import { sortOf, type ListQuery } from '~/portfolio/list-query'
import { Amount, QuadrantBadge, StatusBadge } from './badges'
import { useViewHref } from './view-links'
import type { CountryCode, Modality } from '~/portfolio/codes'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'
import { useText } from '~/i18n/use-text'

// The table only renders: sorting, filtering and paging already happened in the database
// (manual* options), so the same view is one URL whether it has 80 items or 100,000.

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
const helper = createColumnHelper<Row>()

function useColumnDefs(itemsPath: string) {
  // once per cell below: the light translator (app/i18n/use-text.ts)
  const { t } = useText()
  const name = useTaxonomyName()
  return useMemo(
    () => [
      helper.accessor('ref', {
        id: 'ref',
        cell: (c) => (
          <Link to={`${itemsPath}/${encodeURIComponent(c.getValue())}`} className="ref">
            {c.getValue()}
          </Link>
        ),
      }),
      helper.accessor('title_en', {
        id: 'title',
        cell: (c) => (
          <>
            <Link to={`${itemsPath}/${encodeURIComponent(c.row.original.ref)}`}>
              <ItemText
                texts={titlesOf(c.row.original)}
                outdated={outdatedLanguages(c.row.original.translations_outdated ?? null, 'title')}
              />
            </Link>
            {c.row.original.archived ? (
              <span className="badge archived">{t('list.archivedBadge')}</span>
            ) : null}
          </>
        ),
      }),
      helper.accessor('strategy', { id: 'strategy', cell: (c) => name('strategy', c.getValue()) }),
      helper.accessor('pillar', {
        id: 'pillar',
        cell: (c) => (c.getValue() == null ? '' : name('pillar', c.getValue()!)),
      }),
      helper.accessor('area', {
        id: 'area',
        cell: (c) => (c.getValue() == null ? '' : name('area', c.getValue()!)),
      }),
      helper.accessor('modalities', {
        id: 'modalities',
        cell: (c) =>
          c
            .getValue()
            .map((m) => t(`modality.${m as Modality}`))
            .join(', '),
      }),
      helper.accessor('proposers', {
        id: 'proposers',
        cell: (c) => (
          <span
            title={c
              .getValue()
              .map((code) => t(`country.${code as CountryCode}`))
              .join(', ')}
          >
            {c.getValue().join(', ')}
          </span>
        ),
      }),
      helper.accessor('status', { id: 'status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
      helper.accessor((r) => [r.start_year, r.end_year], {
        id: 'years',
        cell: (c) => {
          const [start, end] = c.getValue()
          return start || end ? `${start ?? '…'}–${end ?? '…'}` : ''
        },
      }),
      helper.accessor('cost_usd_m', { id: 'cost_usd_m', cell: (c) => <Amount value={c.getValue()} /> }),
      helper.accessor('secured_usd_m', { id: 'secured_usd_m', cell: (c) => <Amount value={c.getValue()} /> }),
      helper.accessor('gap_usd_m', { id: 'gap_usd_m', cell: (c) => <Amount value={c.getValue()} /> }),
      helper.accessor('quadrant', { id: 'quadrant', cell: (c) => <QuadrantBadge quadrant={c.getValue()} /> }),
      helper.accessor('interest', {
        id: 'interest',
        cell: (c) =>
          c
            .getValue()
            .map((flag) =>
              t('list.interestEntry', {
                organisation: flag.organisation,
                stage: t(`cofinancing.stage.${flag.stage}`).toLowerCase(),
              }),
            )
            .join(', '),
      }),
      helper.accessor('updated_at', {
        id: 'updated_at',
        cell: (c) => <time dateTime={c.getValue()}>{c.getValue().slice(0, 10)}</time>,
      }),
      helper.accessor('published', {
        id: 'published',
        cell: (c) => t(c.getValue() ? 'publication.published' : 'publication.internal'),
      }),
    ],
    [t, itemsPath, name],
  )
}

const NUMERIC = new Set<ColumnId>(['cost_usd_m', 'secured_usd_m', 'gap_usd_m'])

/** Ticked rows, by ref, owned by the caller (app/components/bulk): they outlive paging. */
export interface TableSelection {
  rows: RowSelectionState
  onChange: OnChangeFn<RowSelectionState>
}

const SELECT = 'select'

/** The checkbox column: one per row named by its ref, and "select all on this page" in the header. */
function useSelectColumn(enabled: boolean): Array<ColumnDef<Row>> {
  const { t } = useTranslation()
  return useMemo(
    () =>
      enabled
        ? [
            {
              id: SELECT,
              header: ({ table }) => (
                <input
                  type="checkbox"
                  aria-label={t('bulk.selectPage')}
                  checked={table.getIsAllPageRowsSelected()}
                  ref={(el) => {
                    if (el) el.indeterminate = table.getIsSomePageRowsSelected()
                  }}
                  onChange={table.getToggleAllPageRowsSelectedHandler()}
                />
              ),
              cell: ({ row }) => (
                <input
                  type="checkbox"
                  aria-label={t('bulk.selectRow', { ref: row.original.ref })}
                  checked={row.getIsSelected()}
                  onChange={row.getToggleSelectedHandler()}
                />
              ),
            },
          ]
        : [],
    [enabled, t],
  )
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
  const { t } = useTranslation()
  const viewHref = useViewHref()
  const own = useColumnDefs(itemsPath)
  const select = useSelectColumn(selection !== undefined)
  const defs = useMemo(() => [...select, ...(own as Array<ColumnDef<Row>>)], [select, own])
  const columnVisibility: VisibilityState = Object.fromEntries(
    COLUMNS.map((c) => [c.id, columns.includes(c.id)]),
  )
  const table = useReactTable({
    data: items,
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableRowSelection: selection !== undefined,
    onRowSelectionChange: selection?.onChange,
    state: { columnVisibility, rowSelection: selection?.rows ?? {} },
    getRowId: (row) => row.ref,
  })
  const { key, descending } = sortOf(query)

  return (
    <div className="table-wrap">
      <table className="items">
        <caption className="visually-hidden">
          {t('list.caption', {
            column: t(COLUMNS.find((c) => c.sort === key)?.label ?? 'field.ref'),
            direction: t(descending ? 'list.sortedDesc' : 'list.sortedAsc'),
          })}
        </caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                if (header.column.id === SELECT)
                  return (
                    <th key={header.id} scope="col" className="select">
                      {flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  )
                const column = COLUMNS.find((c) => c.id === header.column.id)!
                const label = t(column.label)
                if (column.sort === null) {
                  return (
                    <th key={header.id} scope="col">
                      {label}
                    </th>
                  )
                }
                const active = column.sort === key
                const next = active && !descending ? `-${column.sort}` : column.sort
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
                    className={NUMERIC.has(column.id) ? 'num' : undefined}
                  >
                    <Link
                      to={viewHref({ sort: next === 'ref' ? null : next, page: null })}
                      preventScrollReset
                      aria-label={t(active && !descending ? 'list.sortByDesc' : 'list.sortBy', {
                        column: label,
                      })}
                    >
                      {label}
                      <span
                        aria-hidden="true"
                        className={`sort-mark ${active ? (descending ? 'desc' : 'asc') : ''}`}
                      />
                    </Link>
                  </th>
                )
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className={
                [row.original.archived ? 'archived' : '', row.getIsSelected() ? 'selected' : '']
                  .filter(Boolean)
                  .join(' ') || undefined
              }
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={NUMERIC.has(cell.column.id as ColumnId) ? 'num' : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
