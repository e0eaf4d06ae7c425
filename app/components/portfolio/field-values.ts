import { useTranslation } from 'react-i18next'
import type { CountryCode, Modality, Status } from '~/portfolio/codes'

/**
 * A field's value in words, for the conflict table and the item history: labels for codes,
 * yes/no for flags, "(empty)" for nothing.
 */
export function useShowValue() {
  const { t } = useTranslation()
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      return t('form.empty')
    const label = (code: unknown) =>
      field === 'status'
        ? t(`status.${code as Status}`)
        : field === 'modalities'
          ? t(`modality.${code as Modality}`)
          : field === 'proposers'
            ? t(`country.${code as CountryCode}`)
            : String(code)
    if (Array.isArray(value)) return value.map(label).join(', ')
    if (typeof value === 'boolean') return value ? t('form.yes') : t('form.no')
    return label(value)
  }
}
