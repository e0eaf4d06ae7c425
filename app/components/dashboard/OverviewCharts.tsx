import { useTranslation } from 'react-i18next'
import { codeAndName } from '~/i18n/format'
import { messageKey } from '~/i18n/keys'
import { BarChart, type BarRow } from '~/components/charts/BarChart'
import { StackedColumns } from '~/components/charts/StackedColumns'
import { interestChanges, viewHref } from '~/dashboard/links'
import type { Overview, Totals } from '~/dashboard/overview.server'
import { STATUSES } from '~/portfolio/codes'
import type { ListQuery } from '~/portfolio/list-query'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'

// The dashboard's figures and charts for one view; also the public portfolio's (over published
// items, linking to the public table) and the meeting pack's. `tablePath` is the table the bars
// link to, with the view's parameters narrowed to each bar (app/dashboard/links.ts).

export function useFormats() {
  const { t, i18n } = useTranslation()
  // Numbers as the reader's language writes them (1,234.5; 1 234,5; ...).
  const MILLIONS = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 })
  const COUNT = new Intl.NumberFormat(i18n.language)
  const usd = (kusd: number) => t('dashboard.usd', { amount: MILLIONS.format(kusd / 1000) })
  const items = (count: number) => t('dashboard.items', { count, formatted: COUNT.format(count) })
  const month = (yyyyMm: string) =>
    new Intl.DateTimeFormat(i18n.language, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${yyyyMm}-01T00:00:00Z`),
    )
  return { usd, items, month }
}

const money = (t: Totals) => [t.items, t.cost_kusd, t.secured_kusd, t.gap_kusd]

export function OverviewFigures({ overview }: { overview: Overview }) {
  const { t } = useTranslation()
  const { usd, items } = useFormats()
  const figures = [
    { key: 'items', label: t('dashboard.figureItems'), value: items(overview.total.items) },
    { key: 'cost', label: t('dashboard.cost'), value: usd(overview.total.cost_kusd) },
    { key: 'secured', label: t('dashboard.secured'), value: usd(overview.total.secured_kusd) },
    { key: 'gap', label: t('dashboard.gap'), value: usd(overview.total.gap_kusd) },
  ]
  return (
    <dl className="figures">
      {figures.map((f) => (
        <div key={f.key}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  )
}

export function OverviewCharts({
  overview,
  query,
  tablePath,
  idPrefix = 'chart',
  publicView = false,
}: {
  overview: Overview
  query: ListQuery
  tablePath: string
  idPrefix?: string
  /** the public portfolio: partner interest is not public, so its chart is left out */
  publicView?: boolean
}) {
  const { t } = useTranslation()
  const { usd, items, month } = useFormats()
  const name = useTaxonomyName()
  const href = (changes: Partial<ListQuery>) => viewHref(tablePath, query, changes)
  // Items on a scale of their own, then cost, secured and gap on one scale of amounts.
  const moneySeries = [
    { label: t('dashboard.figureItems'), counts: true },
    { label: t('dashboard.cost') },
    { label: t('dashboard.secured') },
    { label: t('dashboard.gap') },
  ]
  const formatMoney = (value: number, k: number) => (k === 0 ? items(value) : usd(value))
  const moneyScale = (k: number) => (k === 0 ? 0 : 1)
  const pillarRows: BarRow[] = overview.byStrategy.flatMap((s) => [
    {
      key: s.strategy,
      label: name('strategy', s.strategy),
      values: money(s),
      href: href({ strategy: [s.strategy] }),
    },
    ...s.pillars.map((p) => ({
      key: `${s.strategy}/${p.pillar ?? ''}`,
      label: p.pillar === null ? t('dashboard.noPillar') : name('pillar', p.pillar),
      level: 1 as const,
      values: money(p),
      href: p.pillar === null ? null : href({ strategy: [s.strategy], pillar: [p.pillar] }),
    })),
  ])
  const organisations = [...new Set(overview.interest.map((r) => r.organisation))]
  const interestRows: BarRow[] = organisations.flatMap((organisation) => {
    const rows = overview.interest.filter((r) => r.organisation === organisation)
    return [
      {
        key: organisation,
        label: organisation,
        values: [rows.reduce((a, r) => a + r.items, 0), rows.reduce((a, r) => a + r.amount_kusd, 0)],
        href: overview.interestLinked ? href({ interest: undefined, interest_org: [organisation] }) : null,
      },
      ...rows.map((r) => ({
        key: `${organisation}/${r.stage}`,
        label: t(`cofinancing.stage.${r.stage}`),
        level: 1 as const,
        values: [r.items, r.amount_kusd],
        href: overview.interestLinked ? href(interestChanges(organisation, r.stage)) : null,
      })),
    ]
  })
  const history = overview.statusOverTime
  return (
    <div className="overview-charts">
      <BarChart
        id={`${idPrefix}-pipeline`}
        title={t('dashboard.pipeline')}
        description={t('dashboard.pipelineDescription')}
        category={t('field.status')}
        series={[{ label: t('dashboard.figureItems'), counts: true }, { label: t('dashboard.cost') }]}
        scaleOf={(k) => k}
        format={(v, k) => (k === 0 ? items(v) : usd(v))}
        rows={overview.byStatus.map((r) => ({
          key: r.status,
          label: t(`status.${r.status}`),
          values: [r.items, r.cost_kusd],
          href: href({ status: [r.status] }),
        }))}
      />
      <BarChart
        id={`${idPrefix}-pillar`}
        title={t('dashboard.byPillar')}
        description={t('dashboard.byPillarDescription')}
        category={t('field.pillar')}
        series={moneySeries}
        format={formatMoney}
        scaleOf={moneyScale}
        rows={pillarRows}
      />
      <BarChart
        id={`${idPrefix}-country`}
        title={t('dashboard.byCountry')}
        description={t('dashboard.byCountryDescription')}
        note={query.proposers.length ? t('dashboard.byCountryFiltered') : undefined}
        category={t('field.proposers')}
        series={moneySeries}
        format={formatMoney}
        scaleOf={moneyScale}
        rows={[
          ...overview.byCountry.map((r) => ({
            key: r.country,
            label: codeAndName(r.country, t(messageKey(`country.${r.country}`))),
            values: money(r),
            href: href({ proposers: [r.country as never] }),
          })),
          { key: 'none', label: t('dashboard.noCountry'), values: money(overview.noCountry), href: null },
        ]}
      />
      <BarChart
        id={`${idPrefix}-type`}
        title={t('dashboard.byType')}
        description={t('dashboard.byTypeDescription')}
        category={t('field.modalities')}
        series={moneySeries}
        format={formatMoney}
        scaleOf={moneyScale}
        rows={[
          ...overview.byType.map((r) => ({
            key: r.modality,
            label: t(messageKey(`modality.${r.modality}`)),
            values: money(r),
            href: href({ modalities: [r.modality as never] }),
          })),
          { key: 'none', label: t('dashboard.noType'), values: money(overview.noType), href: null },
        ]}
      />
      {publicView ? null : (
        <BarChart
          id={`${idPrefix}-interest`}
          title={t('dashboard.interest')}
          description={t('dashboard.interestDescription')}
          category={t('dashboard.organisationStage')}
          series={[{ label: t('dashboard.figureItems'), counts: true }, { label: t('dashboard.indicative') }]}
          empty={t('dashboard.noInterest')}
          scaleOf={(k) => k}
          format={(v, k) => (k === 0 ? items(v) : usd(v))}
          rows={interestRows}
        />
      )}
      <BarChart
        id={`${idPrefix}-quadrant`}
        title={t('dashboard.byQuadrant')}
        description={t('dashboard.byQuadrantDescription')}
        category={t('field.quadrant')}
        series={[{ label: t('dashboard.figureItems'), counts: true }]}
        format={(v) => items(v)}
        rows={overview.byQuadrant.map((r) => ({
          key: r.quadrant,
          label: t(`quadrant.${r.quadrant}`),
          values: [r.items],
          href: href({ quadrant: [r.quadrant] }),
        }))}
      />
      <StackedColumns
        id={`${idPrefix}-history`}
        title={t('dashboard.history')}
        description={t('dashboard.historyDescription', { months: history.months.length })}
        category={t('dashboard.month')}
        series={STATUSES.map((s) => t(`status.${s}`))}
        unit={items}
        columns={history.months.map((m, k) => ({
          key: m,
          label: month(m),
          values: STATUSES.map((s) => history.counts[s][k] ?? 0),
          // The current month is the statuses now: the table can list those; earlier months it cannot.
          hrefs: STATUSES.map((s) => (k === history.months.length - 1 ? href({ status: [s] }) : null)),
        }))}
      />
      <BarChart
        id={`${idPrefix}-start`}
        title={t('dashboard.byStartYear')}
        description={t('dashboard.byStartYearDescription')}
        category={t('field.start_year')}
        series={[{ label: t('dashboard.figureItems'), counts: true }]}
        format={(v) => items(v)}
        rows={overview.byStartYear.map((r) => ({
          key: String(r.year),
          label: r.year === null ? t('dashboard.noStartYear') : String(r.year),
          values: [r.items],
          href: r.year === null ? null : href({ start_year: [r.year] }),
        }))}
      />
    </div>
  )
}
