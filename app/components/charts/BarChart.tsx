import { Group } from '@visx/group'
import { useTranslation } from 'react-i18next'
import { scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { ChartFigure, type ChartTable } from './ChartFigure'
import { colourAt } from './palette'

// Horizontal bars, one row per category with its name above its bars (names such as pillars are
// long), one bar per series. A row is one link (to the table of exactly its items), so the
// keyboard steps through categories, not through every bar; the link's name says every value.
// Drawn by visx into plain SVG: the same markup on the server, in the browser and in print.

export interface BarSeries {
  label: string
  /**
   * A count that `format` says with its noun ("80 items", "80 позиций"): the bar and its link say
   * it alone, not after the series' name ("Items: 80 items"), and the table, whose column the
   * name heads, gives the number alone.
   */
  counts?: boolean
}

export interface BarRow {
  key: string
  label: string
  /** 1: indented under the row before it (a pillar under its strategy) */
  level?: 0 | 1
  values: number[]
  /** the table view of the row's items; null when no filter can name them */
  href: string | null
}

const WIDTH = 560
const LABEL = 18
const BAR = 14
const GAP = 10
const VALUE_ROOM = 150
const INDENT = 16

export function BarChart({
  id,
  title,
  description,
  note,
  series,
  rows,
  format,
  scaleOf,
  category,
  empty,
}: {
  id: string
  title: string
  description: string
  note?: string
  series: BarSeries[]
  rows: BarRow[]
  /** a value as text, for series `index` */
  format: (value: number, index: number) => string
  /**
   * Which scale each series is drawn on: series of one unit share one (cost, secured, gap), others
   * have their own (items beside amounts). Default: all on one.
   */
  scaleOf?: (index: number) => number
  /** the heading of the table's first column */
  category: string
  /** said instead of the chart when there is nothing to draw */
  empty?: string
}) {
  const { t, i18n } = useTranslation()
  const count = new Intl.NumberFormat(i18n.language)
  const group = scaleOf ?? (() => 0)
  const shown = rows.filter((row) => row.values.some((v) => v !== 0))
  const max = (scale: number) =>
    Math.max(1, ...shown.flatMap((row) => row.values.filter((_, k) => group(k) === scale)))
  const scales = series.map((_, k) =>
    scaleLinear<number>({
      domain: [0, max(group(k))],
      range: [0, WIDTH - VALUE_ROOM - INDENT],
    }),
  )
  const rowHeight = LABEL + series.length * BAR + GAP
  const height = Math.max(rowHeight, shown.length * rowHeight)
  // The name says what the link shows, in the same order (WCAG 2.5.3: a speech user says what they see).
  const shownText = (value: number, k: number) =>
    series.length > 1 && !series[k]!.counts
      ? t('punctuation.labelled', { label: series[k]!.label, value: format(value, k) })
      : format(value, k)
  const name = (row: BarRow) =>
    [row.label, ...series.map((_, k) => shownText(row.values[k] ?? 0, k))].join(t('punctuation.clauses'))
  // Nothing to draw (a view of no items: every country or type at zero): the figure says so, as
  // a chart without rows does, rather than showing a legend over an empty space.
  const table: ChartTable = {
    headers: [category, ...series.map((s) => s.label)],
    rows: (shown.length === 0 ? [] : rows).map((row) => ({
      key: row.key,
      label: row.label,
      level: row.level ?? 0,
      href: row.href,
      cells: row.values.map((v, k) => (series[k]!.counts ? count.format(v) : format(v, k))),
    })),
  }
  return (
    <ChartFigure id={id} title={title} description={description} note={note} table={table} empty={empty}>
      {series.length > 1 ? (
        <ul className="chart-legend" aria-hidden="true">
          {series.map((s, k) => (
            <li key={s.label}>
              {/* a filled shape, not a style attribute: the pages' policy allows no inline style */}
              <svg className="swatch" viewBox="0 0 1 1" aria-hidden="true" focusable="false">
                <rect width="1" height="1" fill={colourAt(k)} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        className="chart bar-chart"
        role="group"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-description`}
      >
        {shown.map((row, index) => {
          const x = row.level ? INDENT : 0
          const bars = (
            <Group top={index * rowHeight} left={x}>
              <text y={LABEL - 5} className={row.level ? 'bar-label sub' : 'bar-label'}>
                {/* trailing spaces: the link's text reads as words, as its name does */}
                {`${row.label} `}
              </text>
              {series.map((s, k) => {
                const value = row.values[k] ?? 0
                const width = Math.max(value > 0 ? 1 : 0, scales[k]!(value))
                const y = LABEL + k * BAR
                return (
                  <g key={s.label}>
                    <Bar x={0} y={y} width={width} height={BAR - 3} fill={colourAt(k)} />
                    <text x={width + 4} y={y + BAR - 5} className="bar-value">
                      {`${shownText(value, k)} `}
                    </text>
                  </g>
                )
              })}
            </Group>
          )
          return row.href ? (
            <a key={row.key} href={row.href} aria-label={name(row)} className="chart-link">
              {bars}
            </a>
          ) : (
            <g key={row.key} role="img" aria-label={name(row)}>
              {bars}
            </g>
          )
        })}
      </svg>
    </ChartFigure>
  )
}
