import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { clientAddress } from '~/auth/client.server'
import { challengeCookie, readCookie, SESSION_COOKIE, sessionCookie } from '~/auth/cookies.server'
import { LoginForm, safeRedirect } from '~/auth/schema'
import { throttledMessage } from '~/auth/sign-in-schema'
import { assertSameOrigin, getUser } from '~/auth/session.server'
import { signInWithPassword } from '~/auth/sign-in.server'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { messageKey } from '~/i18n/keys'
import { useFocusFirstInvalid } from '~/components/feedback/useFocusOnArrival'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'login.submit')

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request))
    throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = Object.fromEntries(await request.formData())
  const parsed = LoginForm.safeParse(form)
  const email = typeof form.email === 'string' ? form.email : ''
  if (!parsed.success) return data({ error: 'login.missing', email, minutes: 0 }, { status: 400 })
  const now = new Date()
  const outcome = await signInWithPassword(await getDb(), parsed.data, {
    address: clientAddress(context),
    previousToken: readCookie(request, SESSION_COOKIE),
    userAgent: request.headers.get('user-agent'),
    now,
  })
  const redirectTo = safeRedirect(parsed.data.redirectTo)
  switch (outcome.kind) {
    case 'signed_in':
      throw redirect(redirectTo, { headers: { 'Set-Cookie': sessionCookie(request, outcome.token) } })
    case 'second_factor_required':
      throw redirect(`/login/two-factor?${new URLSearchParams({ redirectTo })}`, {
        headers: { 'Set-Cookie': challengeCookie(request, outcome.challenge) },
      })
    case 'bad_credentials':
      return data({ error: 'login.failed', email, minutes: 0 }, { status: 401 })
    case 'throttled': {
      const wait = throttledMessage(outcome.retryAfter, now)
      return data({ error: 'login.throttled', email, ...wait }, { status: 429, headers: wait.headers })
    }
  }
}

export default function Login() {
  const { t } = useTranslation()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const notice = params.get('expired') ? t('login.secondFactorExpired') : null
  const error = result?.error ? t(messageKey(result.error), { count: result.minutes }) : notice
  // a refused sign-in: focus on the e-mail field, which the message describes
  const form = useFocusFirstInvalid<HTMLFormElement>(result?.error ? result : null)
  return (
    <section className="login">
      <h1>{t('login.title')}</h1>
      {params.get('reset') === 'done' ? (
        <p className="notice" role="status">
          {t('passwordReset.done')}
        </p>
      ) : null}
      <Form method="post" className="stack" ref={form}>
        {error ? (
          <p id="login-error" className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <label htmlFor="email">{t('login.email')}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={result?.email}
          // The page exists to sign in: the e-mail field is where the visitor's attention already is.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          aria-invalid={result?.error ? true : undefined}
          aria-describedby={result?.error ? 'login-error' : undefined}
        />
        <label htmlFor="password">{t('login.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={result?.error ? true : undefined}
          aria-describedby={result?.error ? 'login-error' : undefined}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('passwordReset.forgotLink')}</Link>
      </p>
    </section>
  )
}
