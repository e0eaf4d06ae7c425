import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LoginForm, safeRedirect } from '~/auth/schema'
import { assertSameOrigin, getUser, signIn } from '~/auth/session.server'
import { pageTitle } from '~/i18n/meta'
import { messageKey } from '~/i18n/keys'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'login.submit')

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request))
    throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = Object.fromEntries(await request.formData())
  const parsed = LoginForm.safeParse(form)
  const email = typeof form.email === 'string' ? form.email : ''
  if (!parsed.success) return data({ error: 'login.missing', email }, { status: 400 })
  const cookie = await signIn(request, parsed.data.email, parsed.data.password)
  if (!cookie) return data({ error: 'login.failed', email }, { status: 401 })
  throw redirect(safeRedirect(parsed.data.redirectTo), { headers: { 'Set-Cookie': cookie } })
}

export default function Login() {
  const { t } = useTranslation()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  return (
    <section className="login">
      <h1>{t('login.title')}</h1>
      {params.get('reset') === 'done' ? (
        <p className="notice" role="status">
          {t('passwordReset.done')}
        </p>
      ) : null}
      <Form method="post" className="stack">
        {result?.error ? (
          <p id="login-error" className="form-error" role="alert">
            {t(messageKey(result.error))}
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
