import { useTranslation } from 'react-i18next'
import type { Quadrant, Status } from '~/portfolio/codes'

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation()
  return <span className={`badge status-${status}`}>{t(`status.${status as Status}`)}</span>
}

export function QuadrantBadge({ quadrant }: { quadrant: string }) {
  const { t } = useTranslation()
  return <span className={`badge quadrant-${quadrant}`}>{t(`quadrant.${quadrant as Quadrant}`)}</span>
}

const FORMAT = new Intl.NumberFormat('en', { maximumFractionDigits: 3 })

/** USD million as typed, grouped for reading; empty when unknown. */
export function Amount({ value }: { value: number | null }) {
  return value == null ? null : <>{FORMAT.format(value)}</>
}
