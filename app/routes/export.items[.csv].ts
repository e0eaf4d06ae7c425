import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { badParameter, downloadResponse, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { CONTENT_TYPES, exportFileName, exportItemsCsv } from '~/exports/items.server'
import { nowIso } from '~/portfolio/items.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { guardApi } from '~/permissions/guard.server'
import { parseListQuery } from '~/portfolio/list-query'

// GET /export/items.csv?<the parameters of /api/v1/items>: every matching item (no paging), in the
// item interchange format. `cols` is accepted (a copied table link works) and does not change the
// columns: the CSV always has the interchange columns, so it re-imports (docs/decisions/0009-exports.md).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guardApi(request, 'item:read')
  const parsed = parseListQuery(new URL(request.url).searchParams, ['cols'])
  if (!parsed.ok) return badParameter(translator(resolveLanguage(request, user)), parsed.problem)
  return downloadResponse(
    exportItemsCsv(await getDb(), parsed.query),
    CONTENT_TYPES.csv,
    exportFileName('csv', nowIso()),
  )
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
