import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { badParameter, downloadResponse, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { CONTENT_TYPES, exportFileName, exportItemsXlsx } from '~/exports/items.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { guardApi } from '~/permissions/guard.server'
import { visibleColumns } from '~/portfolio/columns'
import { nowIso } from '~/portfolio/items.server'
import { parseListQuery, toSearchParams } from '~/portfolio/list-query'

// GET /export/items.xlsx?<the parameters of /api/v1/items>: every matching item (no paging), with
// the view's visible columns (`cols`, as the table), for spreadsheets (docs/decisions/0009-exports.md).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guardApi(request, 'item:read')
  const url = new URL(request.url)
  const parsed = parseListQuery(url.searchParams, ['cols'])
  if (!parsed.ok) return badParameter(translator(resolveLanguage(request, user)), parsed.problem)
  const columns = visibleColumns(url.searchParams.getAll('cols').join(','))
  const view = toSearchParams({ ...parsed.query, page: 1 })
  if (url.searchParams.has('cols')) view.set('cols', columns.join(','))
  const exportedAt = nowIso()
  const body = exportItemsXlsx(await getDb(), parsed.query, {
    columns,
    // the reader's language, or the one an "XLSX in ..." link names with ?lng=
    language: resolveLanguage(request, user),
    exportedAt,
    exportedBy: user.name,
    viewUrl: `${url.origin}/items${view.size ? `?${view}` : ''}`,
  })
  return downloadResponse(body, CONTENT_TYPES.xlsx, exportFileName('xlsx', exportedAt))
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
