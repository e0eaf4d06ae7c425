import { useTranslation } from 'react-i18next'
import { DotList } from '~/components/DotList'
import { codeAndName } from '~/i18n/format'
import { ErrorList } from '~/components/forms'
import { ROLES, type Role } from '~/permissions/permissions'
import { COUNTRY_CODES } from '~/portfolio/codes'

export interface ScopeErrors {
  role?: string[] | undefined
  countries?: string[] | undefined
  organisation?: string[] | undefined
}

/**
 * Role and scope, for inviting a person and for changing them: a working group speaks for one or
 * more countries, a development partner belongs to one organisation; other roles have no scope.
 * Plain controls, so the form works without JavaScript; the server drops what the role does not use.
 */
export function ScopeFields({
  idPrefix,
  organisations,
  defaults,
  errors,
}: {
  idPrefix: string
  organisations: Array<{ shortName: string; name: string }>
  defaults: { role?: string; countries?: readonly string[]; organisation?: string | null }
  errors: ScopeErrors
}) {
  const { t } = useTranslation()
  const id = (name: string) => `${idPrefix}-${name}`
  const described = (name: keyof ScopeErrors, hint?: boolean) =>
    [hint ? id(`${name}-hint`) : null, errors[name]?.length ? id(`${name}-error`) : null]
      .filter(Boolean)
      .join(' ') || undefined
  return (
    <>
      <div className={errors.role?.length ? 'field invalid' : 'field'}>
        <label htmlFor={id('role')}>{t('form.required', { label: t('people.role') })}</label>
        <select
          id={id('role')}
          name="role"
          defaultValue={defaults.role ?? ''}
          aria-invalid={errors.role?.length ? true : undefined}
          aria-describedby={described('role')}
        >
          <option value="">{t('people.chooseRole')}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
        <ErrorList id={id('role-error')} errors={errors.role} />
      </div>
      <fieldset
        className={errors.countries?.length ? 'field invalid' : 'field'}
        aria-describedby={described('countries', true)}
      >
        <legend>{t('people.countries')}</legend>
        <p className="hint" id={id('countries-hint')}>
          {t('people.countriesHint')}
        </p>
        <div className="check-grid">
          {COUNTRY_CODES.map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                name="countries"
                value={code}
                defaultChecked={defaults.countries?.includes(code)}
              />
              {codeAndName(code, t(`country.${code}`))}
            </label>
          ))}
        </div>
        <ErrorList id={id('countries-error')} errors={errors.countries} />
      </fieldset>
      <div className={errors.organisation?.length ? 'field invalid' : 'field'}>
        <label htmlFor={id('organisation')}>{t('people.organisation')}</label>
        <select
          id={id('organisation')}
          name="organisation"
          defaultValue={defaults.organisation ?? ''}
          aria-invalid={errors.organisation?.length ? true : undefined}
          aria-describedby={described('organisation', true)}
        >
          <option value="">{t('people.noOrganisation')}</option>
          {organisations.map((o) => (
            <option key={o.shortName} value={o.shortName}>
              {o.shortName === o.name ? o.name : codeAndName(o.shortName, o.name)}
            </option>
          ))}
        </select>
        <p className="hint" id={id('organisation-hint')}>
          {t('people.organisationHint')}
        </p>
        <ErrorList id={id('organisation-error')} errors={errors.organisation} />
      </div>
    </>
  )
}

/** "Working group · KAZ, UZB", "Development partner · ADB", "Viewer". */
export function RoleAndScope({
  role,
  countries,
  organisation,
}: {
  role: string
  countries: readonly string[]
  organisation: string | null
}) {
  const { t } = useTranslation()
  const scope = countries.join(t('punctuation.list')) || organisation
  // a dot list: where the cell is narrow (a phone, Chinese), no line begins or ends with the dot
  return (
    <DotList
      className="tight"
      items={[t(`role.${role as Role}`), scope ? <span className="muted">{scope}</span> : null]}
    />
  )
}
