import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { messageKey } from '~/i18n/keys'

/** What a used, withdrawn, expired or unknown one-time link says, plainly, and what to do next. */
export function LinkStateMessage({ purpose, state }: { purpose: 'invitation' | 'reset'; state: string }) {
  const { t } = useTranslation()
  return (
    <section className="login link-state" role="alert">
      <h1>{t(`links.${purpose}.title`)}</h1>
      <p>{t(messageKey(`links.${purpose}.${state}`))}</p>
      <p className="actions">
        {purpose === 'reset' ? <Link to="/forgot-password">{t('links.askAgain')}</Link> : null}
        <Link to="/login">{t('links.signIn')}</Link>
      </p>
    </section>
  )
}
