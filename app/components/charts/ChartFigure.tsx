import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

// A chart's frame: its name (the heading) and description, which the drawing points to with
// aria-labelledby and aria-describedby, and the same numbers as a table one click away (a
// <details>, closed by default, which works without JavaScript and opens in print).

export interface ChartTable {
  headers: string[]
  rows: Array<{ key: string; label: string; level?: number; href: string | null; cells: string[] }>
}

export function ChartFigure({
  id,
  title,
  description,
  note,
  table,
  empty,
  children,
}: {
  id: string
  title: string
  description: string
  note?: string
  table: ChartTable
  empty?: string
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p id={`${id}-description`} className="muted">
        {description}
        {note ? ` ${note}` : null}
      </p>
      {table.rows.length === 0 ? <p>{empty ?? t('dashboard.noData')}</p> : children}
      {table.rows.length ? (
        <details className="chart-table">
          <summary>{t('dashboard.showTable', { title })}</summary>
          <table className="items">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.headers.map((header, k) => (
                  <th key={header} scope="col" className={k > 0 ? 'num' : undefined}>
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key} className={row.level ? 'sub' : undefined}>
                  <th scope="row">{row.href ? <a href={row.href}>{row.label}</a> : row.label}</th>
                  {row.cells.map((cell, k) => (
                    <td key={k} className="num">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  )
}
