import { useTranslation } from 'react-i18next'
import { ErrorList } from '~/components/forms'
import { PASSWORD_MIN } from '~/people/schema'

/** A new password and its confirmation, with the rules said before the person types. */
export function PasswordFields({
  errors,
  passwordLabel,
}: {
  errors: { password?: string[] | undefined; confirm?: string[] | undefined }
  passwordLabel?: string
}) {
  const { t } = useTranslation()
  const describe = (name: 'password' | 'confirm', hint: boolean) =>
    [hint ? 'password-rules' : null, errors[name]?.length ? `${name}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined
  return (
    <>
      <div className={errors.password?.length ? 'field invalid' : 'field'}>
        <label htmlFor="password">{passwordLabel ?? t('password.new')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          aria-invalid={errors.password?.length ? true : undefined}
          aria-describedby={describe('password', true)}
        />
        <p className="hint" id="password-rules">
          {t('password.rules')}
        </p>
        <ErrorList id="password-error" errors={errors.password} />
      </div>
      <div className={errors.confirm?.length ? 'field invalid' : 'field'}>
        <label htmlFor="confirm">{t('password.confirm')}</label>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={errors.confirm?.length ? true : undefined}
          aria-describedby={describe('confirm', false)}
        />
        <ErrorList id="confirm-error" errors={errors.confirm} />
      </div>
    </>
  )
}
