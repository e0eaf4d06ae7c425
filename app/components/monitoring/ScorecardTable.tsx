import { useTranslation } from 'react-i18next'
import { formatNumber } from '~/i18n/format'
import { nameIn } from '~/monitoring/names'
import type { Scorecard } from '~/monitoring/scorecard.server'

// The scorecard as an accessible table: KPIs as row headers, countries as column headers; each
// cell says its value, the progress in words (the colour only repeats it) and the trend. Shared by
// the scorecard page and the meeting pack.

export function ScorecardTable({ card }: { card: Scorecard }) {
  const { t, i18n } = useTranslation()
  const number = (v: number) => formatNumber(v, i18n.language)
  if (card.rows.length === 0) return <p role="status">{t('kpi.scorecard.empty')}</p>
  return (
    <div className="table-scroll">
      <table className="data-table scorecard">
        <caption>{t('kpi.scorecard.caption', { period: card.period })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kpi.field.name')}</th>
            {card.countries.map((c) => (
              <th key={c} scope="col">
                {t(`country.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {card.rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">
                {row.code} {nameIn(row.name, i18n.language)}
                {row.unit ? <span className="muted"> ({row.unit})</span> : null}
              </th>
              {row.cells.map((c) => (
                <td key={c.country} className={`progress-${c.progress.status}`} data-country={c.country}>
                  {c.value === null ? (
                    <span className="muted">{t(`kpi.state.${c.state}`)}</span>
                  ) : (
                    <>
                      <strong>{number(c.value)}</strong>
                      {c.source !== card.period ? (
                        <span className="muted"> {t('kpi.scorecard.fromPeriod', { period: c.source })}</span>
                      ) : null}
                      <br />
                      <span className="progress-label">{t(`kpi.progress.${c.progress.status}`)}</span>
                      {c.progress.ratio !== null ? (
                        <span>
                          {' '}
                          ({t('kpi.progress.percent', { percent: `${Math.round(c.progress.ratio * 100)}%` })})
                        </span>
                      ) : null}
                      {c.target !== null ? (
                        <span className="muted">
                          {' '}
                          · {t('kpi.scorecard.targetText', { target: number(c.target) })}
                        </span>
                      ) : null}
                      <br />
                      <span className={`trend trend-${c.trend ?? 'none'}`}>
                        {c.trend ? t(`kpi.trend.${c.trend}`) : t('kpi.trend.none')}
                      </span>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
