import { useTranslation } from 'react-i18next'
import { fieldNamed } from '~/portfolio/fields'
import { messageKey } from '~/i18n/keys'

/**
 * A field's value in words, for the conflict table and the item history: labels for codes (as the
 * field registry names them), yes/no for flags, "(empty)" for nothing.
 */
export function useShowValue() {
  const { t } = useTranslation()
  return (name: string, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      return t('form.empty')
    const field = fieldNamed(name)
    const prefix = field && 'codeLabels' in field ? field.codeLabels : null
    const label = (code: unknown) => (prefix ? t(messageKey(`${prefix}.${String(code)}`)) : String(code))
    if (Array.isArray(value)) return value.map(label).join(', ')
    if (typeof value === 'boolean') return value ? t('form.yes') : t('form.no')
    return label(value)
  }
}
