import { scaleLinear, scaleSqrt } from 'd3-scale'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatAmount } from '~/i18n/format'
import type { PriorityItem } from '~/prioritisation/priorities.server'
import { plainTextFor } from '~/portfolio/item-text'
import { isLanguage } from '~/i18n/languages'
import type { Quadrant } from '~/portfolio/codes'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'

// The priority matrix as SVG: ease of implementation to the right, strategic importance up, the
// four quadrants split at the threshold of 3 (DOMAIN.md). d3-scale maps scores and costs to the
// drawing; the points are drawn here rather than by a chart library because each must be a real
// link, reachable by keyboard and named for a screen reader. The ranked list beside it holds the
// same items as a table.

const WIDTH = 720
const HEIGHT = 520
const MARGIN = { top: 16, right: 16, bottom: 48, left: 56 }
// Colour-blind-safe (Okabe-Ito), each at 3:1 or more against the white plot.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8a6d00', '#56B4E9', '#7a3b99', '#1b1f24']
// The split between "below 3" (a median may be 2.5) and "3 or more".
const SPLIT = 2.75

/** A small, stable offset per item so items with equal scores do not hide each other. */
function jitter(ref: string): [number, number] {
  let h = 2166136261
  for (const c of ref) h = Math.imul(h ^ c.charCodeAt(0), 16777619)
  const a = ((h >>> 0) % 1000) / 1000
  const b = ((Math.imul(h, 48271) >>> 0) % 1000) / 1000
  return [(a - 0.5) * 0.4, (b - 0.5) * 0.4]
}

export function colourOf(pillars: readonly string[], pillar: string | null): string {
  const index = pillar ? pillars.indexOf(pillar) : -1
  return index < 0 ? '#6e7781' : PALETTE[index % PALETTE.length]!
}

export function PriorityMatrix({ items, pillars }: { items: PriorityItem[]; pillars: string[] }) {
  const { t, i18n } = useTranslation()
  const name = useTaxonomyName()
  const [active, setActive] = useState<PriorityItem | null>(null)
  const x = scaleLinear()
    .domain([0.5, 5.5])
    .range([MARGIN.left, WIDTH - MARGIN.right])
  const y = scaleLinear()
    .domain([0.5, 5.5])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top])
  const maxCost = Math.max(1, ...items.map((i) => i.cost_usd_m ?? 0))
  const r = scaleSqrt().domain([0, maxCost]).range([5, 22])
  const scored = items.flatMap((item) =>
    item.importance != null && item.ease != null
      ? [{ item, ease: item.ease, importance: item.importance }]
      : [],
  )
  const describe = (item: PriorityItem) =>
    t('priorities.pointLabel', {
      ref: item.ref,
      title: plainTextFor(item.titles, isLanguage(i18n.language) ? i18n.language : 'en'),
      quadrant: t(`quadrant.${item.quadrant}`),
      importance: item.importance,
      ease: item.ease,
      cost:
        item.cost_usd_m == null
          ? t('priorities.noCost')
          : t('cofinancing.amountOf', { amount: formatAmount(item.cost_usd_m, i18n.language) }),
    })
  const quadrants = [
    { key: 'strategic_phased', x0: 0.5, x1: SPLIT, y0: SPLIT, y1: 5.5 },
    { key: 'quick_win', x0: SPLIT, x1: 5.5, y0: SPLIT, y1: 5.5 },
    { key: 'reconsider', x0: 0.5, x1: SPLIT, y0: 0.5, y1: SPLIT },
    { key: 'low_hanging_fruit', x0: SPLIT, x1: 5.5, y0: 0.5, y1: SPLIT },
  ]
  return (
    <figure className="matrix">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={t('priorities.matrixLabel')}>
        {quadrants.map((q) => (
          <g key={q.key} className={`quadrant-area quadrant-${q.key}`} aria-hidden="true">
            <rect x={x(q.x0)} y={y(q.y1)} width={x(q.x1) - x(q.x0)} height={y(q.y0) - y(q.y1)} />
            <text x={x(q.x0) + 8} y={y(q.y1) + 20}>
              {t(`quadrant.${q.key as Quadrant}`)}
            </text>
          </g>
        ))}
        <g aria-hidden="true" className="axis">
          {[1, 2, 3, 4, 5].map((n) => (
            <g key={n}>
              <text x={x(n)} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle">
                {n}
              </text>
              <text x={MARGIN.left - 12} y={y(n) + 4} textAnchor="end">
                {n}
              </text>
            </g>
          ))}
          <text
            x={(MARGIN.left + WIDTH - MARGIN.right) / 2}
            y={HEIGHT - 8}
            textAnchor="middle"
            className="axis-title"
          >
            {t('priorities.axisEase')} →
          </text>
          <text
            transform={`translate(16 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)`}
            textAnchor="middle"
            className="axis-title"
          >
            {t('priorities.axisImportance')} →
          </text>
        </g>
        {scored.map(({ item, ease, importance }) => {
          const [dx, dy] = jitter(item.ref)
          const label = describe(item)
          return (
            <a
              key={item.ref}
              href={`/items/${encodeURIComponent(item.ref)}`}
              aria-label={label}
              className="point"
              onFocus={() => setActive(item)}
              onBlur={() => setActive(null)}
              onMouseEnter={() => setActive(item)}
              onMouseLeave={() => setActive(null)}
            >
              <title>{label}</title>
              <circle
                cx={x(ease + dx)}
                cy={y(importance + dy)}
                r={r(item.cost_usd_m ?? 0)}
                fill={colourOf(pillars, item.pillar)}
              />
            </a>
          )
        })}
      </svg>
      <figcaption>
        <p className="matrix-active" aria-hidden="true">
          {active ? describe(active) : t('priorities.matrixHint')}
        </p>
        <ul className="legend" aria-label={t('priorities.legend')}>
          {pillars.map((pillar) => (
            <li key={pillar}>
              {/* An SVG fill, not a style attribute: the page's policy allows no inline styles. */}
              <svg className="swatch" viewBox="0 0 10 10" aria-hidden="true">
                <circle cx="5" cy="5" r="4.5" fill={colourOf(pillars, pillar)} />
              </svg>{' '}
              {name('pillar', pillar)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  )
}
