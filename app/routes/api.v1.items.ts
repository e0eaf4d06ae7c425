import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { badParameter, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { guardApi } from '~/permissions/guard.server'
import { toApiItem } from '~/portfolio/item-view'
import { listItems } from '~/portfolio/list.server'
import { parseListQuery } from '~/portfolio/list-query'

export async function loader({ request }: LoaderFunctionArgs) {
  await guardApi(request, 'item:read')
  // `cols` only chooses table columns; accepting it lets a copied table link work here too.
  const parsed = parseListQuery(new URL(request.url).searchParams, ['cols'])
  if (!parsed.ok) return badParameter(parsed.problem)
  const page = await listItems(await getDb(), parsed.query)
  return Response.json({ ...page, items: page.items.map(toApiItem) })
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
