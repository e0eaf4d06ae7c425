import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ItemEditor } from '~/components/portfolio/ItemEditor'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { forbidden, guard } from '~/permissions/guard.server'
import { can, countriesOf } from '~/permissions/permissions'
import { createItem } from '~/portfolio/items.server'
import { parseItemForm } from '~/portfolio/schema'
import { getTaxonomy } from '~/portfolio/taxonomy.server'
import { resolveLanguage } from '~/i18n/language.server'
import { pageTitle } from '~/i18n/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'form.newTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'item:create')
  const taxonomy = await getTaxonomy(await getDb())
  // The countries the user speaks for are the likely proposers: start with them ticked.
  return { taxonomy, proposers: countriesOf(user), canSetScores: can(user, 'score:set-direct') }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'item:create')
  const submission = parseItemForm(await request.formData(), resolveLanguage(request, user))
  if (submission.status !== 'success') return { result: submission.reply() }
  const db = await getDb()
  const outcome = await createItem(db, user, submission.value)
  switch (outcome.kind) {
    case 'saved':
      await setFlash(db, request, { key: 'feedback.created', values: { ref: outcome.ref }, next: 'proposed' })
      throw redirect(`/items/${encodeURIComponent(outcome.ref)}`)
    case 'invalid':
      return { result: submission.reply({ fieldErrors: outcome.fieldErrors }) }
    case 'forbidden':
      // proposers outside the user's countries: said beside the field, the form kept
      if (outcome.field === 'proposers_removed')
        return {
          result: submission.reply({ fieldErrors: { proposers: ['validation.proposersRemoveOther'] } }),
        }
      if (outcome.field === 'scores')
        return {
          result: submission.reply({
            fieldErrors: { strategic_importance: ['validation.directScoresSecretariat'] },
          }),
        }
      if (outcome.field === 'proposers')
        return {
          result: submission.reply({ fieldErrors: { proposers: ['validation.proposersOwnCountry'] } }),
        }
      return forbidden(outcome.action)
    case 'conflict':
    case 'not_found':
      // a new item has no stored version to conflict with
      throw new Error(`createItem answered ${outcome.kind}`)
  }
}

export default function NewItem() {
  const { t } = useTranslation()
  const { taxonomy, proposers, canSetScores } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()?.result
  const strategy = taxonomy.strategies.length === 1 ? taxonomy.strategies[0]!.id : ''
  return (
    <section className="form-page">
      <h1>{t('form.newTitle')}</h1>
      <ItemEditor
        taxonomy={taxonomy}
        lastResult={result}
        cancelTo="/items"
        canSetScores={canSetScores}
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
