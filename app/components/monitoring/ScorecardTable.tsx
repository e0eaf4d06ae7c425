import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '~/components/ScrollRegion'
import { formatNumber } from '~/i18n/format'
import { nameIn } from '~/monitoring/names'
import type { Scorecard } from '~/monitoring/scorecard.server'
import { scorecardCellWords } from '~/monitoring/scorecard-text'

// The scorecard as an accessible table: KPIs as row headers, countries as column headers; each
// cell says its value, the progress in words (the colour only repeats it) and the trend. Shared by
// the scorecard page and the meeting pack.

export function ScorecardTable({ card }: { card: Scorecard }) {
  const { t, i18n } = useTranslation()
  const number = (v: number) => formatNumber(v, i18n.language)
  if (card.rows.length === 0) return <p role="status">{t('kpi.scorecard.empty')}</p>
  const caption = t('kpi.scorecard.caption', { period: card.period })
  return (
    // a table wider than the screen scrolls in this box, which the keyboard reaches
    <ScrollRegion label={caption}>
      <table className="data-table scorecard">
        <caption>{caption}</caption>
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
                {row.unit ? (
                  <span className="muted">{t('punctuation.parenthesis', { text: row.unit })}</span>
                ) : null}
              </th>
              {row.cells.map((c) => {
                const words = scorecardCellWords(c, card.period, t, number)
                return (
                  <td key={c.country} className={`progress-${c.progress.status}`} data-country={c.country}>
                    {words.value === null ? (
                      <span className="muted">{words.state}</span>
                    ) : (
                      <>
                        <strong>{words.value}</strong>
                        {words.from ? <span className="muted"> {words.from}</span> : null}
                        <br />
                        <span className="progress-label">{words.progress}</span>
                        {words.percent ? (
                          <span>{t('punctuation.parenthesis', { text: words.percent })}</span>
                        ) : null}
                        {words.target ? <span className="muted"> · {words.target}</span> : null}
                        <br />
                        <span className={`trend trend-${c.trend ?? 'none'}`}>{words.trend}</span>
                      </>
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
