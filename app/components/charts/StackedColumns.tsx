import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis'
import { Group } from '@visx/group'
import { useTranslation } from 'react-i18next'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { ChartFigure, type ChartTable } from './ChartFigure'
import { colourAt } from './palette'

// Columns of stacked segments (the statuses month by month). Each segment has its name; those
// with a link (a table view of exactly its items) are links. Series are named by the legend in
// stacking order, and by text at the right of the last column where a segment is tall enough.

export interface Column {
  key: string
  label: string
  values: number[]
  /** per series, the table view of the segment's items; null where no filter names them */
  hrefs: Array<string | null>
}

const WIDTH = 560
const HEIGHT = 300
const MARGIN = { top: 10, right: 130, bottom: 40, left: 48 }

export function StackedColumns({
  id,
  title,
  description,
  note,
  series,
  columns,
  category,
  unit,
}: {
  id: string
  title: string
  description: string
  note?: string
  series: string[]
  columns: Column[]
  category: string
  /** a count as text, e.g. "12 items" */
  unit: (value: number) => string
}) {
  const { t } = useTranslation()
  const x = scaleBand<string>({
    domain: columns.map((c) => c.key),
    range: [MARGIN.left, WIDTH - MARGIN.right],
    padding: 0.15,
  })
  const max = Math.max(1, ...columns.map((c) => c.values.reduce((a, b) => a + b, 0)))
  const y = scaleLinear<number>({ domain: [0, max], range: [HEIGHT - MARGIN.bottom, MARGIN.top], nice: true })
  const every = Math.max(1, Math.ceil(columns.length / 5))
  const last = columns[columns.length - 1]
  // no item in any month: the figure says so rather than drawing empty axes
  const anything = columns.some((c) => c.values.some((v) => v !== 0))
  const table: ChartTable = {
    headers: [category, ...series],
    rows: (anything ? columns : []).map((c) => ({
      key: c.key,
      label: c.label,
      href: null,
      cells: c.values.map(String),
    })),
  }
  return (
    <ChartFigure id={id} title={title} description={description} note={note} table={table}>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s, k) => (
          <li key={s}>
            {/* a filled shape, not a style attribute: the pages' policy allows no inline style */}
            <svg className="swatch" viewBox="0 0 1 1" aria-hidden="true" focusable="false">
              <rect width="1" height="1" fill={colourAt(k)} />
            </svg>
            {s}
          </li>
        ))}
      </ul>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        className="chart stacked-columns"
        role="group"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-description`}
      >
        <g aria-hidden="true">
          <AxisLeft
            scale={y}
            left={MARGIN.left}
            // counts of items: whole numbers only (no "0.5" on a view of one item)
            tickValues={y.ticks(Math.min(5, max)).filter(Number.isInteger)}
            tickFormat={(v) => String(v)}
            tickComponent={PlainTick}
          />
          <AxisBottom
            scale={x}
            top={HEIGHT - MARGIN.bottom}
            tickValues={columns
              .filter((_, k) => k % every === 0 || k === columns.length - 1)
              .map((c) => c.key)}
            tickFormat={(key) => columns.find((c) => c.key === key)?.label ?? key}
            tickComponent={PlainTick}
          />
        </g>
        {columns.map((column) => {
          let base = 0
          return (
            <Group key={column.key} left={x(column.key) ?? 0}>
              {column.values.map((value, k) => {
                if (value === 0) return null
                const top = y(base + value)
                const height = y(base) - top
                base += value
                const name = [
                  column.label,
                  t('punctuation.labelled', { label: series[k]!, value: unit(value) }),
                ].join(t('punctuation.clauses'))
                const segment = (
                  <Bar
                    x={0}
                    y={top}
                    width={x.bandwidth()}
                    height={height}
                    fill={colourAt(k)}
                    stroke="#fff"
                    strokeWidth={0.5}
                  />
                )
                const href = column.hrefs[k]
                return href ? (
                  <a key={k} href={href} aria-label={name} className="chart-link">
                    {segment}
                  </a>
                ) : (
                  <g key={k} role="img" aria-label={name}>
                    {segment}
                  </g>
                )
              })}
            </Group>
          )
        })}
        {last ? (
          <g aria-hidden="true">
            {last.values.map((value, k) => {
              const below = last.values.slice(0, k).reduce((a, b) => a + b, 0)
              const middle = y(below + value / 2)
              return y(below) - y(below + value) >= 11 ? (
                <text key={k} x={(x(last.key) ?? 0) + x.bandwidth() + 4} y={middle + 4} className="bar-value">
                  {series[k]} {value}
                </text>
              ) : null
            })}
          </g>
        ) : null}
      </svg>
    </ChartFigure>
  )
}

/**
 * A tick label as a plain SVG text. visx's default wraps each label in an <svg> with an inline
 * style, which the Content-Security-Policy (style-src 'self') refuses, so labels left of the axis
 * were clipped. `verticalAnchor: start` (the bottom axis) becomes a one-line offset below the tick.
 */
function PlainTick({
  x,
  y,
  formattedValue,
  textAnchor,
  fontSize,
  fill,
  fontFamily,
  dx,
  dy,
  verticalAnchor,
}: TickRendererProps) {
  return (
    <text
      x={x}
      y={y}
      dx={dx}
      dy={verticalAnchor === 'start' ? '0.71em' : dy}
      textAnchor={textAnchor}
      fontSize={fontSize}
      fill={fill}
      fontFamily={fontFamily}
    >
      {formattedValue}
    </text>
  )
}
