import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { parseWithZod } from '@conform-to/zod'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OwnFlagForm, type FlagFeedback } from '~/components/cofinancing/CofinancingPanel'
import { getFlags, saveFlag, withdrawFlag, type FlagOutcome } from '~/cofinancing/cofinancing.server'
import { FlagForm } from '~/cofinancing/schema'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { withLocalAmounts } from '~/i18n/amount-input'
import { resolveLanguage } from '~/i18n/language.server'
import { pageTitle } from '~/i18n/meta'
import { forbidden, guard, notFound } from '~/permissions/guard.server'
import { getItemByRef } from '~/portfolio/items.server'
import { outdatedLanguages, titlesOf } from '~/portfolio/item-text'
import { ItemText } from '~/components/portfolio/ItemText'

// A development partner's own co-financing flag on an item (app/cofinancing). The item page posts
// here through a fetcher; without JavaScript the form posts as a page and this page answers.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, null, {}, data ? `${data.ref} · ${data.organisation}` : undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guard(request, 'flag:write')
  const db = await getDb()
  const item = await getItemByRef(db, params.ref ?? '')
  if (!item) notFound()
  const organisation = user.organisation!.trim()
  const own = (await getFlags(db, item.id)).find((flag) => flag.organisation === organisation) ?? null
  return { ref: item.ref, titles: titlesOf(item), outdated: item.translations_outdated, organisation, own }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guard(request, 'flag:write')
  const ref = params.ref ?? ''
  const db = await getDb()
  const formData = await request.formData()
  const back = () => redirect(`/items/${encodeURIComponent(ref)}`)
  const schema = withLocalAmounts(FlagForm, resolveLanguage(request, user))
  if (formData.get('intent') === 'withdraw') {
    const outcome = await withdrawFlag(db, user, ref)
    if (outcome.kind === 'done') {
      await setFlash(db, request, { key: 'feedback.flagWithdrawn', values: { ref } })
      throw back()
    }
    return refused(outcome, parseWithZod(formData, { schema }).reply())
  }
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success')
    return data<FlagFeedback>({ result: submission.reply() }, { status: 400 })
  const outcome = await saveFlag(db, user, ref, submission.value)
  if (outcome.kind === 'done') {
    await setFlash(db, request, { key: 'feedback.flagged', values: { ref } })
    throw back()
  }
  return refused(outcome, submission.reply({ formErrors: ['cofinancing.archived'] }))
}

function refused(outcome: Exclude<FlagOutcome, { kind: 'done' }>, result: FlagFeedback['result']) {
  switch (outcome.kind) {
    case 'not_found':
      notFound()
    case 'forbidden':
      return forbidden(outcome.action)
    case 'archived':
      return data<FlagFeedback>(
        { result: { ...result, error: { '': ['cofinancing.archived'] } } },
        { status: 409 },
      )
  }
}

export default function FlagPage() {
  const { t } = useTranslation()
  const { ref, titles, outdated, organisation, own } = useLoaderData<typeof loader>()
  const feedback = useActionData<typeof action>()
  return (
    <article className="item-page">
      <p>
        <Link to={`/items/${encodeURIComponent(ref)}`}>← {t('error.backToItem', { ref })}</Link>
      </p>
      <h1>
        {t('punctuation.labelled', { label: t('cofinancing.title'), value: ref })}{' '}
        <ItemText texts={titles} outdated={outdatedLanguages(outdated, 'title')} />
      </h1>
      <OwnFlagForm
        itemRef={ref}
        organisation={organisation}
        own={own}
        lastResult={feedback?.result ?? null}
      />
    </article>
  )
}
