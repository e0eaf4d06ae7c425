import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireApiUser } from '~/auth/session.server'
import { getDb } from '~/db.server'
import { requirePermission } from '~/permissions/guard.server'
import { toApiItem } from '~/portfolio/item-view'
import { listItems } from '~/portfolio/list.server'
import { parseListQuery } from '~/portfolio/list-query'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireApiUser(request)
  requirePermission(user, 'item:read')
  const parsed = parseListQuery(new URL(request.url).searchParams)
  if (!parsed.ok) return Response.json({ error: 'bad_parameter', parameter: parsed.param, message: parsed.message }, { status: 400 })
  const page = await listItems(await getDb(), parsed.query)
  return Response.json({ ...page, items: page.items.map(toApiItem) })
}
