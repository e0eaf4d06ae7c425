import type { ReactNode } from 'react'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Amount, QuadrantBadge, StatusBadge } from '~/components/portfolio/badges'
import { ItemText } from '~/components/portfolio/ItemText'
import { formatAmount, formatNumber, formatUtc } from '~/i18n/format'
import {
  SECTIONS,
  type ChangeReport,
  type Funding,
  type ReportItem,
  type Scores,
  type SectionKind,
} from '~/snapshots/diff'
import type { Instrument, Stage } from '~/cofinancing/schema'
import type { TranslationKey } from '~/i18n/keys'
import type { Status } from '~/portfolio/codes'

// The "changes since" report (app/snapshots/diff.ts) as the page shows it: a summary table of the
// counts, then one section per kind of change with a captioned table. The meeting pack renders
// the same component (`headingLevel` lets it sit under the pack's own headings).

function ItemCells({ entry }: { entry: ReportItem }) {
  return (
    <>
      <th scope="row">
        <Link to={`/items/${encodeURIComponent(entry.ref)}`}>{entry.ref}</Link>
      </th>
      <td>
        <ItemText texts={entry.titles} />
      </td>
    </>
  )
}

function AmountChange({ before, after }: { before: number | null; after: number | null }) {
  const { t, i18n } = useTranslation()
  const show = (value: number | null) =>
    value == null ? t('snapshots.report.none') : formatAmount(value, i18n.language)
  if (before === after)
    return <span className="muted">{t('snapshots.report.unchanged', { value: show(after) })}</span>
  return <strong>{t('snapshots.report.amountChange', { before: show(before), after: show(after) })}</strong>
}

function ScoreText({ scores, axis }: { scores: Scores; axis: 'importance' | 'ease' }) {
  const { t, i18n } = useTranslation()
  const direct = axis === 'importance' ? scores.strategic_importance : scores.ease_of_implementation
  const median = axis === 'importance' ? scores.importance_median : scores.ease_median
  const parts = [direct == null ? null : t('snapshots.report.direct', { value: direct })]
  parts.push(
    scores.scores_count > 0 && median != null
      ? t('snapshots.report.median', {
          value: formatNumber(median, i18n.language),
          count: scores.scores_count,
        })
      : t('snapshots.report.noScores'),
  )
  return <>{parts.filter(Boolean).join('; ')}</>
}

