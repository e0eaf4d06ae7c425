import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiError, methodNotAllowed } from '~/api/responses.server'
import { requireApiUser } from '~/auth/session.server'
import { getDb } from '~/db.server'
import { requirePermission } from '~/permissions/guard.server'
import { toApiItem } from '~/portfolio/item-view'
import { listItems } from '~/portfolio/list.server'
import { parseListQuery } from '~/portfolio/list-query'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireApiUser(request)
  requirePermission(user, 'item:read')
  // `cols` only chooses table columns; accepting it lets a copied table link work here too.
  const parsed = parseListQuery(new URL(request.url).searchParams, ['cols'])
  if (!parsed.ok) return apiError(400, 'bad_parameter', parsed.message, { parameter: parsed.param })
  const page = await listItems(await getDb(), parsed.query)
  return Response.json({ ...page, items: page.items.map(toApiItem) })
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
