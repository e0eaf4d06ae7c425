import { parseWithZod } from '@conform-to/zod'
import { DotList } from '~/components/DotList'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { currentSessionId, requireUser } from '~/auth/session.server'
import { Field } from '~/components/forms'
import { PasswordFields } from '~/components/people/PasswordFields'
import { ProfileFields } from '~/components/people/ProfileFields'
import { RoleAndScope } from '~/components/people/ScopeFields'
import { getDb } from '~/db.server'
import { formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { DELIVERIES, PREFERENCE_KINDS, type Delivery } from '~/notifications/preferences'
import { getPreferences, savePreferences } from '~/notifications/preferences.server'
import { getProfile, updateProfile } from '~/people/account.server'
import { changePassword } from '~/people/passwords.server'
import { passwordError } from '~/people/route-helpers.server'
import { ChangePasswordForm, ProfileForm } from '~/people/schema'
import { endOtherSessions, endSession, listSessions } from '~/people/sessions.server'
import { notFound } from '~/permissions/guard.server'
import { useFocusFirstInvalid } from '~/components/feedback/useFocusOnArrival'

// Your account (issue 8): name and preferred language, password, e-mail preferences per kind of
// notification, and your sessions. Everyone manages their own; each section is its own form.
// Part B adds two-factor sign-in (/account/security) and API tokens (/account/tokens).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const db = await getDb()
  const profile = await getProfile(db, user.id)
  if (!profile) notFound()
  return {
    profile,
    countries: user.countries,
    preferences: await getPreferences(db, user.id),
    sessions: await listSessions(db, user.id, currentSessionId(request)),
  }
}

const delivery = z.enum(DELIVERIES).catch('immediate')
const PreferencesForm = z.object({
  mentions: delivery,
  status_changes: delivery,
  cofinancing: delivery,
  changes: delivery,
}) satisfies z.ZodType<Record<(typeof PREFERENCE_KINDS)[number], Delivery>, z.ZodTypeDef, unknown>
const SessionForm = z.object({ key: z.string().min(1).max(100) })

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const db = await getDb()
  const formData = await request.formData()
  const intent = formData.get('intent')
  const sessionId = currentSessionId(request)
  if (intent === 'profile') {
    const submission = parseWithZod(formData, { schema: ProfileForm })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
    await updateProfile(db, user.id, submission.value)
    throw redirect('/account?done=profile')
  }
  if (intent === 'password') {
    const submission = parseWithZod(formData, { schema: ChangePasswordForm })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
    const outcome = await changePassword(db, user.id, sessionId, submission.value)
    if (outcome.kind === 'wrong_password')
      return data(
        { intent, result: submission.reply({ fieldErrors: { current: ['password.wrongCurrent'] } }) },
        { status: 400 },
      )
    if (outcome.kind === 'weak_password')
      return data(
        { intent, result: submission.reply({ fieldErrors: passwordError(outcome.problem) }) },
        { status: 400 },
      )
    throw redirect('/account?done=password')
  }
  if (intent === 'preferences') {
    await savePreferences(db, user.id, PreferencesForm.parse(Object.fromEntries(formData)))
    throw redirect('/account?done=preferences')
  }
  if (intent === 'end-session') {
    const parsed = SessionForm.safeParse(Object.fromEntries(formData))
    if (parsed.success) await endSession(db, user.id, parsed.data.key)
    throw redirect('/account?done=session')
  }
  if (intent === 'end-others') {
    await endOtherSessions(db, user.id, sessionId)
    throw redirect('/account?done=others')
  }
  return data({ intent: null, result: null }, { status: 400 })
}

