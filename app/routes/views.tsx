import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { translateMessage } from '~/i18n/message'
import { pageTitle } from '~/i18n/meta'
import { can } from '~/permissions/permissions'
import { forbidden, guard } from '~/permissions/guard.server'
import { paramMessage } from '~/portfolio/url-params'
import { ViewForm, type ViewFeedback } from '~/views/schema'
import { deleteView, listViews, renameView, saveView, type ViewOutcome } from '~/views/views.server'

// Saved views (app/views): the list of one's own and the shared ones, with rename and delete.
// The portfolio table saves a view here too (app/components/views/SavedViews.tsx).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'views.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'view:save')
  return {
    views: await listViews(await getDb(), user),
    canShare: can(user, 'view:share'),
    // the grid is the committee's: anyone else following the link met a 403
    canScore: can(user, 'score:write'),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'view:save')
  const t = translator(resolveLanguage(request, user))
  const parsed = ViewForm.safeParse(Object.fromEntries((await request.formData().catch(() => null)) ?? []))
  if (!parsed.success)
    return data<ViewFeedback>(
      { ok: false, message: translateMessage(t, parsed.error.issues[0]!.message) },
      { status: 400 },
    )
  const db = await getDb()
  const input = parsed.data
  const outcome: ViewOutcome =
    input.intent === 'save'
      ? await saveView(db, user, input)
      : input.intent === 'rename'
        ? await renameView(db, user, input.id, input.name)
        : await deleteView(db, user, input.id)
  switch (outcome.kind) {
    case 'forbidden':
      return forbidden(outcome.action)
    case 'saved':
      return {
        ok: true,
        id: outcome.view.id,
        message: t(input.intent === 'rename' ? 'views.renamed' : 'views.saved', { name: outcome.view.name }),
      }
    case 'deleted':
      return { ok: true, message: t('views.deleted', { name: outcome.name }) }
    case 'duplicate':
      return data<ViewFeedback>(
        { ok: false, message: t('views.duplicate', { name: outcome.name }) },
        { status: 409 },
      )
    case 'too_many':
      return data<ViewFeedback>(
        { ok: false, message: t('views.tooMany', { limit: outcome.limit }) },
        { status: 409 },
      )
    case 'not_found':
      return data<ViewFeedback>({ ok: false, message: t('views.notFound') }, { status: 404 })
    case 'bad_view':
      return data<ViewFeedback>(
        { ok: false, message: t('views.badView', { message: paramMessage(t, outcome.problem) }) },
        { status: 400 },
      )
  }
}

export default function SavedViewsPage() {
  const { t } = useTranslation()
  const { views, canScore } = useLoaderData<typeof loader>()
  const feedback = useActionData<typeof action>()
  const notice = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (feedback) notice.current?.focus()
  }, [feedback])
  return (
    <div className="saved-views">
      <h1>{t('views.title')}</h1>
      <p className="hint">{t('views.intro')}</p>
      {feedback ? (
        <p className={`notice ${feedback.ok ? '' : 'warning'}`} role="status" tabIndex={-1} ref={notice}>
          {feedback.message}
        </p>
      ) : null}
      {views.length === 0 ? <p>{t('views.none')}</p> : null}
      <ul className="view-list">
        {views.map((view) => (
          <li key={view.id}>
            <Link to={`/items${view.query ? `?${view.query}` : ''}`}>{view.name}</Link>{' '}
            <span className="hint">
              {view.shared ? t('views.sharedBy', { name: view.ownerName }) : t('views.yours')}
            </span>{' '}
            {canScore ? (
              <Link to={`/scoring?view=${encodeURIComponent(view.id)}`}>{t('views.score')}</Link>
            ) : null}
            {view.mine ? (
              <>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="rename" />
                  <input type="hidden" name="id" value={view.id} />
                  <label className="visually-hidden" htmlFor={`rename-${view.id}`}>
                    {t('views.renameLabel', { name: view.name })}
                  </label>
                  <input
                    id={`rename-${view.id}`}
                    name="name"
                    defaultValue={view.name}
                    maxLength={80}
                    required
                  />
                  <button type="submit" className="button">
                    {t('views.rename')}
                  </button>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={view.id} />
                  <button
                    type="submit"
                    className="button"
                    aria-label={t('views.deleteLabel', { name: view.name })}
                  >
                    {t('views.delete')}
                  </button>
                </Form>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  )
}
