import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { DotList } from '~/components/DotList'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RoleAndScope } from '~/components/people/ScopeFields'
import { getDb } from '~/db.server'
import { codeAndName, formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { listOrganisations } from '~/people/organisations.server'
import { listPeople } from '~/people/people.server'
import { PeopleQuery, USER_STATUSES } from '~/people/schema'
import { guard } from '~/permissions/guard.server'
import { ROLES } from '~/permissions/permissions'
import { COUNTRY_CODES } from '~/portfolio/codes'

// People, for the secretariat (issue 8, docs/decisions/0020): everyone with an account, filtered
// by role, country, organisation and status, and searched by name or e-mail. A plain GET form: the
// filtered view is the URL.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'people.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request, 'people:manage')
  const params = new URL(request.url).searchParams
  const filter = PeopleQuery.parse(Object.fromEntries(params))
  const db = await getDb()
  const [people, organisations] = await Promise.all([listPeople(db, filter), listOrganisations(db)])
  return { people, filter, organisations: organisations.map((o) => o.shortName), filtered: params.size > 0 }
}

export default function People() {
  const { t, i18n } = useTranslation()
  const { people, filter, organisations, filtered } = useLoaderData<typeof loader>()
  return (
    <div className="people">
      <div className="page-head">
        <h1>{t('people.title')}</h1>
        <p className="actions">
          <Link to="/people/invite" className="button primary">
            {t('people.invite')}
          </Link>
          <Link to="/organisations">{t('organisations.title')}</Link>
          <Link to="/access-log">{t('accessLog.title')}</Link>
        </p>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t('people.filters')}>
        <div className="filter-row">
          <div className="field">
            <label htmlFor="people-q">{t('people.search')}</label>
            <input id="people-q" name="q" type="search" defaultValue={filter.q ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="people-role">{t('people.role')}</label>
            <select id="people-role" name="role" defaultValue={filter.role ?? ''}>
              <option value="">{t('people.any')}</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-country">{t('people.country')}</label>
            <select id="people-country" name="country" defaultValue={filter.country ?? ''}>
              <option value="">{t('people.any')}</option>
              {COUNTRY_CODES.map((code) => (
                <option key={code} value={code}>
                  {codeAndName(code, t(`country.${code}`))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-organisation">{t('people.organisation')}</label>
            <select id="people-organisation" name="organisation" defaultValue={filter.organisation ?? ''}>
              <option value="">{t('people.any')}</option>
              {organisations.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-status">{t('people.status')}</label>
            <select id="people-status" name="status" defaultValue={filter.status ?? ''}>
              <option value="">{t('people.any')}</option>
              {USER_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`people.statusName.${status}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="actions">
          <button type="submit">{t('people.applyFilters')}</button>
          {filtered ? <Link to="/people">{t('people.clearFilters')}</Link> : null}
        </p>
      </Form>
      <p role="status" className="result-count">
        {t('people.count', { count: people.length })}
      </p>
      {people.length > 0 ? (
        <div className="table-wrap">
          <table className="items people-table">
            <caption className="visually-hidden">{t('people.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.email')}</th>
                <th scope="col">{t('people.roleAndScope')}</th>
                <th scope="col">{t('people.status')}</th>
                <th scope="col">{t('people.lastSignIn')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <th scope="row">
                    <Link to={`/people/${person.id}`}>{person.name}</Link>
                  </th>
                  <td>{person.email}</td>
                  <td>
                    <RoleAndScope {...person} />
                  </td>
                  <td>
                    <DotList
                      className="tight"
                      items={[
                        <span key="status" className={`badge person-${person.status}`}>
                          {t(`people.statusName.${person.status}`)}
                        </span>,
                        person.status === 'invited' && !person.invitationExpiresAt ? (
                          <span key="expired" className="muted">
                            {t('people.invitationExpired')}
                          </span>
                        ) : null,
                      ]}
                    />
                  </td>
                  <td>
                    {person.lastSignInAt ? (
                      formatUtc(person.lastSignInAt, i18n.language)
                    ) : (
                      <span className="muted">{t('people.never')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}
