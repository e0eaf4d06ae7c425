import { useTranslation } from 'react-i18next'
import { paramMessage, type ParamProblem } from '~/portfolio/url-params'

/** Says which address parameter was not understood, and that the view ignores it. */
export function BadParameterNotice({ problem }: { problem: ParamProblem | null }) {
  const { t } = useTranslation()
  if (!problem) return null
  return (
    <p className="notice warning" role="status">
      {t('list.badParameter', { message: paramMessage(t, problem) })}
    </p>
  )
}
