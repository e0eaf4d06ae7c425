import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { assertSameOrigin } from '~/auth/session.server'
import { ErrorList } from '~/components/forms'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { requestPasswordReset } from '~/people/passwords.server'
import { ForgotForm } from '~/people/schema'
import { useFocusFirstInvalid, useFocusOnArrival } from '~/components/feedback/useFocusOnArrival'

// A forgotten password (issue 8): the same answer, in about the same time, whether or not the
// e-mail has an account; an active account gets a link valid one hour.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'passwordReset.forgotTitle')

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const submission = parseWithZod(await request.formData(), { schema: ForgotForm })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), sent: false }, { status: 400 })
  await requestPasswordReset(await getDb(), submission.value.email)
  return { result: null, sent: true }
}

export default function ForgotPassword() {
  const { t } = useTranslation()
  const answer = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const errors = answer?.result?.error?.email ?? undefined
  // the answer takes the focus: the field with its message, or what happens next
  const form = useFocusFirstInvalid<HTMLFormElement>(errors?.length ? answer : null)
  const sent = useFocusOnArrival<HTMLParagraphElement>(answer?.sent ? answer : null)
  return (
    <section className="login">
      <h1>{t('passwordReset.forgotTitle')}</h1>
      {answer?.sent ? (
        <p className="notice" role="status" ref={sent} tabIndex={-1}>
          {t('passwordReset.sent')}
        </p>
      ) : (
        <>
          <p>{t('passwordReset.forgotIntro')}</p>
          <Form method="post" className="stack" noValidate ref={form}>
            <label htmlFor="email">{t('login.email')}</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              aria-invalid={errors?.length ? true : undefined}
              aria-describedby={errors?.length ? 'email-error' : undefined}
            />
            <ErrorList id="email-error" errors={errors} />
            <button type="submit" className="primary" disabled={busy}>
              {t('passwordReset.send')}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t('links.signIn')}</Link>
      </p>
    </section>
  )
}
