import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { badParameter, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { guardApi } from '~/permissions/guard.server'
import { toApiItem } from '~/portfolio/item-view'
import { listItems } from '~/portfolio/list.server'
import { parseListQuery } from '~/portfolio/list-query'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guardApi(request, 'item:read')
  // `cols` only chooses table columns; accepting it lets a copied table link work here too.
  const parsed = parseListQuery(new URL(request.url).searchParams, ['cols'])
  if (!parsed.ok) return badParameter(translator(resolveLanguage(request, user)), parsed.problem)
  const page = await listItems(await getDb(), parsed.query)
  return Response.json({ ...page, items: page.items.map(toApiItem) })
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
