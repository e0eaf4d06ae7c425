import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { assertSameOrigin } from '~/auth/session.server'
import { ErrorList } from '~/components/forms'
import { LinkStateMessage } from '~/components/people/LinkState'
import { PasswordFields } from '~/components/people/PasswordFields'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { getPasswordReset, resetPassword } from '~/people/passwords.server'
import { linkStateStatus, ONE_TIME_LINK_HEADERS, passwordError } from '~/people/route-helpers.server'
import { ResetForm } from '~/people/schema'
import { useFocusFirstInvalid } from '~/components/feedback/useFocusOnArrival'

// Setting a new password through a reset link (one hour, once). Every session of the account ends;
// the person then signs in with the new password (so a second factor, once turned on, is asked).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'passwordReset.title')
export const headers: HeadersFunction = () => ONE_TIME_LINK_HEADERS

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await getPasswordReset(await getDb(), params.token ?? '')
  if (reset.kind !== 'valid')
    return data(
      { state: reset.kind, email: null },
      { status: linkStateStatus(reset.kind), headers: ONE_TIME_LINK_HEADERS },
    )
  return data({ state: 'valid' as const, email: reset.email }, { headers: ONE_TIME_LINK_HEADERS })
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const submission = parseWithZod(await request.formData(), { schema: ResetForm })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), state: null }, { status: 400 })
  const outcome = await resetPassword(await getDb(), params.token ?? '', submission.value.password)
  if (outcome.kind === 'weak_password')
    return data(
      { result: submission.reply({ fieldErrors: passwordError(outcome.problem) }), state: null },
      { status: 400 },
    )
  if (outcome.kind !== 'reset')
    return data({ result: null, state: outcome.kind }, { status: linkStateStatus(outcome.kind) })
  throw redirect('/login?reset=done', { headers: ONE_TIME_LINK_HEADERS })
}

export default function ResetPassword() {
  const { t } = useTranslation()
  const loaded = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const form = useFocusFirstInvalid<HTMLFormElement>(answer?.result?.error ? answer : null)
  const state = answer?.state ?? loaded.state
  if (state !== 'valid' || !loaded.email) return <LinkStateMessage purpose="reset" state={state} />
  const errors = answer?.result?.error ?? {}
  return (
    <section className="login">
      <h1>{t('passwordReset.title')}</h1>
      <p>{t('passwordReset.intro', { email: loaded.email })}</p>
      <Form method="post" className="stack" noValidate ref={form}>
        <ErrorList id="reset-error" errors={errors[''] ?? undefined} />
        <input type="hidden" name="username" autoComplete="username" value={loaded.email} />
        <PasswordFields
          errors={{ password: errors.password ?? undefined, confirm: errors.confirm ?? undefined }}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('passwordReset.save')}
        </button>
      </Form>
    </section>
  )
}