function Section({
  kind,
  count,
  heading,
  children,
  columns,
}: {
  kind: SectionKind
  count: number
  heading: 'h2' | 'h3'
  children: ReactNode
  columns: string[]
}) {
  const { t } = useTranslation()
  const Heading = heading
  const title = t(`snapshots.report.section.${kind}`)
  return (
    <section className="report-section" aria-labelledby={`changes-${kind}`} id={`section-${kind}`}>
      <Heading id={`changes-${kind}`}>
        {t('punctuation.aside', { text: title, aside: String(count) })}
      </Heading>
      <p className="muted">{t(`snapshots.report.sectionHint.${kind}`)}</p>
      {count === 0 ? (
        <p>{t('snapshots.report.noneOfKind')}</p>
      ) : (
        // cards on a phone: each cell under its column's name (data-label)
        <table className="items change-table phone-cards">
          <caption>{t('snapshots.report.sectionCaption', { title, count })}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
    </section>
  )
}

const FUNDING: Array<[keyof Funding, TranslationKey]> = [
  ['cost_usd_m', 'snapshots.report.cost'],
  ['secured_usd_m', 'snapshots.report.secured'],
  ['gap_usd_m', 'snapshots.report.gap'],
]

export function ChangeReportView({
  report,
  headingLevel = 2,
}: {
  report: ChangeReport
  headingLevel?: 2 | 3
}) {
  const { t, i18n } = useTranslation()
  const heading = headingLevel === 2 ? 'h2' : 'h3'
  const { sections } = report
  const total = SECTIONS.reduce((n, kind) => n + report.counts[kind], 0)
  const item = [t('snapshots.report.ref'), t('snapshots.report.itemTitle')]
  const to =
    report.to.kind === 'now'
      ? t('snapshots.report.toNow', { at: formatUtc(report.to.at, i18n.language) })
      : t('snapshots.report.toSnapshot', {
          name: report.to.name,
          at: formatUtc(report.to.takenAt, i18n.language),
        })
  return (
    <div className="change-report">
      <p>
        {t('snapshots.report.fromTo', {
          from: report.from.name,
          fromAt: formatUtc(report.from.takenAt, i18n.language),
          to,
        })}
      </p>
      <p>
        {t(
          report.to.kind === 'now' ? 'snapshots.report.itemCounts' : 'snapshots.report.itemCountsSnapshots',
          { from: report.itemCount.from, to: report.itemCount.to },
        )}
        {report.restricted ? ` ${t('snapshots.report.restricted')}` : null}
      </p>
      {total === 0 ? <p role="status">{t('snapshots.report.nothing')}</p> : null}
      <table className="items report-summary">
        <caption>{t('snapshots.report.summaryCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('snapshots.report.kind')}</th>
            <th scope="col" className="num">
              {t('snapshots.report.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {SECTIONS.map((kind) => (
            <tr key={kind}>
              <th scope="row">
                <a href={`#section-${kind}`}>{t(`snapshots.report.section.${kind}`)}</a>
              </th>
              <td className="num">{report.counts[kind]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <Section
        kind="new"
        count={report.counts.new}
        heading={heading}
        columns={[
          ...item,
          t('snapshots.report.status'),
          t('snapshots.report.quadrant'),
          t('snapshots.report.cost'),
          t('snapshots.report.gap'),
        ]}
      >
        {sections.new.map((entry) => (
          <tr key={entry.itemId}>
            <ItemCells entry={entry} />
            <td data-label={t('snapshots.report.status')}>
              <StatusBadge status={entry.after.status} />
            </td>
            <td data-label={t('snapshots.report.quadrant')}>
              <QuadrantBadge quadrant={entry.after.quadrant} />
            </td>
            <td className="num" data-label={t('snapshots.report.cost')}>
              <Amount value={entry.after.cost_usd_m} />
            </td>
            <td className="num" data-label={t('snapshots.report.gap')}>
              <Amount value={entry.after.gap_usd_m} />
            </td>
          </tr>
        ))}
      </Section>

      <Section
        kind="dropped"
        count={report.counts.dropped}
        heading={heading}
        columns={[
          ...item,
          t('snapshots.report.reason'),
          t('snapshots.report.cost'),
          t('snapshots.report.gap'),
        ]}
      >
        {sections.dropped.map((entry) => (
          <tr key={entry.itemId}>
            <ItemCells entry={entry} />
            <td data-label={t('snapshots.report.reason')}>
              {entry.reason === 'removed'
                ? t('snapshots.report.reasonRemoved')
                : t('snapshots.report.reasonStatus', { from: t(`status.${entry.before.status as Status}`) })}
            </td>
            <td className="num" data-label={t('snapshots.report.cost')}>
              <Amount value={entry.before.cost_usd_m} />
            </td>
            <td className="num" data-label={t('snapshots.report.gap')}>
              <Amount value={entry.before.gap_usd_m} />
            </td>
          </tr>
        ))}
      </Section>

      <Section
        kind="status"
        count={report.counts.status}
        heading={heading}
        columns={[...item, t('snapshots.report.before'), t('snapshots.report.after')]}
      >
        {sections.status.map((entry) => (
          <tr key={entry.itemId}>
            <ItemCells entry={entry} />
            <td data-label={t('snapshots.report.before')}>
              <StatusBadge status={entry.before.status} />
            </td>
            <td data-label={t('snapshots.report.after')}>
              <StatusBadge status={entry.after.status} />
            </td>
          </tr>
        ))}
      </Section>

      <Section
        kind="funding"
        count={report.counts.funding}
        heading={heading}
        columns={[...item, ...FUNDING.map(([, label]) => t(label))]}
      >
        {sections.funding.map((entry) => (
          <tr key={entry.itemId}>
            <ItemCells entry={entry} />
            {FUNDING.map(([key, label]) => (
              <td key={key} className="num" data-label={t(label)}>
                <AmountChange before={entry.before[key]} after={entry.after[key]} />
              </td>
            ))}
          </tr>
        ))}
      </Section>

      <Section
        kind="scores"
        count={report.counts.scores}
        heading={heading}
        columns={[
          ...item,
          t('snapshots.report.quadrant'),
          t('snapshots.report.importance'),
          t('snapshots.report.ease'),
        ]}
      >
        {sections.scores.map((entry) => (
          <tr key={entry.itemId}>
            <ItemCells entry={entry} />
            <td data-label={t('snapshots.report.quadrant')}>
              {entry.quadrantChanged ? (
                <>
                  <QuadrantBadge quadrant={entry.before.quadrant} /> →{' '}
                  <QuadrantBadge quadrant={entry.after.quadrant} />
                </>
              ) : (
                <QuadrantBadge quadrant={entry.after.quadrant} />
              )}
            </td>
            {(['importance', 'ease'] as const).map((axis) => (
              <td key={axis} data-label={t(`snapshots.report.${axis}`)}>
                <ScoreText scores={entry.before} axis={axis} /> →{' '}
                <ScoreText scores={entry.after} axis={axis} />
              </td>
            ))}
          </tr>
        ))}
      </Section>

      <Section
        kind="interest"
        count={report.counts.interest}
        heading={heading}
        columns={[
          ...item,
          t('snapshots.report.organisation'),
          t('snapshots.report.instrument'),
          t('snapshots.report.stage'),
          t('snapshots.report.amount'),
        ]}
      >
        {sections.interest.map((entry) => (
          <tr key={`${entry.itemId}-${entry.organisation}`}>
            <ItemCells entry={entry} />
            <td data-label={t('snapshots.report.organisation')}>{entry.organisation}</td>
            <td data-label={t('snapshots.report.instrument')}>
              {t(`cofinancing.instrument.${entry.instrument as Instrument}`)}
            </td>
            <td data-label={t('snapshots.report.stage')}>{t(`cofinancing.stage.${entry.stage as Stage}`)}</td>
            <td className="num" data-label={t('snapshots.report.amount')}>
              <Amount value={entry.amount_usd_m} />
            </td>
          </tr>
        ))}
      </Section>
    </div>
  )
}
