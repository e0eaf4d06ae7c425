import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/session.server'
import { ItemEditor } from '~/components/portfolio/ItemEditor'
import { getDb } from '~/db.server'
import { requirePermission } from '~/permissions/guard.server'
import { createItem } from '~/portfolio/items.server'
import { parseItemForm } from '~/portfolio/schema'
import { getTaxonomy } from '~/portfolio/taxonomy.server'
import { resolveLanguage } from '~/i18n/language.server'
import { pageTitle } from '~/i18n/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'form.newTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'item:create')
  const taxonomy = await getTaxonomy(await getDb())
  // A working group member's own country is the likely proposer: start with it ticked.
  return { taxonomy, proposers: user.role === 'working_group' ? user.countries : [] }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'item:create')
  const submission = parseItemForm(await request.formData(), resolveLanguage(request, user))
  if (submission.status !== 'success') return { result: submission.reply() }
  const outcome = await createItem(await getDb(), user, submission.value)
  if (outcome.kind === 'invalid') return { result: submission.reply({ fieldErrors: outcome.fieldErrors }) }
  if (outcome.kind !== 'saved') throw new Response('Unexpected outcome', { status: 500 })
  throw redirect(`/items/${encodeURIComponent(outcome.ref)}`)
}

export default function NewItem() {
  const { t } = useTranslation()
  const { taxonomy, proposers } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()?.result
  const strategy = taxonomy.strategies.length === 1 ? taxonomy.strategies[0]!.id : ''
  return (
    <section className="form-page">
      <h1>{t('form.newTitle')}</h1>
      <ItemEditor
        taxonomy={taxonomy}
        lastResult={result}
        cancelTo="/items"
        defaultValue={{
          ref: '',
          title_en: '',
          strategy_id: strategy,
          proposers: proposers as never,
          modalities: [],
        }}
      />
    </section>
  )
}
