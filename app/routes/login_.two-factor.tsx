import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { clientAddress } from '~/auth/client.server'
import { securityConfig } from '~/auth/config.server'
import {
  CHALLENGE_COOKIE,
  clearCookie,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
} from '~/auth/cookies.server'
import { safeRedirect } from '~/auth/schema'
import { SecondFactorForm, throttledMessage } from '~/auth/sign-in-schema'
import { assertSameOrigin } from '~/auth/session.server'
import { completeSecondFactor } from '~/auth/sign-in.server'
import { getDb } from '~/db.server'
import { messageKey } from '~/i18n/keys'
import { pageTitle } from '~/i18n/meta'
import { useFocusFirstInvalid } from '~/components/feedback/useFocusOnArrival'

// The second step of signing in, after a right password, for people who turned two-factor on.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'twoFactor.signInTitle')

function expired(redirectTo: string, request: Request): never {
  throw redirect(`/login?${new URLSearchParams({ redirectTo, expired: '1' })}`, {
    headers: { 'Set-Cookie': clearCookie(request, CHALLENGE_COOKIE) },
  })
}

export function loader({ request }: LoaderFunctionArgs) {
  if (!readCookie(request, CHALLENGE_COOKIE))
    expired(safeRedirect(new URL(request.url).searchParams.get('redirectTo')), request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const parsed = SecondFactorForm.safeParse(Object.fromEntries(await request.formData()))
  // a code that cannot be right by its shape (five digits) is told what a code looks like
  if (!parsed.success)
    return data(
      {
        error: parsed.error.issues.find((i) => i.path[0] === 'code')?.message ?? 'twoFactor.codeMissing',
        minutes: 0,
      },
      { status: 400 },
    )
  const redirectTo = safeRedirect(parsed.data.redirectTo)
  const challenge = readCookie(request, CHALLENGE_COOKIE)
  if (!challenge) expired(redirectTo, request)
  const now = new Date()
  const outcome = await completeSecondFactor(
    await getDb(),
    { challenge, code: parsed.data.code },
    {
      address: clientAddress(context),
      previousToken: readCookie(request, SESSION_COOKIE),
      userAgent: request.headers.get('user-agent'),
      now,
    },
    securityConfig().secretKey,
  )
  switch (outcome.kind) {
    case 'signed_in': {
      const headers = new Headers()
      headers.append('Set-Cookie', clearCookie(request, CHALLENGE_COOKIE))
      headers.append('Set-Cookie', sessionCookie(request, outcome.token))
      throw redirect(redirectTo, { headers })
    }
    case 'bad_code':
      return data({ error: 'twoFactor.badCode', minutes: 0 }, { status: 401 })
    case 'expired':
      return expired(redirectTo, request)
    case 'throttled': {
      const wait = throttledMessage(outcome.retryAfter, now)
      return data({ error: 'login.throttled', minutes: wait.minutes }, { status: 429, headers: wait.headers })
    }
  }
}

export default function SecondFactor() {
  const { t } = useTranslation()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const form = useFocusFirstInvalid<HTMLFormElement>(result?.error ? result : null)
  return (
    <section className="login">
      <h1>{t('twoFactor.signInTitle')}</h1>
      <Form method="post" className="stack" ref={form}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <label htmlFor="code">{t('twoFactor.code')}</label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="text"
          autoComplete="one-time-code"
          required
          maxLength={40}
          // The only thing to do on this page: the cursor is already where the code goes.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          aria-invalid={result?.error ? true : undefined}
          aria-describedby={result?.error ? 'code-error code-hint' : 'code-hint'}
        />
        {result?.error ? (
          <p id="code-error" className="form-error" role="alert">
            {t(messageKey(result.error), { count: result.minutes })}
          </p>
        ) : null}
        <p id="code-hint" className="hint">
          {t('twoFactor.codeHint')}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {t('twoFactor.verify')}
        </button>
        <p>
          <Link to="/login">{t('twoFactor.startOver')}</Link>
        </p>
      </Form>
    </section>
  )
}
