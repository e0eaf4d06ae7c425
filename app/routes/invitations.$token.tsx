import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { assertSameOrigin, startSession } from '~/auth/session.server'
import { ErrorList } from '~/components/forms'
import { ProfileFields } from '~/components/people/ProfileFields'
import { LinkStateMessage } from '~/components/people/LinkState'
import { PasswordFields } from '~/components/people/PasswordFields'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { acceptInvitation, getInvitation } from '~/people/invitations.server'
import { linkStateStatus, ONE_TIME_LINK_HEADERS, passwordError } from '~/people/route-helpers.server'
import { AcceptForm } from '~/people/schema'
import { useFocusFirstInvalid } from '~/components/feedback/useFocusOnArrival'

// Accepting an invitation (issue 8): set a password, confirm name and language, and be signed in.
// A used, withdrawn or expired link says so plainly.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'invitation.title')
export const headers: HeadersFunction = () => ONE_TIME_LINK_HEADERS

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await getInvitation(await getDb(), params.token ?? '')
  if (invitation.kind !== 'valid')
    return data(
      { state: invitation.kind, invitation: null },
      { status: linkStateStatus(invitation.kind), headers: ONE_TIME_LINK_HEADERS },
    )
  return data({ state: 'valid' as const, invitation }, { headers: ONE_TIME_LINK_HEADERS })
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const submission = parseWithZod(await request.formData(), { schema: AcceptForm })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), state: null }, { status: 400 })
  const outcome = await acceptInvitation(await getDb(), params.token ?? '', submission.value)
  if (outcome.kind === 'weak_password')
    return data(
      { result: submission.reply({ fieldErrors: passwordError(outcome.problem) }), state: null },
      { status: 400 },
    )
  if (outcome.kind !== 'accepted')
    return data({ result: null, state: outcome.kind }, { status: linkStateStatus(outcome.kind) })
  const cookie = await startSession(request, outcome.userId)
  throw redirect('/items?welcome=1', { headers: { 'Set-Cookie': cookie, ...ONE_TIME_LINK_HEADERS } })
}

export default function AcceptInvitation() {
  const { t } = useTranslation()
  const loaded = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const form = useFocusFirstInvalid<HTMLFormElement>(answer?.result?.error ? answer : null)
  const state = answer?.state ?? loaded.state
  if (state !== 'valid' || !loaded.invitation) return <LinkStateMessage purpose="invitation" state={state} />
  const { invitation } = loaded
  const errors = answer?.result?.error ?? {}
  return (
    <section className="login">
      <h1>{t('invitation.title')}</h1>
      <p>{t('invitation.intro', { email: invitation.email })}</p>
      <Form method="post" className="stack" noValidate ref={form}>
        <ErrorList id="accept-error" errors={errors[''] ?? undefined} />
        {/* lets password managers store the new password under the right account */}
        <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
        <ProfileFields
          name={invitation.name}
          language={invitation.language}
          nameErrors={errors.name ?? undefined}
        />
        <PasswordFields
          errors={{ password: errors.password ?? undefined, confirm: errors.confirm ?? undefined }}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('invitation.accept')}
        </button>
      </Form>
    </section>
  )
}
