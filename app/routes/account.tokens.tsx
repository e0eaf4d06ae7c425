import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/session.server'
import { ErrorList, Field } from '~/components/forms'
import { TokenTable } from '~/components/tokens/TokenTable'
import { getDb } from '~/db.server'
import { messageKey } from '~/i18n/keys'
import { pageTitle } from '~/i18n/meta'
import { can } from '~/permissions/permissions'
import { RevokeForm, TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, TOKEN_NAME_MAX, TokenForm } from '~/tokens/schema'
import { createToken, listTokens, revokeToken } from '~/tokens/tokens.server'

// The signed-in person's personal API tokens (docs/decisions/0023-api-tokens.md): create one
// (shown once), see them, revoke any.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'tokens.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return {
    tokens: await listTokens(await getDb(), user.id, new Date()),
    canSeeAll: can(user, 'token:manage'),
  }
}

interface TokensResult {
  result?: SubmissionResult<string[]>
  /** the new token, shown this once */
  created?: { name: string; token: string }
  revoked?: string
  error?: string
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await request.formData()
  const db = await getDb()
  if (form.get('intent') === 'revoke') {
    const parsed = RevokeForm.safeParse({ id: form.get('id') })
    const outcome = parsed.success ? await revokeToken(db, user, parsed.data.id, new Date()) : null
    if (outcome?.kind === 'revoked') return data<TokensResult>({ revoked: outcome.token.name })
    return data<TokensResult>(
      { error: 'tokens.notFound' },
      { status: outcome?.kind === 'forbidden' ? 403 : 404 },
    )
  }
  const submission = parseWithZod(form, { schema: TokenForm })
  if (submission.status !== 'success')
    return data<TokensResult>({ result: submission.reply() }, { status: 400 })
  const created = await createToken(db, user.id, submission.value, new Date())
  return data<TokensResult>({
    result: submission.reply({ resetForm: true }),
    created: { name: submission.value.name, token: created.token },
  })
}

export default function AccountTokens() {
  const { t } = useTranslation()
  const { tokens, canSeeAll } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const lastResult = outcome?.result ?? null
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    defaultValue: { kind: 'read', days: String(TOKEN_DAYS_DEFAULT) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TokenForm }),
  })
  const created = outcome?.created ?? null
  return (
    <div className="account-tokens stack">
      <h1>{t('tokens.title')}</h1>
      <p className="muted">{t('tokens.intro')}</p>
      {created ? (
        <section aria-labelledby="new-token" className="panel" role="status">
          <h2 id="new-token">{t('tokens.created', { name: created.name })}</h2>
          <label htmlFor="token-value">{t('tokens.tokenLabel')}</label>
          <input id="token-value" type="text" readOnly value={created.token} className="token-value" />
        </section>
      ) : null}
      {outcome?.revoked ? <p role="status">{t('tokens.revoked', { name: outcome.revoked })}</p> : null}
      {outcome?.error ? (
        <p className="form-error" role="alert">
          {t(messageKey(outcome.error))}
        </p>
      ) : null}
      <section aria-labelledby="create-token" className="panel">
        <h2 id="create-token">{t('tokens.create')}</h2>
        <Form method="post" {...getFormProps(form)} noValidate className="stack">
          <input type="hidden" name="intent" value="create" />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            field={fields.name}
            label={t('tokens.name')}
            hint={t('tokens.nameHint', { max: TOKEN_NAME_MAX })}
          >
            <input
              {...getInputProps(fields.name, { type: 'text' })}
              autoComplete="off"
              maxLength={TOKEN_NAME_MAX}
            />
          </Field>
          <Field field={fields.kind} label={t('tokens.kind')}>
            <select {...getSelectProps(fields.kind)}>
              <option value="read">{t('tokens.kindRead')}</option>
              <option value="write">{t('tokens.kindWrite')}</option>
            </select>
          </Field>
          <Field
            field={fields.days}
            label={t('tokens.days')}
            hint={t('tokens.daysHint', { max: TOKEN_DAYS_MAX })}
          >
            <input {...getInputProps(fields.days, { type: 'number' })} min={1} max={TOKEN_DAYS_MAX} />
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            {t('tokens.create')}
          </button>
        </Form>
      </section>
      {tokens.length === 0 ? (
        <p>{t('tokens.none')}</p>
      ) : (
        <TokenTable tokens={tokens} caption={t('tokens.title')} busy={busy} />
      )}
      <p>
        <Link to="/account/security">{t('twoFactor.securityTitle')}</Link>
        {canSeeAll ? (
          <>
            {' · '}
            <Link to="/tokens">{t('tokens.everyoneLink')}</Link>
          </>
        ) : null}
      </p>
    </div>
  )
}
