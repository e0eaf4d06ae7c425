import { useTranslation } from 'react-i18next'
import { messageKey } from '~/i18n/keys'
import { BarChart } from '~/components/charts/BarChart'
import type { MeetingPack } from '~/meetings/pack.server'
import { useFormats } from './OverviewCharts'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'

// The dashboard's charts in the meeting pack (page and print): the agenda's items by status and by
// pillar, from the pack's own summary. The pack shows the register as the committee saw it (its
// snapshot), so its bars are not links: today's table could list other items.

export function PackCharts({ summary }: { summary: MeetingPack['summary'] }) {
  const { t } = useTranslation()
  const { usd, items } = useFormats()
  const name = useTaxonomyName()
  return (
    <div className="overview-charts pack-charts">
      <BarChart
        id="pack-status"
        title={t('meetings.pack.byStatus')}
        description={t('dashboard.packStatusDescription')}
        category={t('field.status')}
        series={[{ label: t('dashboard.figureItems'), counts: true }]}
        format={(v) => items(v)}
        rows={summary.byStatus.map((r) => ({
          key: r.status,
          label: t(messageKey(`status.${r.status}`)),
          values: [r.count],
          href: null,
        }))}
      />
      <BarChart
        id="pack-pillar"
        title={t('meetings.pack.byPillar')}
        description={t('dashboard.packPillarDescription')}
        category={t('field.pillar')}
        series={[
          { label: t('dashboard.figureItems'), counts: true },
          { label: t('dashboard.cost') },
          { label: t('dashboard.secured') },
          { label: t('dashboard.gap') },
        ]}
        scaleOf={(k) => (k === 0 ? 0 : 1)}
        format={(v, k) => (k === 0 ? items(v) : usd(v))}
        rows={summary.byPillar.map((r) => ({
          key: r.pillar ?? '',
          label: r.pillar === null ? t('dashboard.noPillar') : name('pillar', r.pillar),
          values: [r.items, r.cost_kusd ?? 0, r.secured_kusd, r.gap_kusd ?? 0],
          href: null,
        }))}
      />
    </div>
  )
}
