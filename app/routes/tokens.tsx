import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/session.server'
import { TokenTable } from '~/components/tokens/TokenTable'
import { getDb } from '~/db.server'
import { messageKey } from '~/i18n/keys'
import { pageTitle } from '~/i18n/meta'
import { requirePermission } from '~/permissions/guard.server'
import { RevokeForm } from '~/tokens/schema'
import { listAllTokens, revokeToken } from '~/tokens/tokens.server'

// The secretariat's view of every person's API tokens that still work, with Revoke.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'tokens.everyone')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'token:manage')
  return { tokens: await listAllTokens(await getDb(), new Date()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'token:manage')
  const parsed = RevokeForm.safeParse({ id: (await request.formData()).get('id') })
  const outcome = parsed.success ? await revokeToken(await getDb(), user, parsed.data.id, new Date()) : null
  if (outcome?.kind === 'revoked') return data({ revoked: outcome.token.name, error: null })
  return data({ revoked: null, error: 'tokens.notFound' }, { status: 404 })
}

export default function EveryonesTokens() {
  const { t } = useTranslation()
  const { tokens } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="tokens stack">
      <h1>{t('tokens.everyone')}</h1>
      <p className="muted">{t('tokens.everyoneIntro')}</p>
      {outcome?.revoked ? <p role="status">{t('tokens.revoked', { name: outcome.revoked })}</p> : null}
      {outcome?.error ? (
        <p className="form-error" role="alert">
          {t(messageKey(outcome.error))}
        </p>
      ) : null}
      {tokens.length === 0 ? (
        <p>{t('tokens.noneAtAll')}</p>
      ) : (
        <TokenTable tokens={tokens} caption={t('tokens.everyone')} busy={busy} />
      )}
    </div>
  )
}
