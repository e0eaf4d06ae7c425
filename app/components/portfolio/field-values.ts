import { useTranslation } from 'react-i18next'
import { fieldNamed } from '~/portfolio/fields'
import { messageKey } from '~/i18n/keys'
import { formatAmount } from '~/i18n/format'

/**
 * A field's value in words, for the conflict table and the item history: labels for codes (as the
 * field registry names them), amounts in the reader's number format, yes/no for flags, "(empty)" for nothing.
 */
export function useShowValue() {
  const { t, i18n } = useTranslation()
  return (name: string, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      return t('form.empty')
    const field = fieldNamed(name)
    const prefix = field && 'codeLabels' in field ? field.codeLabels : null
    const label = (code: unknown) => (prefix ? t(messageKey(`${prefix}.${String(code)}`)) : String(code))
    if (Array.isArray(value)) return value.map(label).join(t('punctuation.list'))
    if (typeof value === 'boolean') return value ? t('form.yes') : t('form.no')
    // Amounts as the reader writes them (12,5 in Russian), as the rest of the page shows them.
    if (field?.kind === 'amount' && value !== '' && Number.isFinite(Number(value)))
      return formatAmount(Number(value), i18n.language)
    return label(value)
  }
}
