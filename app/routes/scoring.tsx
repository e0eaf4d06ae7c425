import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react'
import { z } from 'zod'
import { useTranslation } from 'react-i18next'
import { ScoringGrid, type GridFeedback } from '~/components/prioritisation/ScoringGrid'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { translateMessage } from '~/i18n/message'
import { pageTitle } from '~/i18n/meta'
import { forbidden, guard, notFound } from '~/permissions/guard.server'
import { getGrid, saveGridRow } from '~/prioritisation/grid.server'
import { ScoreForm } from '~/prioritisation/schema'
import { ListQuery, parseListQuery } from '~/portfolio/list-query'
import { paramMessage } from '~/portfolio/url-params'
import { viewParamsOf } from '~/views/views.server'

// The scoring grid (app/prioritisation/grid.server.ts): a committee member scores the items of a
// table view (its parameters, or a saved view: ?view=<id>) one row each, by keyboard; each row is
// posted here by a fetcher of its own as soon as it has both scores.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'grid.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'score:write')
  const db = await getDb()
  const found = await viewParamsOf(db, user, new URL(request.url).searchParams)
  if (found.kind === 'not_found') notFound()
  const { params } = found
  const viewName = found.view?.name ?? null
  const parsed = parseListQuery(params, ['cols'])
  const t = translator(resolveLanguage(request, user))
  const grid = await getGrid(db, user, parsed.ok ? parsed.query : ListQuery.parse({}))
  if ('kind' in grid) return forbidden(grid.action)
  params.delete('cols')
  return {
    grid,
    viewName,
    tableHref: `/items${params.toString() ? `?${params}` : ''}`,
    badParameter: parsed.ok ? null : paramMessage(t, parsed.problem),
  }
}

const RowForm = ScoreForm.extend({ ref: z.string().min(1), seen: z.string().default('') })

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'score:write')
  const t = translator(resolveLanguage(request, user))
  const parsed = RowForm.safeParse(Object.fromEntries((await request.formData().catch(() => null)) ?? []))
  if (!parsed.success)
    return data<GridFeedback>(
      { kind: 'invalid', message: translateMessage(t, parsed.error.issues[0]!.message) },
      { status: 400 },
    )
  const { ref, seen, ...input } = parsed.data
  const outcome = await saveGridRow(await getDb(), user, ref, input, seen)
  switch (outcome.kind) {
    case 'forbidden':
      return forbidden(outcome.action)
    case 'not_found':
      return notFound()
    case 'saved':
      return data<GridFeedback>({ kind: 'saved', updated_at: outcome.updated_at, median: outcome.median })
    case 'conflict':
      return data<GridFeedback>({ kind: 'conflict', current: outcome.current }, { status: 409 })
    case 'archived':
      return data<GridFeedback>({ kind: 'archived' }, { status: 409 })
  }
}

// A row's save changes only that row, which its fetcher already shows: reloading the whole grid
// after each keystroke's save would only cost time.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === '/scoring' ? false : defaultShouldRevalidate

export default function Scoring() {
  const { t } = useTranslation()
  const { grid, viewName, tableHref, badParameter } = useLoaderData<typeof loader>()
  return (
    <div className="scoring">
      <h1>{t('grid.title')}</h1>
      <p>
        {t('grid.view')} <Link to={tableHref}>{viewName ?? t('grid.wholePortfolio')}</Link>
      </p>
      <p className="hint" id="grid-help">
        {t('grid.intro')}
      </p>
      {badParameter ? (
        <p className="notice warning" role="status">
          {t('list.badParameter', { message: badParameter })}
        </p>
      ) : null}
      {grid.rows.length === 0 ? <p>{t('grid.none')}</p> : <ScoringGrid rows={grid.rows} />}
      {grid.total > grid.rows.length ? (
        <p className="hint">{t('grid.more', { shown: grid.rows.length, total: grid.total })}</p>
      ) : null}
    </div>
  )
}
