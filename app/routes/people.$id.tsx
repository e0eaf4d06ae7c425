import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ErrorList } from '~/components/forms'
import { RoleAndScope, ScopeFields } from '~/components/people/ScopeFields'
import { getDb } from '~/db.server'
import { formatUtc } from '~/i18n/format'
import { LANGUAGE_NAMES, isLanguage } from '~/i18n/languages'
import { pageTitle } from '~/i18n/meta'
import { resendInvitation, withdrawInvitation } from '~/people/invitations.server'
import { listOrganisations } from '~/people/organisations.server'
import { getPerson } from '~/people/people.server'
import { ScopeForm } from '~/people/schema'
import {
  changeRoleAndScope,
  deactivatePerson,
  reactivatePerson,
  type StatusOutcome,
} from '~/people/status.server'
import { guard, notFound } from '~/permissions/guard.server'
import { messageKey } from '~/i18n/keys'

// One person, for the secretariat: change their role or scope, deactivate or reactivate them,
// resend or withdraw their invitation. Each button is its own small form (`intent`).

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaded }) =>
  pageTitle(matches, null, {}, loaded?.person.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guard(request, 'people:manage')
  const db = await getDb()
  const person = await getPerson(db, params.id ?? '')
  if (!person) notFound()
  return { person, organisations: await listOrganisations(db), isSelf: person.id === user.id }
}

const Intent = z.object({ intent: z.enum(['scope', 'deactivate', 'reactivate', 'resend', 'withdraw']) })

/** Refusals the page explains; every other outcome is a success or cannot happen past the guard. */
const REFUSALS: Partial<Record<StatusOutcome['kind'] | 'not_invited', string>> = {
  last_secretariat: 'people.refused.lastSecretariat',
  self: 'people.refused.self',
  not_active: 'people.refused.notActive',
  not_deactivated: 'people.refused.notDeactivated',
  not_invited: 'people.refused.notInvited',
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guard(request, 'people:manage')
  const formData = await request.formData()
  const intent = Intent.safeParse(Object.fromEntries(formData))
  if (!intent.success) return data({ refused: 'people.refused.unknownAction', result: null }, { status: 400 })
  const db = await getDb()
  const id = params.id ?? ''
  let outcome: { kind: string }
  if (intent.data.intent === 'scope') {
    const submission = parseWithZod(formData, { schema: ScopeForm })
    if (submission.status !== 'success')
      return data({ refused: null, result: submission.reply() }, { status: 400 })
    outcome = await changeRoleAndScope(db, user, id, submission.value)
    if (outcome.kind === 'unknown_organisation')
      return data(
        {
          refused: null,
          result: submission.reply({
            fieldErrors: { organisation: ['people.validation.unknownOrganisation'] },
          }),
        },
        { status: 400 },
      )
  } else if (intent.data.intent === 'deactivate') outcome = await deactivatePerson(db, user, id)
  else if (intent.data.intent === 'reactivate') outcome = await reactivatePerson(db, user, id, { mail: true })
  else if (intent.data.intent === 'resend') outcome = await resendInvitation(db, user, id, { mail: true })
  else outcome = await withdrawInvitation(db, user, id)
  if (outcome.kind === 'not_found') notFound()
  const refused = REFUSALS[outcome.kind as keyof typeof REFUSALS]
  if (refused) return data({ refused, result: null }, { status: 409 })
  throw redirect(`/people/${id}?done=${outcome.kind}`)
}

export default function Person() {
  const { t, i18n } = useTranslation()
  const { person, organisations, isSelf } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('done')
  const busy = useNavigation().state === 'submitting'
  const scopeErrors = answer?.result?.error ?? {}
  return (
    <section className="person-page">
      <p>
        <Link to="/people">{t('people.back')}</Link>
      </p>
      <h1>{person.name}</h1>
      {done ? (
        <p className="notice" role="status">
          {t(`people.done.${done}`, { defaultValue: t('people.done.changed') })}
        </p>
      ) : null}
      {answer?.refused ? (
        <p className="form-error" role="alert">
          {t(messageKey(answer.refused))}
        </p>
      ) : null}
      <dl>
        <dt>{t('people.email')}</dt>
        <dd>{person.email}</dd>
        <dt>{t('people.roleAndScope')}</dt>
        <dd>
          <RoleAndScope {...person} />
        </dd>
        <dt>{t('people.status')}</dt>
        <dd>
          {t(`people.statusName.${person.status}`)}
          {person.status === 'invited'
            ? person.invitationExpiresAt
              ? ` · ${t('people.invitationUntil', { when: formatUtc(person.invitationExpiresAt, i18n.language) })}`
              : ` · ${t('people.invitationExpired')}`
            : null}
        </dd>
        <dt>{t('people.language')}</dt>
        <dd>{isLanguage(person.language) ? LANGUAGE_NAMES[person.language] : person.language}</dd>
        <dt>{t('people.lastSignIn')}</dt>
        <dd>{person.lastSignInAt ? formatUtc(person.lastSignInAt, i18n.language) : t('people.never')}</dd>
        <dt>{t('people.since')}</dt>
        <dd>{formatUtc(person.createdAt, i18n.language)}</dd>
      </dl>

      <section className="panel" aria-labelledby="scope-title">
        <h2 id="scope-title">{t('people.changeScope')}</h2>
        <Form method="post" className="stack person-form" noValidate>
          <input type="hidden" name="intent" value="scope" />
          <ErrorList id="scope-form-error" errors={answer?.result?.error?.[''] ?? undefined} />
          <ScopeFields
            idPrefix="scope"
            organisations={organisations}
            defaults={person}
            errors={{
              role: scopeErrors.role ?? undefined,
              countries: scopeErrors.countries ?? undefined,
              organisation: scopeErrors.organisation ?? undefined,
            }}
          />
          <button type="submit" disabled={busy}>
            {t('people.saveScope')}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="access-title">
        <h2 id="access-title">{t('people.access')}</h2>
        {person.status === 'invited' ? (
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="intent" value="resend" />
              <button type="submit" disabled={busy}>
                {t('people.resend')}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" disabled={busy}>
                {t('people.withdraw')}
              </button>
            </Form>
          </div>
        ) : person.status === 'active' ? (
          isSelf ? (
            <p className="muted">{t('people.refused.self')}</p>
          ) : (
            <Form method="post">
              <p className="hint" id="deactivate-hint">
                {t('people.deactivateHint')}
              </p>
              <input type="hidden" name="intent" value="deactivate" />
              <button type="submit" disabled={busy} aria-describedby="deactivate-hint">
                {t('people.deactivate')}
              </button>
            </Form>
          )
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="reactivate" />
            <button type="submit" disabled={busy}>
              {t('people.reactivate')}
            </button>
          </Form>
        )}
        <p>
          <Link to={`/access-log?person=${encodeURIComponent(person.email)}`}>
            {t('people.seeAccessLog')}
          </Link>
        </p>
      </section>
    </section>
  )
}
