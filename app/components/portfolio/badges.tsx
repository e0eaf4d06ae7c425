import { formatAmount } from '~/i18n/format'
import { useText } from '~/i18n/use-text'
import type { Quadrant, Status } from '~/portfolio/codes'

export function StatusBadge({ status }: { status: string }) {
  const { t } = useText()
  return <span className={`badge status-${status}`}>{t(`status.${status as Status}`)}</span>
}

export function QuadrantBadge({ quadrant }: { quadrant: string }) {
  const { t } = useText()
  return <span className={`badge quadrant-${quadrant}`}>{t(`quadrant.${quadrant as Quadrant}`)}</span>
}

/** USD million as the reader's language writes it (1,234.5 or 1 234,5); empty when unknown. */
export function Amount({ value }: { value: number | null }) {
  const { language } = useText()
  return value == null ? null : <>{formatAmount(value, language)}</>
}
