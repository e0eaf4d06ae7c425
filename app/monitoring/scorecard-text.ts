import type { TFunction } from 'i18next'
import type { ScorecardCell } from './scorecard.server'

/**
 * A scorecard cell in words, as the page and the pack PDF print it: the value (or the report's
 * state when there is none yet), where it comes from when not the card's own period, the progress
 * in words and as a share of the way, the target and the trend. Colour only ever repeats these.
 */
export interface CellWords {
  value: string | null
  state: string
  from: string | null
  progress: string
  percent: string | null
  target: string | null
  trend: string
}

export function scorecardCellWords(
  cell: ScorecardCell,
  period: string,
  t: TFunction,
  number: (n: number) => string,
): CellWords {
  return {
    value: cell.value === null ? null : number(cell.value),
    state: t(`kpi.state.${cell.state}`),
    from: cell.source !== period ? t('kpi.scorecard.fromPeriod', { period: cell.source }) : null,
    progress: t(`kpi.progress.${cell.progress.status}`),
    percent:
      cell.progress.ratio === null
        ? null
        : t('kpi.progress.percent', { percent: `${Math.round(cell.progress.ratio * 100)}%` }),
    target: cell.target === null ? null : t('kpi.scorecard.targetText', { target: number(cell.target) }),
    trend: cell.trend ? t(`kpi.trend.${cell.trend}`) : t('kpi.trend.none'),
  }
}
