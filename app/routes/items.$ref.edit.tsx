import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { CurrentUser } from '~/auth/session.server'
import { ItemEditor } from '~/components/portfolio/ItemEditor'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { forbidden, guardItem, notFound } from '~/permissions/guard.server'
import { can } from '~/permissions/permissions'
import { baselineOf, getItemByRef, updateItem } from '~/portfolio/items.server'
import { formValuesOf, parseItemForm } from '~/portfolio/schema'
import { getTaxonomy } from '~/portfolio/taxonomy.server'
import { resolveLanguage } from '~/i18n/language.server'
import { pageTitle } from '~/i18n/meta'

export const meta: MetaFunction = ({ matches, params }) =>
  pageTitle(matches, 'form.editTitle', { ref: params.ref })

/** The one guard of this page: the item exists, the user may edit it, and it is not archived. */
async function guardEdit(request: Request, ref: string | undefined): Promise<CurrentUser> {
  const { user, item } = await guardItem(request, 'item:edit', ref)
  if (item.archived) throw data({ message: 'error.archivedEdit' }, { status: 409 })
  return user
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guardEdit(request, params.ref)
  const db = await getDb()
  const [item, taxonomy] = await Promise.all([getItemByRef(db, params.ref!), getTaxonomy(db)])
  if (!item) notFound()
  return {
    item,
    taxonomy,
    values: formValuesOf(item),
    baseline: JSON.stringify(baselineOf(item)),
    canSetScores: can(user, 'score:set-direct'),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guardEdit(request, params.ref)
  const formData = await request.formData()
  const submission = parseItemForm(formData, resolveLanguage(request, user))
  if (submission.status !== 'success') return { result: submission.reply(), conflict: null }
  const baseline = formData.get('baseline')
  const db = await getDb()
  const outcome = await updateItem(
    db,
    user,
    params.ref!,
    submission.value,
    typeof baseline === 'string' ? baseline : null,
  )
  switch (outcome.kind) {
    case 'saved':
      await setFlash(db, request, { key: 'feedback.saved', values: { ref: outcome.ref } })
      throw redirect(`/items/${encodeURIComponent(outcome.ref)}`)
    case 'not_found':
      notFound()
    case 'invalid':
      return { result: submission.reply({ fieldErrors: outcome.fieldErrors }), conflict: null }
    case 'forbidden':
      // proposers that would take the item out of the user's countries: said beside the field
      if (outcome.field === 'proposers_removed')
        return {
          result: submission.reply({ fieldErrors: { proposers: ['validation.proposersRemoveOther'] } }),
          conflict: null,
        }
      if (outcome.field === 'scores')
        return {
          result: submission.reply({
            fieldErrors: { strategic_importance: ['validation.directScoresSecretariat'] },
          }),
          conflict: null,
        }
      if (outcome.field === 'proposers')
        return {
          result: submission.reply({ fieldErrors: { proposers: ['validation.proposersOwnCountry'] } }),
          conflict: null,
        }
      return forbidden(outcome.action)
    case 'conflict':
      return {
        result: submission.reply(),
        conflict: {
          version: outcome.current.version,
          who: outcome.current.updated_by_name,
          when: outcome.current.updated_at,
          changes: outcome.changes,
        },
      }
  }
}

export default function EditItem() {
  const { t } = useTranslation()
  const { item, taxonomy, values, baseline, canSetScores } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section className="form-page">
      <h1>{t('form.editTitle', { ref: item.ref })}</h1>
      <ItemEditor
        taxonomy={taxonomy}
        defaultValue={values}
        lastResult={actionData?.result}
        conflict={actionData?.conflict}
        baseline={baseline}
        canSetScores={canSetScores}
        cancelTo={`/items/${encodeURIComponent(item.ref)}`}
      />
    </section>
  )
}