export default function Account() {
  const { t, i18n } = useTranslation()
  const { profile, countries, preferences, sessions } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('done')
  const busy = useNavigation().state === 'submitting'
  const errorsOf = (intent: string) => (answer?.intent === intent ? (answer.result?.error ?? {}) : {})
  const profileErrors = errorsOf('profile')
  const passwordErrors = errorsOf('password')
  const profileForm = useFocusFirstInvalid<HTMLFormElement>(answer?.intent === 'profile' ? answer : null)
  const passwordForm = useFocusFirstInvalid<HTMLFormElement>(answer?.intent === 'password' ? answer : null)
  const others = sessions.filter((s) => !s.current).length
  return (
    <div className="account-page">
      <h1>{t('account.title')}</h1>
      {done ? (
        <p className="notice" role="status">
          {t(`account.done.${done}`, { defaultValue: t('account.done.profile') })}
        </p>
      ) : null}
      <dl>
        <dt>{t('people.email')}</dt>
        <dd>{profile.email}</dd>
        <dt>{t('people.roleAndScope')}</dt>
        <dd>
          <RoleAndScope role={profile.role} countries={countries} organisation={profile.organisation} />
        </dd>
      </dl>

      <section className="panel" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.profile')}</h2>
        <Form method="post" className="stack" noValidate ref={profileForm}>
          <input type="hidden" name="intent" value="profile" />
          <ProfileFields
            idPrefix="profile-"
            name={profile.name}
            language={profile.language}
            nameErrors={profileErrors.name ?? undefined}
          />
          <button type="submit" disabled={busy}>
            {t('account.saveProfile')}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="password-title">
        <h2 id="password-title">{t('account.password')}</h2>
        <p className="muted">{t('account.passwordIntro')}</p>
        <Form method="post" className="stack" noValidate ref={passwordForm}>
          <input type="hidden" name="intent" value="password" />
          <input type="hidden" name="username" autoComplete="username" value={profile.email} />
          <Field
            label={t('password.current')}
            htmlFor="current"
            errors={passwordErrors.current ?? undefined}
            errorId="current-error"
          >
            <input
              id="current"
              name="current"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={passwordErrors.current?.length ? true : undefined}
              aria-describedby={passwordErrors.current?.length ? 'current-error' : undefined}
            />
          </Field>
          <PasswordFields
            errors={{
              password: passwordErrors.password ?? undefined,
              confirm: passwordErrors.confirm ?? undefined,
            }}
          />
          <button type="submit" disabled={busy}>
            {t('account.changePassword')}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="mail-title">
        <h2 id="mail-title">{t('account.mail')}</h2>
        <p className="muted">{t('account.mailIntro')}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="preferences" />
          {PREFERENCE_KINDS.map((kind) => (
            <fieldset key={kind} className="segmented-choice">
              <legend>{t(`account.kinds.${kind}`)}</legend>
              {DELIVERIES.map((delivery) => (
                <label key={delivery} className="check">
                  <input
                    type="radio"
                    name={kind}
                    value={delivery}
                    defaultChecked={preferences[kind] === delivery}
                  />
                  {t(`account.delivery.${delivery}`)}
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit" disabled={busy}>
            {t('account.savePreferences')}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.sessions')}</h2>
        <table className="items sessions-table">
          <caption className="visually-hidden">{t('account.sessionsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.browser')}</th>
              <th scope="col">{t('account.signedIn')}</th>
              <th scope="col">{t('account.lastUsed')}</th>
              <th scope="col">{t('account.signOut')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => {
              const label =
                session.browser && session.system
                  ? t('account.browserOn', { browser: session.browser, system: session.system })
                  : (session.browser ?? session.system ?? t('account.unknownBrowser'))
              return (
                <tr key={session.key}>
                  <th scope="row">
                    <DotList
                      className="tight"
                      items={[
                        label,
                        session.current ? (
                          <span key="current" className="muted">
                            {t('account.thisSession')}
                          </span>
                        ) : null,
                      ]}
                    />
                  </th>
                  <td>{session.createdAt ? formatUtc(session.createdAt, i18n.language) : '—'}</td>
                  <td>{session.lastUsedAt ? formatUtc(session.lastUsedAt, i18n.language) : '—'}</td>
                  <td>
                    {session.current ? (
                      <Form method="post" action="/logout">
                        <button type="submit" className="link-button">
                          {t('app.signOut')}
                        </button>
                      </Form>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="end-session" />
                        <input type="hidden" name="key" value={session.key} />
                        <button
                          type="submit"
                          className="link-button"
                          aria-label={t('account.signOutOf', { session: label })}
                        >
                          {t('account.signOutThere')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        {others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" disabled={busy}>
              {t('account.signOutEverywhereElse')}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="security-title">
        <h2 id="security-title">{t('twoFactor.accountSection')}</h2>
        <p className="muted">{t('twoFactor.accountSectionIntro')}</p>
        <ul>
          <li>
            <Link to="/account/security">{t('twoFactor.securityTitle')}</Link>
          </li>
          <li>
            <Link to="/account/tokens">{t('tokens.title')}</Link>
          </li>
        </ul>
      </section>
    </div>
  )
}
